"""Splitting a text into passages, the unit of matching in a bank.

A bank matches passages, not whole documents, so that a post quoting ONE paragraph of a known
release still matches it. The same splitter runs on the bank's entries and on scanned documents,
so both sides cut a text at the same places: at blank lines (paragraphs), with runs of very
short paragraphs (headings, sign-off lines) joined together, and long paragraphs cut into overlapping windows so that a quote taken from
the middle of one still lines up with a window.

Words are taken from the NORMALISED text (so homoglyphs, zero-width characters and case do not
matter) while each passage keeps the span of the ORIGINAL text it came from, via
:meth:`NormalisedText.to_original`. Paragraph breaks are looked for in the original text because
the normaliser may collapse line breaks.

The exact rules are part of the exchange format (``docs/bank-format.md``): another platform
computing signatures must tokenise and split the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from tvec.normalise import NormalisedText
from tvec.types import Span

# A word: letters and digits (not underscore) plus combining marks, so a Devanagari, Bengali or
# vocalised Arabic word with its vowel signs stays one word. Dandas (U+0964/5) are punctuation.
_WORD = re.compile(
    r"(?:[^\W_]|[\u0300-\u036F\u0483-\u0489\u0591-\u05C7\u0610-\u061A\u064B-\u065F\u0670"
    r"\u06D6-\u06ED\u0900-\u0963\u0966-\u0DFF\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F])+"
)
# A paragraph break: a line break, optional blank space, another line break.
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")

MIN_WORDS = 20
"""Paragraphs shorter than this are merged with a neighbour."""
MAX_WORDS = 80
"""Paragraphs longer than this are cut into windows."""
WINDOW_WORDS = 60
WINDOW_STRIDE = 30
"""Windows of 60 words every 30: any 60-word stretch of a long paragraph shares at least 45
words with some window, which keeps a verbatim quote above a Jaccard of ~0.6."""


@dataclass(frozen=True)
class Passage:
    """One passage: its position, its normalised words and the original span they came from."""

    index: int
    words: tuple[str, ...]
    span: Span

    @property
    def key(self) -> str:
        """The canonical form that is hashed: the normalised words joined by single spaces."""
        return " ".join(self.words)


@dataclass(frozen=True)
class Words:
    """The words of a normalised text with each word's range in the NORMALISED text."""

    normalised: NormalisedText
    words: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @property
    def key(self) -> str:
        return " ".join(self.words)

    def span(self, first: int, last: int) -> Span:
        """The original span of words ``first..last`` (inclusive)."""
        return self.normalised.to_original(self.starts[first], self.ends[last])


def words_of(normalised: NormalisedText) -> Words:
    """Tokenise the normalised text (see ``_WORD``)."""
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for match in _WORD.finditer(normalised.text):
        words.append(match.group())
        starts.append(match.start())
        ends.append(match.end())
    return Words(normalised, tuple(words), tuple(starts), tuple(ends))


def split_passages(normalised: NormalisedText, words: Words | None = None) -> list[Passage]:
    """Cut a text into passages (see the module docstring for the rules)."""
    words = words if words is not None else words_of(normalised)
    if not words.words:
        return []
    breaks = np.asarray([m.start() for m in _PARAGRAPH_BREAK.finditer(normalised.original)], dtype=np.int64)
    original_starts = np.asarray(normalised.starts, dtype=np.int64)[np.asarray(words.starts, dtype=np.int64)]
    paragraph_of_word = np.searchsorted(breaks, original_starts, side="right")
    # word-index ranges [a, b) of each non-empty paragraph
    cuts = np.flatnonzero(np.diff(paragraph_of_word)) + 1
    bounds = np.concatenate(([0], cuts, [len(words.words)])).tolist()
    paragraphs = list(zip(bounds[:-1], bounds[1:], strict=True))
    return [
        Passage(index=i, words=words.words[a:b], span=words.span(a, b - 1))
        for i, (a, b) in enumerate(_windows(_merge_short(paragraphs)))
    ]


def _merge_short(paragraphs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join consecutive paragraphs under MIN_WORDS (a heading and a one-line sign-off, a list of
    short lines) into one passage, up to MAX_WORDS. A short paragraph is never merged into a long
    neighbour: a post that adds one line of comment above a quoted paragraph must leave the
    quote a passage of its own, or the comment would dilute its similarity and widen its span."""
    merged: list[tuple[int, int]] = []
    previous_short = False
    for a, b in paragraphs:
        short = b - a < MIN_WORDS
        if short and previous_short and b - merged[-1][0] <= MAX_WORDS:
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
        previous_short = short
    return merged


def _windows(paragraphs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Cut each paragraph over MAX_WORDS into overlapping windows covering all of it."""
    out: list[tuple[int, int]] = []
    for a, b in paragraphs:
        if b - a <= MAX_WORDS:
            out.append((a, b))
            continue
        start = a
        while True:
            end = min(start + WINDOW_WORDS, b)
            if b - end < WINDOW_STRIDE // 2 or end == b:
                # fold a short tail into the last window rather than leaving a scrap
                out.append((start, b))
                break
            out.append((start, end))
            start += WINDOW_STRIDE
    return out
