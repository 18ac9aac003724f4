"""Evidence highlighting: the stored text plus the scan's signals -> escaped HTML with every span
marked and labelled.

A pure function of (text, signals) so that it can be tested without a database or a browser.
Spans of different signals overlap all the time (the classifier and the context detector mark
the same sentence, an organisation's name sits inside a banked passage), so the text is cut at
every span boundary and each piece carries the set of signals covering it; nesting ``<mark>``
elements instead would break as soon as two spans cross without one containing the other.

Everything that comes from the document is escaped, and invisible or bidirectional control
characters are shown as ``\\uXXXX`` escapes: a reviewer must see that they are there, and a
right-to-left override in hostile text must not reorder the page around it.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from tvec.render import visible
from tvec.types import CONTEXT_CATEGORIES, VIOLATING_CATEGORIES

# the characters tvec.render.visible() rewrites; the console wraps them so that they stand out
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")

# the order in which a piece covered by several kinds of evidence takes its colour
_KIND_PRIORITY = ("violating", "provenance", "context", "other")


def evidence_kind(category: str) -> str:
    """violating / context / provenance (attribution, mentions, known content) / other."""
    if category in {str(c) for c in VIOLATING_CATEGORIES}:
        return "violating"
    if category in {str(c) for c in CONTEXT_CATEGORIES}:
        return "context"
    if category in {"attribution", "organisation_mention", "known_content"}:
        return "provenance"
    return "other"


@dataclass(frozen=True)
class Mark:
    """One signal as the document view labels it. ``number`` is its 1-based position in the
    scan's signal list, the same number the evidence table shows."""

    number: int
    detector: str
    category: str
    score: float
    kind: str

    @property
    def label(self) -> str:
        return f"#{self.number} {self.category} · {self.detector} · {self.score:.2f}"


@dataclass(frozen=True)
class Segment:
    """A run of text covered by exactly the same signals. ``opens`` are the signals with a span
    starting here, whose labels are drawn just before the run."""

    start: int
    end: int
    text: str
    covering: tuple[Mark, ...]
    opens: tuple[Mark, ...]

    @property
    def kind(self) -> str | None:
        kinds = {m.kind for m in self.covering}
        return next((k for k in _KIND_PRIORITY if k in kinds), None)


@dataclass(frozen=True)
class Highlighted:
    segments: tuple[Segment, ...]
    marks: tuple[Mark, ...]
    problems: tuple[str, ...]  # spans that could not be placed (out of range, malformed)

    def html(self) -> Markup:
        return render_segments(self.segments)


def _mark_of(number: int, signal: Mapping[str, Any]) -> Mark:
    category = str(signal.get("category", "?"))
    try:
        score = float(signal.get("score", 0.0))
    except (TypeError, ValueError):
        score = 0.0
    return Mark(number, str(signal.get("detector", "?")), category, score, evidence_kind(category))


def _valid_span(span: Any, length: int) -> tuple[int, int] | str:
    if not isinstance(span, Mapping):
        return f"span {span!r} is not an object"
    start, end = span.get("start"), span.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool) or isinstance(end, bool):
        return f"span {dict(span)!r} has no integer start/end"
    if not 0 <= start <= end <= length:
        return f"span [{start}, {end}) lies outside the text (length {length})"
    return start, end


def split_segments(text: str, signals: Sequence[Mapping[str, Any]]) -> Highlighted:
    """Cut ``text`` at every span boundary of ``signals`` (dicts as ``Signal.to_dict`` wrote
    them). Empty spans and spans outside the text are reported in ``problems``, never guessed."""
    marks: list[Mark] = []
    placed: list[tuple[int, int, Mark]] = []
    problems: list[str] = []
    for number, signal in enumerate(signals, start=1):
        mark = _mark_of(number, signal)
        marks.append(mark)
        for span in signal.get("spans") or ():
            checked = _valid_span(span, len(text))
            if isinstance(checked, str):
                problems.append(f"signal #{number} ({mark.detector} {mark.category}): {checked}")
            elif checked[0] < checked[1]:
                placed.append((checked[0], checked[1], mark))
    # one sweep over the boundaries: spans starting at a cut join the active set, spans ending
    # there leave it, so a document with thousands of spans stays linear in their number
    starting: dict[int, list[Mark]] = {}
    ending: dict[int, list[Mark]] = {}
    for start, end, mark in placed:
        starting.setdefault(start, []).append(mark)
        ending.setdefault(end, []).append(mark)
    cuts = sorted({0, len(text), *starting, *ending})
    active: Counter[Mark] = Counter()
    segments: list[Segment] = []
    for start, end in itertools.pairwise(cuts):
        active.subtract(ending.get(start, ()))
        active.update(starting.get(start, ()))
        covering = tuple(sorted((m for m, n in active.items() if n > 0), key=lambda m: m.number))
        opens = tuple(sorted(set(starting.get(start, ())), key=lambda m: m.number))
        segments.append(Segment(start, end, text[start:end], covering, opens))
    return Highlighted(tuple(segments), tuple(marks), tuple(problems))


def escape_visible(text: str) -> Markup:
    """Escape ``text`` for HTML, showing invisible and bidi control characters as escapes."""
    out: list[str] = []
    position = 0
    for found in _INVISIBLE.finditer(text):
        out.append(str(escape(text[position : found.start()])))
        char = found.group()
        out.append(
            f'<span class="invisible-char" title="invisible character U+{ord(char):04X}">'
            f"{escape(visible(char))}</span>"
        )
        position = found.end()
    out.append(str(escape(text[position:])))
    return Markup("".join(out))


def render_segments(segments: Sequence[Segment]) -> Markup:
    """The segments as HTML: ``<mark>`` around covered runs (a class per kind of evidence, a
    depth class where spans overlap), a label before each span start."""
    out: list[str] = []
    for segment in segments:
        for mark in segment.opens:
            out.append(
                f'<span class="ev-label ev-{mark.kind}" data-signal="{mark.number}" aria-hidden="true">'
                f"{escape(mark.label)}</span>"
            )
        body = escape_visible(segment.text)
        if not segment.covering:
            out.append(str(body))
            continue
        numbers = " ".join(str(m.number) for m in segment.covering)
        title = "; ".join(m.label for m in segment.covering)
        depth = min(len(segment.covering), 3)
        out.append(
            f'<mark class="ev ev-{segment.kind} ev-depth-{depth}" data-signals="{numbers}" '
            f'title="{escape(title)}">{body}</mark>'
        )
    return Markup("".join(out))


def highlight(text: str, signals: Sequence[Mapping[str, Any]]) -> Highlighted:
    """The one call the case view makes."""
    return split_segments(text, signals)
