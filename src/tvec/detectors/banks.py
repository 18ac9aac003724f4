"""The banks detector: does a document contain known content from the local bank?

The document is split into passages exactly as bank entries are (``tvec.banks.passages``); each
passage is looked up by SHA-256 (exact, score 1.0) and otherwise through the LSH index, keeping
candidates whose estimated Jaccard similarity reaches the threshold (score = the estimate).
Matched passages of the same entry that follow each other in the document are merged into one
signal whose span covers them in the ORIGINAL text. A match says *what* the text contains, not
what to do about it: the entry's label and organisation travel in the evidence for the policy.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence

from tvec.banks.bank import Bank
from tvec.banks.index import PassageMatch
from tvec.banks.minhash import sha256_words
from tvec.banks.passages import Passage, split_passages, words_of
from tvec.detectors.base import Detector, PreparedDocument
from tvec.errors import ConfigurationError
from tvec.settings import TvecSettings
from tvec.types import Category, Signal, Span

DEFAULT_THRESHOLD = 0.5
PASSAGE_TEXT_SEPARATOR = "\n[…]\n"


class BanksDetector(Detector):
    name = "banks"
    categories = frozenset({Category.KNOWN_CONTENT})
    cost = 10.0

    def __init__(self, bank: Bank, threshold: float = DEFAULT_THRESHOLD) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ConfigurationError(f"banks: similarity threshold {threshold} outside (0, 1]")
        self.bank = bank
        self.threshold = threshold

    def detect(self, doc: PreparedDocument) -> list[Signal]:
        if not len(self.bank):
            return []
        normalised = doc.normalised
        words = words_of(normalised)
        if not words.words:
            return []
        passages = split_passages(normalised, words)
        matches = self.bank.match_passages(
            self.bank.hasher.signatures([p.words for p in passages]),
            [hashlib.sha256(p.key.encode("utf-8")).digest() for p in passages],
            [len(p.words) for p in passages],
            self.threshold,
            allow_short=len(passages) == 1,
        )
        if not matches:
            return []
        whole = set(self.bank.index.entries_with_document(sha256_words(words.words)))
        by_entry: dict[str, list[PassageMatch]] = defaultdict(list)
        for match in matches:
            by_entry[match.entry_id].append(match)
        signals = []
        for entry_id, found in by_entry.items():
            for region in _regions(found):
                signals.append(self._signal(entry_id, region, passages, entry_id in whole, len(words.words)))
        signals.sort(key=lambda s: (s.spans[0].start, -s.score, s.evidence["entry_id"]))
        return signals

    def _signal(
        self,
        entry_id: str,
        region: list[PassageMatch],
        passages: Sequence[Passage],
        whole: bool,
        document_words: int,
    ) -> Signal:
        meta = self.bank.entry(entry_id)
        best = max(region, key=lambda m: (m.similarity, -m.entry_passage))
        exact = all(m.exact for m in region)
        span = Span(passages[region[0].query].span.start, passages[region[-1].query].span.end)
        evidence: dict[str, object] = {
            "match": "exact" if exact else "near_duplicate",
            "similarity": round(best.similarity, 4),
            "entry_id": entry_id,
            "passage_index": best.entry_passage,
            "entry_passages": sorted({m.entry_passage for m in region}),
            "document_passages": [m.query for m in region],
            "whole_document": whole,
            # share of the document's words inside the matched passages: a re-post of a banked
            # item is mostly the item; an article quoting one paragraph of it is not
            "coverage": round(min(1.0, sum(len(passages[m.query].words) for m in region) / document_words), 4),
            "label": meta.label,
            "organisation": meta.organisation,
            "source": meta.source,
        }
        bank_text = self._bank_text(entry_id, region)
        if bank_text is not None:
            evidence["bank_passage_text"] = bank_text
        kind = "an exact copy of" if exact else f"a near-duplicate (similarity {best.similarity:.2f}) of"
        who = f", {meta.organisation}" if meta.organisation else ""
        return Signal(
            detector=self.name,
            category=Category.KNOWN_CONTENT,
            score=min(1.0, best.similarity),
            spans=(span,),
            evidence=evidence,
            explanation=f"passage is {kind} bank entry {entry_id} ({meta.label}{who})",
        )

    def _bank_text(self, entry_id: str, region: list[PassageMatch]) -> str | None:
        """The banked passages this region matched, from the entry's text when the bank holds it.
        Passages that overlap or are separated only by punctuation and space are shown as one stretch."""
        ranges = sorted({m.bank_range for m in region if m.bank_range is not None})
        if not ranges:
            return None
        text = self.bank.entry_text(entry_id)
        if text is None:
            return None
        merged: list[tuple[int, int]] = []
        for start, end in ranges:
            gap = text[merged[-1][1] : start] if merged else "x"
            if merged and (start <= merged[-1][1] or not any(ch.isalnum() for ch in gap)):
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return PASSAGE_TEXT_SEPARATOR.join(text[a:b] for a, b in merged)


def _regions(matches: list[PassageMatch]) -> list[list[PassageMatch]]:
    """Runs of matches on consecutive document passages (one match per document passage)."""
    regions: list[list[PassageMatch]] = []
    for match in sorted(matches, key=lambda m: m.query):
        if regions and match.query <= regions[-1][-1].query + 1:
            regions[-1].append(match)
        else:
            regions.append([match])
    return regions


def create(settings: TvecSettings) -> BanksDetector:
    """Entry point ``banks``: the bank at ``settings.resolved_bank_path`` (missing = empty)."""
    return BanksDetector(Bank(settings.resolved_bank_path), threshold=settings.bank_threshold)
