"""A bank entry and how it is signed from its text.

An entry carries its signatures (one per passage, plus a whole-document hash) whether or not it
carries its text: an entry imported from a signatures-only list matches exactly as well as one
added from the text itself, which is what lets platforms share lists without sharing the
propaganda.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import UTC, datetime

import numpy as np

from tvec.banks.minhash import MinHasher, sha256_words
from tvec.banks.passages import split_passages, words_of
from tvec.errors import BankError
from tvec.normalise import normalise
from tvec.types import Category

DEFAULT_LABEL = Category.PROSCRIBED_SUPPORT.value
DEFAULT_BANK = "default"
"""The bank every entry belongs to unless told otherwise (and that a pre-v2 file is migrated into)."""
ID_LENGTH = 16
"""Default ids are the first 16 hex digits of the document hash."""


@dataclass(frozen=True, eq=False)
class PassageSignature:
    """The signatures of one passage. ``start``/``end`` locate it in the entry's text, when the
    bank holds that text (they let the console show the banked passage next to the match)."""

    sha256: bytes
    minhash: np.ndarray
    n_words: int
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, eq=False)
class BankEntry:
    id: str
    label: str
    organisation: str | None
    source: str
    added_by: str
    added_at: str
    sha256: bytes
    passages: tuple[PassageSignature, ...]
    scheme: str
    text: str | None = None
    bank: str = DEFAULT_BANK
    snoozed_until: str | None = None
    tlsh: str | None = None
    """A TLSH digest (``T1`` + 70 hex digits) for entries imported from a TLSH list: such an entry
    has no passages and is matched by TLSH distance only (``tvec.banks.tlsh_match``)."""

    @property
    def kind(self) -> str:
        """``text`` (passage signatures) or ``text_tlsh`` (a TLSH digest only)."""
        return "text_tlsh" if self.tlsh is not None else "text"

    def without_text(self) -> BankEntry:
        return replace(
            self,
            text=None,
            passages=tuple(replace(p, start=None, end=None) for p in self.passages),
        )


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def check_label(label: str, where: str) -> str:
    """A label must be a tvec category, so the policy can reason about it like any signal."""
    try:
        return Category(label).value
    except ValueError:
        known = ", ".join(c.value for c in Category)
        raise BankError(f"{where}: unknown label {label!r} (known: {known})") from None


def make_entry(
    text: str,
    hasher: MinHasher,
    *,
    where: str,
    entry_id: str | None = None,
    label: str = DEFAULT_LABEL,
    organisation: str | None = None,
    source: str = "",
    added_by: str = "",
    added_at: str | None = None,
    bank: str = DEFAULT_BANK,
) -> BankEntry:
    """Sign ``text`` as a new entry. ``where`` names the input in error messages."""
    normalised = normalise(text)
    words = words_of(normalised)
    if not words.words:
        raise BankError(f"{where}: no words to match on")
    passages = split_passages(normalised, words)
    signatures = hasher.signatures([p.words for p in passages])
    doc_sha = sha256_words(words.words)
    if added_at is not None:
        check_added_at(added_at, where)
    return BankEntry(
        id=entry_id or doc_sha.hex()[:ID_LENGTH],
        label=check_label(label, where),
        organisation=organisation or None,
        source=source,
        added_by=added_by,
        added_at=added_at or now_iso(),
        sha256=doc_sha,
        passages=tuple(
            PassageSignature(
                sha256=hashlib.sha256(p.key.encode("utf-8")).digest(),
                minhash=signatures[i],
                n_words=len(p.words),
                start=p.span.start,
                end=p.span.end,
            )
            for i, p in enumerate(passages)
        ),
        scheme=hasher.scheme,
        text=text,
        bank=bank,
    )


def check_added_at(value: str, where: str) -> str:
    try:
        datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise BankError(f"{where}: added_at {value!r} is not an ISO 8601 date-time") from None
    return value


def check_date(value: str, where: str, what: str) -> str:
    """An ISO 8601 date or date-time (a bare date means midnight UTC), returned as a UTC date-time
    string so that stored values compare correctly as text."""
    try:
        parsed = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise BankError(f"{where}: {what} {value!r} is not an ISO 8601 date or date-time") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).replace(microsecond=0).isoformat()
