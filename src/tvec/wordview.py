"""A word-level view of normalised text: tokens joined by single spaces, with offsets back.

Matching names on this view gives word boundaries in every script for free: a pattern
``" hizb ut tahrir "`` can only match whole words, whatever punctuation, line breaks or
separators stood between them in the original.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from tvec.normalise import NormalisedText
from tvec.types import Span

# \w plus the combining marks and Indic blocks that str.isalnum() leaves out, so a Devanagari or
# Bengali word with vowel signs stays one token. Dandas (U+0964/5) are punctuation.
_TOKEN = re.compile(
    r"(?:\w|[\u0300-\u036F\u0591-\u05C7\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED"
    r"\u0900-\u0963\u0966-\u0DFF])+"
)


def tokens(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _TOKEN.finditer(text) if m.group().strip("_")]


def word_string(text: str) -> str:
    """The space-bounded word form of an already normalised string (for building patterns)."""
    return " " + " ".join(text[a:b] for a, b in tokens(text)) + " "


@dataclass(frozen=True)
class WordView:
    normalised: NormalisedText
    text: str  # " w1 w2 ... wn "
    token_spans: tuple[tuple[int, int], ...]  # per token: [start, end) in normalised.text
    token_offsets: tuple[int, ...]  # per token: its start index in ``text``

    @classmethod
    def of(cls, normalised: NormalisedText) -> WordView:
        spans = tokens(normalised.text)
        offsets = []
        position = 1
        for a, b in spans:
            offsets.append(position)
            position += b - a + 1
        text = " " + " ".join(normalised.text[a:b] for a, b in spans) + " "
        return cls(normalised, text, tuple(spans), tuple(offsets))

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Indices ``[first, last]`` of the tokens covering ``text[start:end]``."""
        first = bisect.bisect_right(self.token_offsets, start) - 1
        last = bisect.bisect_right(self.token_offsets, max(start, end - 1)) - 1
        return max(first, 0), max(last, 0)

    def to_original(self, start: int, end: int) -> Span:
        """Map a match ``text[start:end]`` (whole tokens) to the original document."""
        first, last = self.token_range(start, end)
        return self.normalised.to_original(self.token_spans[first][0], self.token_spans[last][1])

    def window(self, first: int, last: int, radius: int) -> list[str]:
        """The tokens within ``radius`` tokens of ``[first, last]``, excluding those."""
        lo, hi = max(first - radius, 0), min(last + radius + 1, len(self.token_spans))
        norm = self.normalised.text
        return [norm[a:b] for i, (a, b) in enumerate(self.token_spans[lo:hi], start=lo) if not first <= i <= last]
