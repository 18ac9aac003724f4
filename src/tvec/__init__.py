"""tvec: find terrorist and violent-extremist content in text, per jurisdiction, with evidence.

``tvec.scan(text)`` is the one-liner; build a :class:`Scanner` yourself to scan many documents
(loading detectors is the expensive part) or to pass settings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache

from tvec.errors import TvecError
from tvec.scanner import Scanner, ScanResult
from tvec.settings import TvecSettings, load_settings
from tvec.types import Action, Category, Decision, Document, Signal, Source, Span

__all__ = [
    "Action",
    "Category",
    "Decision",
    "Document",
    "ScanResult",
    "Scanner",
    "Signal",
    "Source",
    "Span",
    "TvecError",
    "TvecSettings",
    "scan",
]  # fmt: skip


@lru_cache(maxsize=1)
def _default_scanner() -> Scanner:
    """One scanner per process for the convenience function, built from the environment on first
    use; it holds only read-only state (automata, policy, bank index as loaded)."""
    return Scanner(load_settings())


def scan(
    text_or_document: str | Document,
    jurisdictions: Sequence[str] | None = None,
    as_of: dt.date | None = None,
    scanner: Scanner | None = None,
) -> list[Decision]:
    """Scan one text or document and return its decisions, one per jurisdiction."""
    return list((scanner or _default_scanner()).scan(text_or_document, jurisdictions, as_of).decisions)
