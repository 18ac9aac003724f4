"""Text normalisation with an offset map back to the original text.

Detectors (the organisation-name automaton, the near-duplicate banks) match on the normalised
text and report spans in the original through the offset map, and patterns (names, bank passages)
go through the *same* function. So the folding only has to be consistent and hard to evade; it
does not have to be pretty, and it is deliberately lossy.

What ``normalise`` does, in order:

1. **Per character** (per cluster: a character and the combining marks after it):

   * format and invisible characters are dropped: every ``Cf`` character (zero-width space and
     joiners, bidi controls, soft hyphen, word joiner, BOM, tags...), the combining grapheme
     joiner, variation selectors, Hangul fillers, Khmer inherent vowels, the Arabic tatweel, and
     Arabic harakat and Quranic marks (U+0610-061A, U+064B-065F, U+0670, U+06D6-06ED,
     U+08D3-08FF);
   * NFKD (compatibility forms: fullwidth, ligatures such as ``ﬁ``, mathematical letters,
     circled letters, Arabic presentation forms) and full case folding;
   * combining marks are dropped after Latin, Greek, Arabic and look-alike letters (``Ḥ`` ->
     ``h``, ``ά`` -> ``α``, ``أ`` -> ``ا``) and kept, recomposed (NFC), after every other
     script (``й`` stays ``й``; Devanagari vowel signs stay);
   * Latin look-alikes outside a-z (dotless i, small capitals, ``ł``, ``ø``...) become a-z;
   * Arabic/Urdu/Persian letter variants fold to one form: ``ی ى ي`` -> ``ي``, ``ک ك`` -> ``ك``,
     ``ہ ە ھ ۃ ة ه`` -> ``ه`` (the taa marbuta is folded into heh because Urdu and Persian write
     heh where Arabic writes taa marbuta, and many Arabic writers drop its dots), alef variants
     (``أ إ آ ٱ ٲ ٳ``) -> ``ا``; Arabic-Indic and Persian digits -> ASCII digits;
   * apostrophes, primes and the ayn/hamza marks ``ʿ ʾ`` become ``'``; every other character
     that is not a letter, mark or digit (whitespace, punctuation, symbols, emoji, controls,
     private-use and unassigned code points) becomes a space. **All punctuation maps to a
     space**: "Hizb-ut-Tahrir", "Hizb ut Tahrir", "Hizb_ut_Tahrir" and "Hizb/ut/Tahrir" are
     one and the same, and detectors treat a space as the only word boundary.

2. **Per word** (a word is a run of non-space characters):

   * an apostrophe between two word characters is removed (``Qa'ida`` = ``Qaʿida`` =
     ``Qaida``); elsewhere it is a space. ``@`` and ``$`` at the start of a word are spaces
     (mentions and cashtags keep their name as a word of its own), so they stand for letters
     only inside or at the end of a word, never as a spelled-out letter of their own;
   * **look-alikes** (Cyrillic/Greek letters that look like a Latin letter, table in
     :mod:`tvec.confusables`) fold to Latin when the word contains a Latin letter, or mixes
     Cyrillic and Greek, or consists of look-alike letters only (digits aside). Otherwise the
     word is genuine Cyrillic/Greek and is only lower-cased. So ``Hіzb`` (Cyrillic і),
     ``ΙSΙS`` (Greek Iota) and ``НАМАЅ`` (all Cyrillic look-alikes) fold to Latin, while
     ``Москва`` keeps its script. A genuine word made only of look-alikes (``СССР``, Greek
     ``ναι``) is folded too; that loses nothing for matching because patterns get the same
     treatment. Marks after a look-alike go even when the word stays Cyrillic (``ё`` -> ``е``,
     Ukrainian ``ї`` -> ``і``): a small, consistent loss;
   * **leetspeak** (0 1 3 4 5 7 @ $ -> o i e a s t a s) applies only in words that contain a
     Latin letter after the previous step (``h4m4s`` -> ``hamas``, ``2024`` unchanged);
     a left-over ``@``/``$`` in a word without Latin letters is dropped;
   * runs of the same letter collapse to one (``jiiihaaad`` -> ``jihad``; ``Allah`` ->
     ``alah``, ``الله`` -> ``اله``, consistently for patterns too); digits do not collapse;
   * whitespace runs collapse to one space; leading and trailing spaces go.

3. **Spelled-out words**: a run of three or more words that are each a single letter or digit
   (after step 2), containing at least two letters, is joined into one word, then leetspeak and
   letter collapsing apply to the result: ``j.i.h.a.d``, ``j-i-h-a-d``, ``j i h a d``,
   ``j_i_h_a_d``, ``j*i*h*a*d``, ``j.1.h.4.d`` -> ``jihad``. "a b" and "I am a man" are
   left alone. Any separator run counts, not only one or two characters: the separator length
   is gone once punctuation and whitespace have been collapsed, and judging it earlier would
   make ``normalise`` not idempotent (``a b '' c`` would become ``a b c`` and only join on a
   second pass).

Every output character carries the half-open original range that produced it
(``starts[i]``/``ends[i]``); a character produced by merging (a collapsed run, a folded
cluster) carries the whole range. Both arrays are non-decreasing, so ``to_original`` of a
normalised range is simply ``[starts[start], ends[end - 1])``. ``normalise`` is idempotent
(tested with hypothesis). Scripts other than Latin, Greek, Cyrillic and Arabic (Devanagari,
Gurmukhi, Tamil, Bengali, Hebrew, CJK...) get only NFKC, case folding and the word rules.

Clusters are folded one at a time, so conjoining Hangul jamo are not composed into syllables
(a text in jamo and the same text in syllables differ); no detector relies on Korean.

Speed: pure-ASCII text (most of it) skips the Unicode work (one ``translate``); other text
folds each distinct character once and handles only clusters with marks one by one; the word
passes are regex searches that touch only what changes, and the busiest pass (collapsing
letters and spaces) is vectorised with numpy on long texts. The offset arrays are
``array('I')`` (4 bytes a character).
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from tvec.confusables import (
    APOSTROPHES,
    CYRILLIC_LOOKALIKES,
    GREEK_LOOKALIKES,
    LATIN_LOOKALIKES,
    LEET,
    SPACING_ACCENTS,
)
from tvec.types import Span


@dataclass(frozen=True)
class NormalisedText:
    """``text`` is the normalised string; ``starts[i]``/``ends[i]`` give the original range that
    produced ``text[i]`` (several normalised characters may share one original range, and an
    original range may produce nothing).

    The offset arrays are compact ``array('I')`` sequences for speed and memory; treat them as
    read-only. They are left out of the hash (they follow from ``original``).
    """

    original: str
    text: str
    starts: Sequence[int] = field(hash=False)
    ends: Sequence[int] = field(hash=False)

    def to_original(self, start: int, end: int) -> Span:
        """Map the normalised range ``[start, end)`` to the smallest original span covering it.

        An empty range maps to an empty span where its first character came from (or the end
        of the original text when it is at the end of the normalised text).
        """
        if not 0 <= start <= end <= len(self.text):
            raise IndexError(
                f"normalised range [{start}, {end}) outside the normalised text of length {len(self.text)}"
            )
        if start == end:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return Span(pos, pos)
        return Span(self.starts[start], self.ends[end - 1])


# --------------------------------------------------------------------------------------------
# Tables derived once from tvec.confusables (immutable after import).

_LOOKALIKES: dict[str, str] = {**CYRILLIC_LOOKALIKES, **GREEK_LOOKALIKES}

# Each Cyrillic/Greek look-alike becomes a *placeholder* in the first stage, because whether it
# folds to Latin depends on the whole word, which is only known later. Placeholders are capital
# Cyrillic/Greek letters: after case folding no capital can be left in the text, so they cannot
# be confused with real characters, and they are letters, so the word rules treat them as such.
_PLACEHOLDER_POOL = [chr(c) for c in range(0x0400, 0x0430)] + [
    chr(c) for c in range(0x0391, 0x03AA) if c != 0x03A2
]
_PLACEHOLDER_OF: dict[str, str] = {
    letter: _PLACEHOLDER_POOL[i] for i, letter in enumerate(sorted(_LOOKALIKES))
}
_CYRILLIC_PLACEHOLDERS = "".join(_PLACEHOLDER_OF[c] for c in sorted(CYRILLIC_LOOKALIKES))
_GREEK_PLACEHOLDERS = "".join(_PLACEHOLDER_OF[c] for c in sorted(GREEK_LOOKALIKES))
_FOLD = str.maketrans({_PLACEHOLDER_OF[c]: latin.lower() for c, latin in _LOOKALIKES.items()})
_UNFOLD = str.maketrans({_PLACEHOLDER_OF[c]: c.casefold() for c in _LOOKALIKES})
_DROP_PLACEHOLDERS = str.maketrans(dict.fromkeys(_PLACEHOLDER_OF.values()))

_LEET = str.maketrans(dict(LEET))

_ARABIC_FOLD: dict[str, str] = {
    "\u06cc": "\u064a",  # ی Farsi yeh
    "\u0649": "\u064a",  # ى alef maksura
    "\u06a9": "\u0643",  # ک keheh
    "\u06c1": "\u0647",  # ہ heh goal
    "\u06d5": "\u0647",  # ە ae
    "\u06be": "\u0647",  # ھ heh doachashmee
    "\u06c3": "\u0647",  # ۃ taa marbuta goal
    "\u0629": "\u0647",  # ة taa marbuta
    "\u0671": "\u0627",  # ٱ alef wasla
    "\u0672": "\u0627",  # ٲ alef with wavy hamza above
    "\u0673": "\u0627",  # ٳ alef with wavy hamza below
    **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
    **{chr(0x06F0 + d): str(d) for d in range(10)},  # Persian (extended Arabic-Indic) digits
}

_IGNORABLE_RANGES = (
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x0610, 0x061A),  # Arabic honorific and Quranic signs
    (0x0640, 0x0640),  # tatweel
    (0x064B, 0x065F),  # harakat
    (0x0670, 0x0670),  # superscript alef
    (0x0674, 0x0674),  # high hamza
    (0x06D6, 0x06ED),  # Quranic annotation marks
    (0x08D3, 0x08FF),  # extended Arabic marks
    (0x115F, 0x1160),  # Hangul fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180F),  # Mongolian variation selectors
    (0x3164, 0x3164),  # Hangul filler
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0xE0100, 0xE01EF),  # variation selectors supplement
)

# Scripts, as far as the marks rule needs them.
_NONE, _LATIN, _GREEK, _CYRILLIC, _ARABIC, _OTHER, _LOOKALIKE = range(7)
_MARKS_KEPT_AFTER = frozenset({_CYRILLIC, _OTHER})

# ASCII fast path: one translate after lower(). Letters, digits, ' @ $ stay; ` is an apostrophe;
# everything else (whitespace, punctuation, controls) is a space.
_ASCII_TABLE = str.maketrans(
    {
        chr(c): (
            chr(c)
            if chr(c).isalnum() or chr(c) in "'@$"
            else "'"
            if chr(c) == "`"
            else " "
        )
        for c in range(128)
    }
)

# Below this many characters the pure-Python paths are faster than numpy's per-call overhead.
_SMALL = 2048

# The offset arrays hold 32-bit unsigned integers (texts up to 4 G characters).
_TYPECODE = next(code for code in "IL" if array(code).itemsize == 4)

_QUOTE_OR_SYMBOL = re.compile(r"['@$]+")
_NON_WORD = " '@$"
_PLACEHOLDER = re.compile("[" + "".join(_PLACEHOLDER_OF.values()) + "]")
_LATIN_LETTER = re.compile(r"[a-z]")
_ANY_LATIN = re.compile("[a-z\u00df-\u024f\u0250-\u02af\u1d00-\u1dbf\u1e00-\u1eff\u2c60-\u2c7f\ua720-\ua7ff]")
_GENUINE_CYRILLIC = re.compile("[\u0430-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f]")
_GENUINE_GREEK = re.compile("[\u0370-\u0390\u03aa-\u03ff\u1f00-\u1fff]")
_CYRILLIC_PLACEHOLDER = re.compile("[" + _CYRILLIC_PLACEHOLDERS + "]")
_GREEK_PLACEHOLDER = re.compile("[" + _GREEK_PLACEHOLDERS + "]")
_GENUINE_LETTER = re.compile(r"[^\W\d_]")
_LEET_CHAR = re.compile(r"[013457@$]")
_SQUEEZE = re.compile(r"([^\W\d_])\1+|^ +| +$| {2,}")
# _SQUEEZE in two passes for normalise_text: letter runs by a template (no Python call per double
# letter, the commonest edit), then the space runs. The two kinds of match never touch and
# neither replacement can create the other, so the result is the same as one pass of _SQUEEZE.
_LETTER_RUN = re.compile(r"([^\W\d_])\1+")
_SPACE_RUN = re.compile(r"^ +| +$| {2,}")
_SPELLED_OUT = re.compile(r"(?<![^ ])(?:([^\W_])\1* ){2,}([^\W_])\2*(?![^ ])")

# An edit replaces text[a:b] either by a string of the same length (each character keeps the
# range of the character it replaces) or by pieces (piece_text, lo, hi): every character of
# piece_text gets the range covering text[lo:hi].
_Pieces = list[tuple[str, int, int]]
_Edit = tuple[int, int, str | _Pieces]


def normalise(text: str) -> NormalisedText:
    """Normalise ``text`` for matching (see the module docstring for the rules)."""
    if text.isascii():
        state = (text.lower().translate(_ASCII_TABLE), _identity(0, len(text)), _identity(1, len(text) + 1))
    else:
        state = _fold_characters(text)
    state = _rewrite(state, _quote_and_symbol_edits(state[0]))
    if _PLACEHOLDER.search(state[0]):
        state = (_resolve_lookalikes(state[0]), state[1], state[2])
    state = _rewrite(state, _leet_edits(state[0]))
    state = _squeeze(state)
    state = _rewrite(state, _spelled_out_edits(state[0]))
    return NormalisedText(text, *state)


def normalise_text(text: str) -> str:
    """``normalise(text).text`` without the offset map, for callers that only score the
    normalised words (the linear model normalises every sentence it scores, and the map was
    most of that cost). Each step applies the same edits as :func:`normalise`; a test checks
    the two agree on generated text."""
    if len(text) >= _SMALL // 2:  # long texts take normalise's vectorised passes
        return normalise(text).text
    if text.isascii():
        current = text.lower().translate(_ASCII_TABLE)
    else:
        current = _fold_characters_text(text)
    current = _apply(current, _quote_and_symbol_edits(current))
    if _PLACEHOLDER.search(current):
        current = _resolve_lookalikes(current)
    current = _apply(current, _leet_edits(current))
    current = _squeeze_text(current)
    return _apply(current, _spelled_out_edits(current))


def _squeeze_text_reference(text: str) -> str:
    """The squeeze step of :func:`normalise_text`: what ``_SQUEEZE`` does, in two passes."""
    return _SPACE_RUN.sub(_squeezed_spaces, _LETTER_RUN.sub(r"\1", text))


try:  # the same in one compiled pass (setup.py); the reference above is what it is tested against
    from tvec._text import squeeze as _squeeze_text
except ImportError:  # pragma: no cover - an install without a C compiler
    _squeeze_text = _squeeze_text_reference


def _squeezed_spaces(match: re.Match[str]) -> str:
    """The replacement :func:`_squeeze_edits` makes for a run of spaces matched by ``_SPACE_RUN``:
    none at either end of the text, one space inside it."""
    if match.start() == 0 or match.end() == len(match.string):
        return ""
    return " "


def _apply(text: str, edits: Iterable[_Edit]) -> str:
    """The text part of :func:`_rewrite`."""
    out: list[str] = []
    done = 0
    for a, b, replacement in edits:
        if a > done:
            out.append(text[done:a])
        if isinstance(replacement, str):
            out.append(replacement)
        else:
            out.extend(piece for piece, _, _ in replacement)
        done = b
    if done == 0 and not out:
        return text
    out.append(text[done:])
    return "".join(out)


def _fold_characters_text(text: str) -> str:
    """The text part of :func:`_fold_characters`."""
    translated, marks, irregular = (_translate_small if len(text) < _SMALL else _translate_large)(text)
    if not marks and not irregular:
        return translated
    return _apply(translated, _cluster_edits(text, marks, irregular))


def _cluster_edits(text: str, marks: list[str], irregular: list[str]) -> Iterator[_Edit]:
    """The one-by-one folds of stage 1: each character with its combining marks (or a run of
    marks with no base) and each character that folds to zero or several characters."""
    alternatives = []
    if marks:
        mark_class = _char_class(marks)
        alternatives.append(f"(?s:.){mark_class}+|{mark_class}+")
    if irregular:
        alternatives.append(_char_class(irregular))
    for match in re.finditer("|".join(alternatives), text):
        yield match.start(), match.end(), [(_fold_cluster(match.group()), match.start(), match.end())]


def _identity(first: int, stop: int) -> array:
    if stop - first < _SMALL:
        return array(_TYPECODE, range(first, stop))
    out = array(_TYPECODE)
    out.frombytes(np.arange(first, stop, dtype=np.uint32).tobytes())
    return out


# --------------------------------------------------------------------------------------------
# Stage 1: characters.


def _fold_characters(text: str) -> tuple[str, array, array]:
    """Stage 1 for a non-ASCII text.

    Most characters fold to exactly one character on their own; those go through one
    ``str.translate`` and keep the identity map. Only clusters (a character with combining
    marks) and characters that fold to zero or several characters are folded one by one.
    """
    translated, marks, irregular = (_translate_small if len(text) < _SMALL else _translate_large)(text)
    state = (translated, _identity(0, len(text)), _identity(1, len(text) + 1))
    if not marks and not irregular:
        return state
    return _rewrite(state, _cluster_edits(text, marks, irregular))


def _translate_small(text: str) -> tuple[str, list[str], list[str]]:
    """Fold every character that folds to one character on its own; list the marks and the
    characters that fold to zero or several characters (they are left as they are)."""
    table: dict[int, str] = {}
    marks: list[str] = []
    irregular: list[str] = []
    for ch in set(text):
        if _is_mark(ch):
            marks.append(ch)
            continue
        folded = _fold_cluster(ch)
        if len(folded) != 1:
            irregular.append(ch)
        elif folded != ch:
            table[ord(ch)] = folded
    return text.translate(table), marks, irregular


def _translate_large(text: str) -> tuple[str, list[str], list[str]]:
    """``_translate_small`` vectorised; ``str.translate`` with a dict is slow on long texts."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    alphabet, where = np.unique(codes, return_inverse=True)
    folded_alphabet = alphabet.copy()
    marks: list[str] = []
    irregular: list[str] = []
    for k, code in enumerate(alphabet.tolist()):
        ch = chr(code)
        if _is_mark(ch):
            marks.append(ch)
            continue
        folded = _fold_cluster(ch)
        if len(folded) == 1:
            folded_alphabet[k] = ord(folded)
        else:
            irregular.append(ch)
    return folded_alphabet[where].tobytes().decode("utf-32-le", "surrogatepass"), marks, irregular


def _char_class(chars: Iterable[str]) -> str:
    return "[" + "".join(re.escape(ch) if ch.isascii() else ch for ch in sorted(chars)) + "]"


@lru_cache(maxsize=4096)
def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch)[0] == "M"


@lru_cache(maxsize=65536)
def _fold_cluster(cluster: str) -> str:
    """Fold one character and its combining marks (rules in the module docstring, step 1).

    A pure function of its argument, so memoised: texts reuse a small alphabet.
    """
    if any(ch in SPACING_ACCENTS for ch in cluster):
        cluster = "".join("'" if ch in SPACING_ACCENTS else ch for ch in cluster)
    out: list[str] = []
    base = _NONE
    kept_mark = False
    for ch in unicodedata.normalize("NFKD", cluster):
        if ch in APOSTROPHES:
            out.append("'")
            base = _NONE
            continue
        if _is_ignorable(ch):
            continue
        category = unicodedata.category(ch)
        kind = category[0]
        if kind == "M":
            if base in _MARKS_KEPT_AFTER:
                out.append(ch)
                kept_mark = True
            continue
        if kind == "L":
            placeholder = _PLACEHOLDER_OF.get(ch)
            if placeholder is not None:
                out.append(placeholder)
                base = _LOOKALIKE
                continue
            lowered = ch.casefold()
            if lowered != ch:
                lowered = unicodedata.normalize("NFKD", lowered)
            for low in lowered:
                if low in APOSTROPHES:
                    out.append("'")
                    base = _NONE
                elif unicodedata.category(low)[0] == "M":
                    if base in _MARKS_KEPT_AFTER:
                        out.append(low)
                        kept_mark = True
                else:
                    base = _script(low)
                    if base == _LATIN:
                        out.append(LATIN_LOOKALIKES.get(low, low))
                    elif base == _ARABIC:
                        out.append(_ARABIC_FOLD.get(low, low))
                    else:
                        out.append(low)
            continue
        if kind == "N":
            out.append(_ARABIC_FOLD.get(ch, ch) if category == "Nd" else ch)
            base = _NONE if category == "Nd" else _OTHER
            continue
        out.append(ch if ch in "@$" else " ")
        base = _NONE
    folded = "".join(out)
    return unicodedata.normalize("NFC", folded) if kept_mark else folded


def _is_ignorable(ch: str) -> bool:
    if unicodedata.category(ch) == "Cf":
        return True
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _IGNORABLE_RANGES)


def _script(ch: str) -> int:
    """The script of a letter, coarsely: only the scripts the folding rules distinguish."""
    code = ord(ch)
    if code < 0x0370:
        return _LATIN  # ASCII letters, Latin-1, Latin Extended-A/B, IPA
    if code < 0x0400:
        return _GREEK
    if code < 0x0530:
        return _CYRILLIC
    if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0x0870 <= code <= 0x08FF:
        return _ARABIC
    if 0x1D00 <= code <= 0x1DBF or 0x1E00 <= code <= 0x1EFF or 0x2C60 <= code <= 0x2C7F:
        return _LATIN
    if 0xA720 <= code <= 0xA7FF or 0xAB30 <= code <= 0xAB6F:
        return _LATIN
    if 0x1F00 <= code <= 0x1FFF:
        return _GREEK
    if 0x1C80 <= code <= 0x1C8F or 0x2DE0 <= code <= 0x2DFF or 0xA640 <= code <= 0xA69F:
        return _CYRILLIC
    if 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
        return _ARABIC
    return _OTHER


# --------------------------------------------------------------------------------------------
# Stage 2 and 3: words. Each pass yields edits over the current text; _rewrite applies them and
# carries the offset map along.


def _rewrite(
    state: tuple[str, array, array], edits: Iterable[_Edit]
) -> tuple[str, array, array]:
    text, starts, ends = state
    out: list[str] = []
    new_starts = array(_TYPECODE)
    new_ends = array(_TYPECODE)
    done = 0
    for a, b, replacement in edits:
        if a > done:
            out.append(text[done:a])
            new_starts += starts[done:a]
            new_ends += ends[done:a]
        if isinstance(replacement, str):
            out.append(replacement)
            new_starts += starts[a:b]
            new_ends += ends[a:b]
        else:
            for piece, lo, hi in replacement:
                out.append(piece)
                k = len(piece)
                if k == 1:
                    new_starts.append(starts[lo])
                    new_ends.append(ends[hi - 1])
                else:
                    new_starts.extend([starts[lo]] * k)
                    new_ends.extend([ends[hi - 1]] * k)
        done = b
    if done == 0 and not out:
        return state
    out.append(text[done:])
    new_starts += starts[done:]
    new_ends += ends[done:]
    return "".join(out), new_starts, new_ends


def _quote_and_symbol_edits(text: str) -> Iterable[_Edit]:
    """Apostrophes inside words go; other apostrophes and a word-initial @/$ become spaces.

    A run mixing apostrophes with @ or $ between two word characters keeps its @ and $ (they
    are inside a word); anywhere else such a run is punctuation as a whole.
    """
    if "'" not in text and "@" not in text and "$" not in text:
        return
    n = len(text)
    for match in _QUOTE_OR_SYMBOL.finditer(text):
        a, b = match.span()
        run = match.group()
        after_word = a > 0 and text[a - 1] not in _NON_WORD
        if "'" not in run:
            if not after_word:
                yield a, b, " " * (b - a)
        elif after_word and b < n and text[b] not in _NON_WORD:
            yield a, b, [(ch, a + k, a + k + 1) for k, ch in enumerate(run) if ch != "'"]
        else:
            yield a, b, " " * (b - a)


def _words_around(text: str, pattern: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    """The (start, end) of every word holding a match of ``pattern``, each word once."""
    done = 0
    for match in pattern.finditer(text):
        pos = match.start()
        if pos < done:
            continue
        start = text.rfind(" ", 0, pos) + 1
        end = text.find(" ", pos)
        done = end = len(text) if end < 0 else end
        yield start, end


def _resolve_lookalikes(text: str) -> str:
    """Resolve placeholders: Latin in spoofed or mixed words, the real letter elsewhere.

    Every placeholder becomes exactly one character, so the offset map does not change.
    """
    out: list[str] = []
    resolved: dict[str, str] = {}
    done = 0
    for a, b in _words_around(text, _PLACEHOLDER):
        word = text[a:b]
        folded = resolved.get(word)
        if folded is None:
            folded = resolved[word] = word.translate(_FOLD if _spoofed(word) else _UNFOLD)
        out.append(text[done:a])
        out.append(folded)
        done = b
    out.append(text[done:])
    return "".join(out)


def _spoofed(word: str) -> bool:
    if _ANY_LATIN.search(word):
        return True
    if not _GENUINE_LETTER.search(word.translate(_DROP_PLACEHOLDERS)):
        return True  # every letter is a look-alike
    cyrillic = _CYRILLIC_PLACEHOLDER.search(word) or _GENUINE_CYRILLIC.search(word)
    greek = _GREEK_PLACEHOLDER.search(word) or _GENUINE_GREEK.search(word)
    return bool(cyrillic and greek)


def _leet_edits(text: str) -> Iterable[_Edit]:
    """Leetspeak in words with a Latin letter; elsewhere a left-over @ or $ is dropped."""
    for a, b in _words_around(text, _LEET_CHAR):
        word = text[a:b]
        if _LATIN_LETTER.search(word):
            yield a, b, word.translate(_LEET)
        elif "@" in word or "$" in word:
            yield a, b, [(ch, a + k, a + k + 1) for k, ch in enumerate(word) if ch not in "@$"]


def _squeeze(state: tuple[str, array, array]) -> tuple[str, array, array]:
    """Collapse runs of one letter and of spaces; drop leading and trailing spaces."""
    if len(state[0]) < _SMALL:
        return _rewrite(state, _squeeze_edits(state[0]))
    return _squeeze_large(state)


def _squeeze_edits(text: str) -> Iterable[_Edit]:
    n = len(text)
    for match in _SQUEEZE.finditer(text):
        a, b = match.span()
        letter = match.group(1)
        if letter is not None:
            yield a, b, [(letter, a, b)]
        elif a == 0 or b == n:
            yield a, b, []
        else:
            yield a, b, [(" ", a, b)]


def _squeeze_large(state: tuple[str, array, array]) -> tuple[str, array, array]:
    """``_squeeze`` vectorised with numpy: on long texts it is the pass with the most edits
    (every double letter)."""
    text, starts, ends = state
    n = len(text)
    if n == 0:
        return state
    if text.isascii():
        codes = np.frombuffer(text.encode("ascii"), dtype=np.uint8)
        squeezable = (codes == 32) | ((codes >= 97) & (codes <= 122))
    else:
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        letters = [ord(ch) for ch in set(text) if ch == " " or (ch.isalnum() and not ch.isdecimal())]
        squeezable = np.isin(codes, np.array(letters, dtype=np.uint32))
    heads_mask = np.ones(n, dtype=bool)
    heads_mask[1:] = (codes[1:] != codes[:-1]) | ~squeezable[1:]
    heads = np.flatnonzero(heads_mask)
    tails = np.empty_like(heads)
    tails[:-1] = heads[1:] - 1
    tails[-1] = n - 1
    first = 1 if codes[heads[0]] == 32 else 0
    last = len(heads) - 1 if codes[heads[-1]] == 32 else len(heads)
    if first == 0 and last == n:
        return state
    heads, tails = heads[first:last], tails[first:last]
    new_starts = array(_TYPECODE)
    new_starts.frombytes(np.frombuffer(starts, dtype=np.uint32)[heads].tobytes())
    new_ends = array(_TYPECODE)
    new_ends.frombytes(np.frombuffer(ends, dtype=np.uint32)[tails].tobytes())
    encoding = "ascii" if codes.dtype == np.uint8 else "utf-32-le"
    new_text = codes[heads].tobytes().decode(encoding, "surrogatepass")
    return new_text, new_starts, new_ends


def _spelled_out_edits(text: str) -> Iterable[_Edit]:
    """Join runs of three or more single-letter words (see the module docstring, step 3)."""
    for match in _SPELLED_OUT.finditer(text):
        run = match.group()
        if sum(1 for ch in run if ch != " " and not ch.isdecimal()) < 2:
            continue
        a = match.start()
        chars = [(ch, a + k) for k, ch in enumerate(run) if ch != " "]
        leet = _LATIN_LETTER.search(run) is not None
        pieces: _Pieces = []
        for ch, pos in chars:
            if leet:
                ch = ch.translate(_LEET)
            if pieces and pieces[-1][0] == ch and not ch.isdecimal():
                pieces[-1] = (ch, pieces[-1][1], pos + 1)
            else:
                pieces.append((ch, pos, pos + 1))
        yield a, match.end(), pieces
