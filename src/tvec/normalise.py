"""Text normalisation with an offset map back to the original text.

TEMPORARY minimal version (lower-casing only) so that the rest of the package imports while
the full normaliser is written; the interface below is the contract.
"""

from __future__ import annotations

from dataclasses import dataclass

from tvec.types import Span


@dataclass(frozen=True)
class NormalisedText:
    """``text`` is the normalised string; ``starts[i]``/``ends[i]`` give the original range that
    produced ``text[i]`` (several normalised characters may share one original range, and an
    original range may produce nothing)."""

    original: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def to_original(self, start: int, end: int) -> Span:
        """Map the normalised range ``[start, end)`` to the smallest original span covering it."""
        if start >= end:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return Span(pos, pos)
        return Span(self.starts[start], self.ends[end - 1])


def normalise(text: str) -> NormalisedText:
    lowered = []
    starts = []
    ends = []
    for i, ch in enumerate(text):
        for out in ch.casefold():
            lowered.append(out)
            starts.append(i)
            ends.append(i + 1)
    return NormalisedText(text, "".join(lowered), tuple(starts), tuple(ends))
