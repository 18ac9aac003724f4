"""Character maps that touch few characters: ``str.translate`` without its per-character cost.

Why: ``str.translate`` looks every character of the text up in its table. On a text with any
character outside ASCII (one curly quote, one emoji - most social posts) CPython leaves its ASCII
fast path, and each character the table does not hold costs a failed lookup that raises and
catches a ``LookupError`` inside C: ~40 us per kilobyte. The folds of the gates, the
call-to-action view and the organisation cues hold a handful of characters (whitespace, Arabic
letter variants, curly apostrophes) that most texts contain a few times or not at all. A
regular expression of one character class finds those few in one C scan (~2-3 us per kilobyte)
and only they are replaced.

Exactness: :meth:`CharMap.apply` equals ``text.translate(table)`` for every text - the class
holds exactly the table's keys, each match is one character, and it is replaced by the table's
value (removed for ``None``); ``tests/test_charmap.py`` compares the two on every table the
package uses, on random text and on every code point of each table.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from tvec.errors import ConfigurationError

#: What ``str.maketrans`` and ``dict.fromkeys(..., None)`` build: code point -> replacement.
Table = Mapping[int, "str | int | None"]


@dataclass(frozen=True)
class CharMap:
    """``apply(text) == text.translate(table)``, found by a character class; build once (at import)."""

    table: Table
    _pattern: re.Pattern[str] | None = field(repr=False)
    _replacements: Mapping[str, str] = field(repr=False)
    _single: str | None = field(repr=False)  # the one replacement every key has, if so

    @classmethod
    def of(cls, table: Table) -> CharMap:
        replacements: dict[str, str] = {}
        for key, value in table.items():
            if not isinstance(key, int):
                raise ConfigurationError(f"character map key {key!r}: expected a code point (use str.maketrans)")
            if value is None:
                replacements[chr(key)] = ""
            elif isinstance(value, int):
                replacements[chr(key)] = chr(value)
            elif isinstance(value, str):
                replacements[chr(key)] = value
            else:
                raise ConfigurationError(f"character map value {value!r} for {chr(key)!r}: expected str, int or None")
        # a key mapped to itself changes nothing; left in the class it would match every space
        replacements = {ch: value for ch, value in replacements.items() if value != ch}
        if not replacements:
            return cls(table, None, {}, None)
        pattern = re.compile("[" + "".join(re.escape(ch) for ch in sorted(replacements)) + "]")
        values = set(replacements.values())
        single = next(iter(values)) if len(values) == 1 else None
        return cls(table, pattern, replacements, single)

    def apply(self, text: str) -> str:
        """``text.translate(self.table)``."""
        pattern = self._pattern
        if pattern is None or pattern.search(text) is None:
            return text
        single = self._single
        if single is not None:  # one replacement string for all: no Python call per match
            return pattern.sub(lambda _: single, text) if "\\" in single else pattern.sub(single, text)
        replacements = self._replacements
        return pattern.sub(lambda match: replacements[match.group()], text)
