"""Literal gates: a fast, exact pre-filter for big unions of lexicon patterns.

Why: Python's ``re`` tries every branch of a large alternation at every position of the text,
so a union of a few hundred lexicon phrases (``\\b(?:kill|killed|...|take up arms|...)``) costs
~100 us per kilobyte, which made the call-to-action and dehumanisation analyses most of the
classifier's time - on news where they almost never fire. A gate is a regular expression that
only says "some phrase of the union COULD start here": the literal text every match must begin
with (its *lead*: "kill", "take up arms", "wipe out"), arranged as a character trie, which
``re`` scans several times faster, once per document rather than once per sentence.

Exactness: a gate is a superset by construction. The leads are read from the patterns' parse
trees (``re._parser``): literals, small character classes, groups, alternations and optional
parts extend a lead; anything else (``\\w``, ``.``, negated classes, back-references) ends it
there, and a shorter lead is still a prefix of every match. Whitespace classes become one space,
and a space of a lead matches any whitespace run (``re``'s ``\\s`` is ``str.isspace``), so
``wipe\\s+out`` gives the lead ``"wipe out"``. A ``\\b`` before the first character is kept (the
unions start with one, and "hit" must not pass every "white"); other zero-width assertions are
skipped, which only widens the gate. When some pattern can start with anything,
:func:`build_gate` returns a gate that always passes. Callers run their real patterns only where
the gate passes, so results are unchanged; ``tests/test_gate.py`` checks that on generated text.

Speed: the trie is the reference and the fallback; a gate scans with :class:`LeadScanner`, an
Aho-Corasick automaton over the same leads that reports exactly what the trie's regular
expression would (``tests/test_gate_scanner.py``), in one pass of C code.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import ahocorasick

from tvec.charmap import CharMap
from tvec.types import Span

try:  # Python 3.11+
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

#: Leads are cut to this many characters: long enough to be selective, short enough to keep
#: the trie small.
LEAD_CHARS = 8
#: Past this many alternative leads a pattern's leads stop growing (shorter is still exact).
MAX_LEADS = 4000
#: A character class of at most this many characters is expanded into alternatives.
MAX_CLASS = 12


_ZERO_WIDTH = {sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT}
_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT}
if hasattr(sre_constants, "POSSESSIVE_REPEAT"):
    _REPEATS.add(sre_constants.POSSESSIVE_REPEAT)
if hasattr(sre_constants, "ATOMIC_GROUP"):
    _ATOMIC = sre_constants.ATOMIC_GROUP
else:  # pragma: no cover
    _ATOMIC = None

#: Marks a lead that starts at a word boundary (``\b`` before its first character).
_BOUNDARY = "\x00"
_SPACES = re.compile(" {2,}")
_SPACES_ANY = re.compile(r"\s+")
_WORD = re.compile(r"\w")
#: Every character ``re``'s ``\s`` (``str.isspace``) matches; a test checks it against Unicode.
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_TO_SPACE = str.maketrans(dict.fromkeys(WHITESPACE, " "))
#: ``text.translate(_TO_SPACE)`` without its per-character cost on text outside ASCII (see tvec.charmap)
_TO_SPACE_MAP = CharMap.of(_TO_SPACE)

# A lead under construction: its text and whether it may still be extended (closed) or ends in
# something the gate cannot spell out (open).
_Lead = tuple[str, bool]


@dataclass(frozen=True)
class Gate:
    """``passes(text)`` is False only when no pattern of the union can match ``text``."""

    pattern: re.Pattern[str] | None  # None: some pattern may start anywhere, always pass
    leads: frozenset[str]
    scanner: LeadScanner | None = field(default=None, compare=False)

    def passes(self, text: str) -> bool:
        return self.pattern is None or self.pattern.search(text) is not None

    def passing(self, text: str, spans: Sequence[Span]) -> list[bool]:
        """Per span of ``text`` (sorted, not overlapping, e.g. sentences), whether a lead starts
        in it: one scan of the whole text. Each span must be checkable as if cut out: the
        character before it, if any, must not be a word character (it is not, for sentences,
        except where an over-long run was cut), otherwise the span simply passes."""
        if self.pattern is None:
            return [True] * len(spans)
        hits = self.scanner.lead_starts(text) if self.scanner is not None else None
        if hits is None:
            return self.passing_by_regex(text, spans)
        result = [False] * len(spans)
        starts = [s.start for s in spans]
        for k, span in enumerate(spans):
            if span.start > 0 and _WORD.match(text, span.start - 1):
                result[k] = True
        for found in hits:
            k = bisect_right(starts, found) - 1
            if k >= 0 and found < spans[k].end:
                result[k] = True
        return result

    def passing_by_regex(self, text: str, spans: Sequence[Span]) -> list[bool]:
        """:meth:`passing` by searching the gate's regular expression: the reference the
        Aho-Corasick scan is tested against, and the path where the scan declines."""
        if self.pattern is None:
            return [True] * len(spans)
        result = [False] * len(spans)
        starts = [s.start for s in spans]
        for k, span in enumerate(spans):
            if span.start > 0 and _WORD.match(text, span.start - 1):
                result[k] = True
        position = 0
        while position <= len(text):
            match = self.pattern.search(text, position)
            if match is None:
                break
            found = match.start()
            k = bisect_right(starts, found) - 1
            if k >= 0 and found < spans[k].end:
                result[k] = True
                position = spans[k].end  # this span passes; look for the next one
            else:
                position = spans[k + 1].start if k + 1 < len(spans) else len(text) + 1
            position = max(position, found + 1)
        return result


def build_gate(patterns: Iterable[str], flags: int = 0) -> Gate:
    """The gate of the union of ``patterns`` (compiled with ``flags``, which must not include
    IGNORECASE: search lowercased text with lowercase patterns instead)."""
    leads: set[str] = set()
    for pattern in patterns:
        found = pattern_leads(pattern, flags)
        if found is None:
            return Gate(None, frozenset())
        leads |= found
    return Gate(re.compile(_trie(sorted(leads))), frozenset(leads), LeadScanner.of(leads))


@dataclass(frozen=True)
class MultiGate:
    """Per span of a text, WHICH of several patterns may match in it - one scan of the text
    for all of them. Each lead found names the patterns that have a lead starting with it (the
    trie stops at the shortest lead on a path, so the longer ones are found through it)."""

    gate: Gate
    by_prefix: Mapping[str, frozenset[int]]  # a lead's prefix (no boundary mark) -> patterns
    always: frozenset[int]  # patterns that may start with anything
    size: int  # how many patterns

    def candidates(self, text: str, spans: Sequence[Span]) -> list[set[int]]:
        """For each span (sorted, not overlapping), the indices of the patterns that may match
        inside it, checked as if the span were cut out (see :meth:`Gate.passing`)."""
        everything = frozenset(range(self.size))
        if self.gate.pattern is None:
            return [set(everything) for _ in spans]
        scanner = self.gate.scanner
        hits = scanner.first_leads(text) if scanner is not None else None
        if hits is None:
            return self.candidates_by_regex(text, spans)
        result = [set(self.always) for _ in spans]
        starts = [s.start for s in spans]
        for k, span in enumerate(spans):
            if span.start > 0 and _WORD.match(text, span.start - 1):
                result[k] |= everything
        by_prefix = self.by_prefix
        for found, lead in hits.items():
            k = bisect_right(starts, found) - 1
            if k >= 0 and found < spans[k].end:
                result[k] |= by_prefix[lead.removeprefix(_BOUNDARY)]
        return result

    def candidates_by_regex(self, text: str, spans: Sequence[Span]) -> list[set[int]]:
        """:meth:`candidates` by searching the gate's regular expression: the reference the
        Aho-Corasick scan is tested against, and the path where the scan declines."""
        everything = frozenset(range(self.size))
        if self.gate.pattern is None:
            return [set(everything) for _ in spans]
        result = [set(self.always) for _ in spans]
        starts = [s.start for s in spans]
        for k, span in enumerate(spans):
            if span.start > 0 and _WORD.match(text, span.start - 1):
                result[k] |= everything
        position = 0
        search = self.gate.pattern.search
        while True:
            match = search(text, position)
            if match is None:
                break
            found = match.start()
            k = bisect_right(starts, found) - 1
            if k >= 0 and found < spans[k].end:
                lead = match.group()
                if not lead.isprintable() or "  " in lead:  # other whitespace than single spaces
                    lead = _SPACES_ANY.sub(" ", lead)
                result[k] |= self.by_prefix.get(lead, everything)
            position = found + 1
        return result


def build_multi_gate(patterns: Sequence[str], flags: int = 0) -> MultiGate:
    """The :class:`MultiGate` of ``patterns`` (lowercase, case-sensitive: see :func:`build_gate`)."""
    by_prefix: dict[str, set[int]] = {}
    always: set[int] = set()
    leads: set[str] = set()
    for index, pattern in enumerate(patterns):
        found = pattern_leads(pattern, flags)
        if found is None:
            always.add(index)
            continue
        leads |= found
        for lead in found:
            bare = lead.removeprefix(_BOUNDARY)
            for end in range(1, len(bare) + 1):
                by_prefix.setdefault(bare[:end], set()).add(index)
    gate = (
        Gate(re.compile(_trie(sorted(leads))), frozenset(leads), LeadScanner.of(leads))
        if leads
        else Gate(None, frozenset())
    )
    return MultiGate(gate, {k: frozenset(v) for k, v in by_prefix.items()}, frozenset(always), len(patterns))


class LeadScanner:
    """Every place where a lead of a gate starts, found by one Aho-Corasick pass (C code) over
    the text instead of ``re`` trying the gate's trie at every position.

    Exactness: the keys are the leads the trie can report (the *minimal* ones: the trie stops
    at the shortest lead on a path) without their boundary mark; a hit of a marked lead counts
    only where ``\\b`` holds at its start (word character or not differs from the one before,
    as ``re`` decides it). A lead's space stands for ``\\s+``: whitespace is mapped to spaces
    (same length, so positions do not move) and each run of spaces is scanned as one space,
    hits mapped back to their places; only when some lead starts with a space (``re`` then
    reports it inside a run too) is such text left to the regular expression (``None``), which
    no shipped gate needs. Where several leads start at one place, ``re`` reports the first in
    the trie's order - sorted characters, the boundary mark first, and no minimal lead is a
    prefix of another - which is the smallest string; :meth:`first_leads` reports that one too.
    ``tests/test_gate_scanner.py`` compares both with the regular expression."""

    def __init__(self, automaton: ahocorasick.Automaton, *, space_first: bool) -> None:
        self._automaton = automaton
        #: some lead starts with a space: ``re`` reports it inside a whitespace run too, where
        #: the collapsed text has one start only, so such text goes to the regex
        self._space_first = space_first

    @classmethod
    def of(cls, leads: Iterable[str]) -> LeadScanner:
        ordered = sorted(set(leads))
        minimal: list[str] = []
        for lead in ordered:  # sorted: a lead's prefixes come before it
            if not any(lead.startswith(shorter) for shorter in minimal if len(shorter) < len(lead)):
                minimal.append(lead)
        by_key: dict[str, list[str]] = {}
        for lead in minimal:
            by_key.setdefault(lead.removeprefix(_BOUNDARY), []).append(lead)
        automaton = ahocorasick.Automaton()
        for key, full in by_key.items():
            automaton.add_word(key, (len(key) - 1, tuple(sorted(full))))
        automaton.make_automaton()
        return cls(automaton, space_first=any(key.startswith(" ") for key in by_key))

    def _hits(self, text: str) -> Iterable[tuple[int, str]] | None:
        view = text if text.isprintable() else _TO_SPACE_MAP.apply(text)
        if "  " not in view:
            return self._valid(view, None)
        if self._space_first:
            return None
        # collapse each run of spaces to one, remembering how far later positions moved
        pieces: list[str] = []
        run_starts: list[int] = []  # in the collapsed text: where each run's one space is
        shifts: list[int] = []  # characters removed up to and including each run
        removed = 0
        done = 0
        start = view.find("  ")
        while start >= 0:  # str.find skips ahead far faster than re's " {2,}"
            end = start + 2
            while view.startswith(" ", end):
                end += 1
            pieces.append(view[done : start + 1])
            run_starts.append(start - removed)
            removed += end - start - 1
            shifts.append(removed)
            done = end
            start = view.find("  ", end)
        pieces.append(view[done:])
        return self._valid("".join(pieces), (run_starts, shifts))

    def _valid(self, view: str, moved: tuple[list[int], list[int]] | None) -> Iterable[tuple[int, str]]:
        for end, (back, full) in self._automaton.iter(view):
            start = end - back
            for lead in full:  # sorted: the marked lead, if any, first
                if lead[0] == _BOUNDARY:
                    char = view[start]
                    before = view[start - 1] if start else " "
                    if (char.isalnum() or char == "_") == (before.isalnum() or before == "_"):
                        continue  # no word boundary here
                if moved is None:
                    yield start, lead
                else:  # back to the position in the text (no lead starts with a space)
                    runs = bisect_left(moved[0], start)
                    yield (start + moved[1][runs - 1] if runs else start), lead
                break

    def lead_starts(self, text: str) -> list[int] | None:
        """Where a lead starts (in any order, possibly repeated), or None for the regex path."""
        hits = self._hits(text)
        return None if hits is None else [start for start, _ in hits]

    def first_leads(self, text: str) -> dict[int, str] | None:
        """Per start of a lead, the lead the gate's trie reports there (with its boundary mark),
        or None for the regex path."""
        hits = self._hits(text)
        if hits is None:
            return None
        first: dict[int, str] = {}
        for start, lead in hits:
            known = first.get(start)
            if known is None or lead < known:
                first[start] = lead
        return first


def pattern_leads(pattern: str, flags: int = 0) -> set[str] | None:
    """Literal texts one of which every match of ``pattern`` starts with (a space standing for any whitespace run),
    or None when a match may start with anything."""
    parsed = sre_parse.parse(pattern, flags)
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    closed, opened = _sequence(list(parsed))
    leads = {_collapse(t) for t in closed | opened}
    if leads & {"", " ", _BOUNDARY, _BOUNDARY + " "}:
        return None
    return leads


def _collapse(text: str) -> str:
    return _SPACES.sub(" ", text)[:LEAD_CHARS]


def _sequence(items: list[tuple[object, object]]) -> tuple[set[str], set[str]]:
    """(closed, open) leads of a sequence of parsed items."""
    closed: set[str] = {""}
    opened: set[str] = set()
    for op, av in items:
        if not closed:
            break
        if op is sre_constants.AT and av is sre_constants.AT_BOUNDARY and "" in closed:
            closed = (closed - {""}) | {_BOUNDARY}
            continue
        if op in _ZERO_WIDTH:
            continue
        options = _element(op, av)
        if options is None:
            return set(), opened | closed
        grown: set[str] = set()
        for lead in closed:
            for text, extendable in options:
                combined = _collapse(lead + text)
                if len(combined) >= LEAD_CHARS or not extendable:
                    opened.add(combined)
                else:
                    grown.add(combined)
        closed = grown
        if len(closed) + len(opened) > MAX_LEADS:
            return set(), opened | closed
    return closed, opened


def _element(op: object, av: object) -> set[_Lead] | None:
    """The leads one parsed item can contribute, or None when it can start with anything."""
    if op is sre_constants.LITERAL:
        char = chr(av)  # type: ignore[arg-type]
        return {(" " if char.isspace() else char, True)}
    if op is sre_constants.IN:
        chars = _class_chars(av)  # type: ignore[arg-type]
        return None if chars is None else {(c, True) for c in chars}
    if op is sre_constants.SUBPATTERN:
        _group, add_flags, _del_flags, body = av  # type: ignore[misc]
        if add_flags & re.IGNORECASE:
            return None
        return _leads_of(list(body))
    if _ATOMIC is not None and op is _ATOMIC:
        return _leads_of(list(av))  # type: ignore[arg-type]
    if op is sre_constants.BRANCH:
        _, branches = av  # type: ignore[misc]
        out: set[_Lead] = set()
        for branch in branches:
            found = _leads_of(list(branch))
            if found is None:
                return None
            out |= found
        return out
    if op in _REPEATS:
        low, high, body = av  # type: ignore[misc]
        inner = _leads_of(list(body))
        if inner is None:
            return None
        if inner == {(" ", True)}:  # \s+, \s*, \s{1,3}: one space once squeezed
            return {(" ", True)} | ({("", True)} if low == 0 else set())
        once = inner if high == 1 else {(text, False) for text, _ in inner}
        return once | ({("", True)} if low == 0 else set())
    return None


def _leads_of(items: list[tuple[object, object]]) -> set[_Lead] | None:
    closed, opened = _sequence(items)
    if not closed and not opened:
        return None
    return {(t, True) for t in closed} | {(t, False) for t in opened}


def _class_chars(items: list[tuple[object, object]]) -> set[str] | None:
    """The characters of a class, whitespace as one space; None if negated, too big, or holding
    a category other than whitespace."""
    chars: set[str] = set()
    for op, av in items:
        if op is sre_constants.LITERAL:
            char = chr(av)  # type: ignore[arg-type]
            chars.add(" " if char.isspace() else char)
        elif op is sre_constants.RANGE:
            low, high = av  # type: ignore[misc]
            if high - low >= MAX_CLASS:
                return None
            chars.update(" " if chr(c).isspace() else chr(c) for c in range(low, high + 1))
        elif op is sre_constants.CATEGORY and av is sre_constants.CATEGORY_SPACE:
            chars.add(" ")
        else:
            return None
        if len(chars) > MAX_CLASS:
            return None
    return chars


def _trie(leads: list[str]) -> str:
    """One regular expression matching any of ``leads``, factored by common prefixes."""
    root: dict[str, dict] = {}
    for lead in leads:
        node = root
        for char in lead:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(root)


def _trie_pattern(node: dict[str, dict]) -> str:
    if "" in node:
        return ""  # a lead ends here: anything after it is allowed
    parts = [_char_pattern(char) + _trie_pattern(child) for char, child in sorted(node.items())]
    if len(parts) == 1:
        return parts[0]
    return "(?:" + "|".join(parts) + ")"


def _char_pattern(char: str) -> str:
    if char == _BOUNDARY:
        return r"\b"
    if char == " ":
        return r"\s+"
    return re.escape(char)


# ---------------------------------------------------------------------------------------------
# Matching case-insensitive cues on lowercased text, which gates can screen and ``re`` scans
# faster than with ``re.IGNORECASE`` (it cannot skip ahead to a possible first character).

#: The only characters outside ASCII that ``re.IGNORECASE`` matches to an ASCII letter while
#: ``str.lower`` does not map them to it (Turkish dotted and dotless i, long s, Kelvin sign);
#: a text holding one must be matched with the IGNORECASE patterns. ``tests/test_fast_paths.py``
#: recomputes this set.
CASE_TRAPS = "\u0130\u0131\u017f\u212a"
_CASE_TRAP = re.compile(f"[{CASE_TRAPS}]")


def lowercase_pattern(pattern: str) -> str:
    """``pattern`` with its literal characters lowercased; escapes (``\\b``, ``\\S``) kept."""
    out: list[str] = []
    escaped = False
    for ch in pattern:
        out.append(ch if escaped else ch.lower())
        escaped = not escaped and ch == "\\"
    return "".join(out)


def lowercase_safe(text: str, lowered: str) -> bool:
    """Whether case-sensitive lowercase patterns on ``lowered`` match where the IGNORECASE ones
    match on ``text``: every character lowercases to one character (so offsets agree) and none
    is a case trap."""
    return len(lowered) == len(text) and _CASE_TRAP.search(text) is None
