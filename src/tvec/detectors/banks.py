"""The banks detector: does a document contain known content from the local bank file?

The document is split into passages exactly as bank entries are (``tvec.banks.passages``) and
matched in up to four ways, each with its own threshold setting:

- **exact**: the passage's SHA-256 (score 1.0), for passages of at least ``bank_exact_min_words``;
- **near-duplicate**: MinHash/LSH, estimated Jaccard >= ``bank_threshold`` (score = the estimate);
- **TLSH** (entries imported as TLSH digests): distance <= ``bank_tlsh_threshold`` on the whole
  document or a passage (score 1.0 at distance 0 falling to 0.5 at the threshold);
- **paraphrase** (optional, ``bank_semantic``): embedding cosine >= ``bank_semantic_threshold``
  for passages nothing else matched; score 0.5 at the threshold rising to at most 0.85, so a
  rewording alone is sent to a person (the default policy removes only at >= 0.9).

Whether a match counts is decided from the matched entries' state, read fresh from the bank file:
entries of disabled banks, snoozed entries and removed entries never match; a ramped bank (ramp
r < 1) is matched against a deterministic fraction r of documents (SHA-256 of the bank name and
the document's normalised words, so the same text always gets the same answer); a passage that
matches an entry of a NEGATIVE bank (known-legitimate text: scripture, news wire copy) suppresses
every positive match on that passage, and a zero-score signal says which legitimate entry did it;
an entry with at least ``bank_demote_after`` false-positive reports still matches, but its score
is capped at :data:`DEMOTED_SCORE` (review, never removal, under the default policy) and the
evidence says ``demoted``.

Matched passages of the same entry that follow each other in the document are merged into one
signal whose span covers them in the ORIGINAL text. A match says *what* the text contains, not
what to do about it: the entry's label and organisation travel in the evidence for the policy.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from tvec.banks.bank import Bank
from tvec.banks.entries import now_iso
from tvec.banks.minhash import sha256_words
from tvec.banks.passages import Passage, split_passages, words_of
from tvec.banks.semantic import ParaphraseIndex
from tvec.banks.store import EntryState
from tvec.banks.tlsh_match import DEFAULT_TLSH_THRESHOLD, digest_of, tlsh_available
from tvec.detectors.base import Detector, PreparedDocument
from tvec.errors import ConfigurationError
from tvec.settings import TvecSettings
from tvec.types import Category, Signal, Span

DEFAULT_THRESHOLD = 0.5
DEFAULT_EXACT_MIN_WORDS = 8
DEFAULT_SEMANTIC_THRESHOLD = 0.92
PASSAGE_TEXT_SEPARATOR = "\n[…]\n"
DEMOTED_SCORE = 0.7
"""Score cap of a demoted entry's matches: at or above the default policy's review rule (0.5),
below its removal rules (0.9)."""
PARAPHRASE_SCORE_RANGE = (0.5, 0.85)
PARAPHRASE_MIN_WORDS = 8
WHOLE_DOCUMENT = -1
"""The ``query`` of a TLSH match on the whole document rather than one passage."""
_MATCH_ORDER = ("exact", "near_duplicate", "paraphrase", "tlsh")


@dataclass(frozen=True)
class Hit:
    """One candidate match, of any kind, before the entry's state is applied."""

    query: int  # document passage, or WHOLE_DOCUMENT
    entry_id: str
    match: str  # exact | near_duplicate | paraphrase | tlsh
    score: float
    similarity: float  # Jaccard estimate, cosine, or the TLSH score
    entry_passage: int | None = None
    bank_range: tuple[int, int] | None = None
    tlsh_distance: int | None = None


def ramp_fraction(bank_name: str, document_sha256: bytes) -> float:
    """Where a document falls in [0, 1) for a bank's ramp: matched while below the ramp."""
    digest = hashlib.sha256(bank_name.encode("utf-8") + b"\0" + document_sha256).digest()
    return int.from_bytes(digest[:8], "big") / 2.0**64


class BanksDetector(Detector):
    name = "banks"
    categories = frozenset({Category.KNOWN_CONTENT})
    cost = 10.0

    def __init__(
        self,
        bank: Bank,
        threshold: float = DEFAULT_THRESHOLD,
        *,
        exact_min_words: int = DEFAULT_EXACT_MIN_WORDS,
        tlsh_threshold: int = DEFAULT_TLSH_THRESHOLD,
        paraphrases: ParaphraseIndex | None = None,
        semantic_threshold: float = DEFAULT_SEMANTIC_THRESHOLD,
        demote_after: int = 1,
    ) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ConfigurationError(f"banks: similarity threshold {threshold} outside (0, 1]")
        if not 0.0 < semantic_threshold <= 1.0:
            raise ConfigurationError(f"banks: semantic threshold {semantic_threshold} outside (0, 1]")
        if demote_after < 1 or exact_min_words < 1 or tlsh_threshold < 0:
            raise ConfigurationError("banks: demote_after and exact_min_words must be >= 1, tlsh_threshold >= 0")
        self.bank = bank
        self.threshold = threshold
        self.exact_min_words = exact_min_words
        self.tlsh_threshold = tlsh_threshold
        self.paraphrases = paraphrases
        self.semantic_threshold = semantic_threshold
        self.demote_after = demote_after

    # -- candidates ------------------------------------------------------------------------------

    def detect(self, doc: PreparedDocument) -> list[Signal]:
        if not len(self.bank) and not (self.paraphrases is not None and len(self.paraphrases)):
            return []
        normalised = doc.normalised
        words = words_of(normalised)
        if not words.words:
            return []
        passages = split_passages(normalised, words)
        hits = self._minhash_hits(passages) + self._tlsh_hits(doc.text, passages)
        hits += self._paraphrase_hits(doc.text, passages, {h.query for h in hits})
        if not hits:
            return []
        states = self.bank.entry_states({h.entry_id for h in hits})
        document_sha = sha256_words(words.words)
        hits = self._live(hits, states, document_sha)
        if not hits:
            return []
        negative = [h for h in hits if states[h.entry_id].bank.negative]
        positive = [h for h in hits if not states[h.entry_id].bank.negative]
        kept, suppressed = _suppress(positive, negative)
        whole = set(self.bank.index.entries_with_document(document_sha))
        by_entry: dict[str, list[Hit]] = defaultdict(list)
        for hit in kept:
            by_entry[hit.entry_id].append(hit)
        signals = []
        for entry_id, found in by_entry.items():
            for region in _regions(found):
                signals.append(
                    self._signal(states[entry_id], region, passages, doc.text, entry_id in whole, len(words.words))
                )
        signals.extend(self._suppression_signals(suppressed, states, passages, doc.text))
        signals.sort(key=lambda s: (s.spans[0].start, -s.score, s.evidence["entry_id"]))
        return signals

    def _minhash_hits(self, passages: Sequence[Passage]) -> list[Hit]:
        if not self.bank.index.entry_count:
            return []
        matches = self.bank.match_passages(
            self.bank.hasher.signatures([p.words for p in passages]),
            [hashlib.sha256(p.key.encode("utf-8")).digest() for p in passages],
            [len(p.words) for p in passages],
            self.threshold,
            allow_short=len(passages) == 1,
        )
        hits = []
        for m in matches:
            if m.exact and len(passages) > 1 and len(passages[m.query].words) < self.exact_min_words:
                continue
            hits.append(
                Hit(
                    query=m.query,
                    entry_id=m.entry_id,
                    match="exact" if m.exact else "near_duplicate",
                    score=min(1.0, m.similarity),
                    similarity=m.similarity,
                    entry_passage=m.entry_passage,
                    bank_range=m.bank_range,
                )
            )
        return hits

    def _tlsh_hits(self, text: str, passages: Sequence[Passage]) -> list[Hit]:
        if not len(self.bank.tlsh):
            return []
        texts = [text] + ([_tlsh_text(text, p.span) for p in passages] if len(passages) > 1 else [])
        found = self.bank.match_tlsh([digest_of(t) for t in texts], self.tlsh_threshold)
        best: dict[tuple[int, str], Hit] = {}
        for m in found:
            query = WHOLE_DOCUMENT if m.query == 0 else m.query - 1
            score = 1.0 if self.tlsh_threshold == 0 else 1.0 - 0.5 * m.distance / self.tlsh_threshold
            hit = Hit(query, m.entry_id, "tlsh", score, score, tlsh_distance=m.distance)
            if (query, m.entry_id) not in best or best[(query, m.entry_id)].score < score:
                best[(query, m.entry_id)] = hit
        return list(best.values())

    def _paraphrase_hits(self, text: str, passages: Sequence[Passage], matched: set[int]) -> list[Hit]:
        if self.paraphrases is None or not len(self.paraphrases):
            return []
        todo = [p for p in passages if p.index not in matched and len(p.words) >= PARAPHRASE_MIN_WORDS]
        if not todo:
            return []
        found = self.paraphrases.match([text[p.span.start : p.span.end] for p in todo], self.semantic_threshold)
        low, high = PARAPHRASE_SCORE_RANGE
        span = max(1e-9, 1.0 - self.semantic_threshold)
        return [
            Hit(
                query=todo[m.query].index,
                entry_id=m.entry_id,
                match="paraphrase",
                score=min(high, low + (high - low) * (m.similarity - self.semantic_threshold) / span),
                similarity=m.similarity,
                entry_passage=m.entry_passage,
                bank_range=m.bank_range,
            )
            for m in found
        ]

    # -- the entry's state -----------------------------------------------------------------------

    def _live(self, hits: list[Hit], states: dict[str, EntryState], document_sha: bytes) -> list[Hit]:
        """Drop matches of removed, snoozed or disabled entries and of ramped banks this document is
        outside of."""
        now = now_iso()
        in_ramp: dict[str, bool] = {}
        out = []
        for hit in hits:
            state = states.get(hit.entry_id)
            if state is None or state.removed or state.snoozed(now) or not state.bank.enabled:
                continue
            name = state.bank.name
            if name not in in_ramp:
                in_ramp[name] = state.bank.ramp >= 1.0 or ramp_fraction(name, document_sha) < state.bank.ramp
            if in_ramp[name]:
                out.append(hit)
        return out

    # -- signals -----------------------------------------------------------------------------------

    def _signal(
        self,
        state: EntryState,
        region: list[Hit],
        passages: Sequence[Passage],
        text: str,
        whole: bool,
        document_words: int,
    ) -> Signal:
        entry_id = state.id
        best = max(region, key=lambda h: (h.score, -(h.entry_passage or 0)))
        kinds = {h.match for h in region}
        # a region is "exact" only if every passage is; otherwise it is named by its loosest kind
        kind = "exact" if kinds == {"exact"} else next(k for k in _MATCH_ORDER[1:] if k in kinds)
        span = _span(region, passages)
        queries = _queries(region, passages)
        score = min(1.0, best.score)
        demoted = state.fp_reports >= self.demote_after
        if demoted:
            score = min(score, DEMOTED_SCORE)
        evidence: dict[str, object] = {
            "match": kind,
            "similarity": round(best.similarity, 4),
            "entry_id": entry_id,
            "passage_index": best.entry_passage,
            "entry_passages": sorted({h.entry_passage for h in region if h.entry_passage is not None}),
            "document_passages": queries,
            "whole_document": whole or any(h.query == WHOLE_DOCUMENT for h in region),
            # share of the document's words inside the matched passages: a re-post of a banked
            # item is mostly the item; an article quoting one paragraph of it is not
            "coverage": round(min(1.0, sum(len(passages[q].words) for q in queries) / document_words), 4),
            "label": state.label,
            "organisation": state.organisation,
            "source": state.source,
            "bank": state.bank.name,
        }
        if state.bank.ramp < 1.0:
            evidence["ramped"] = True
            evidence["ramp"] = state.bank.ramp
        if demoted:
            evidence["demoted"] = True
            evidence["fp_reports"] = state.fp_reports
        distances = [h.tlsh_distance for h in region if h.tlsh_distance is not None]
        if distances:
            evidence["tlsh_distance"] = min(distances)
        bank_text = self._bank_text(entry_id, region)
        if bank_text is not None:
            evidence["bank_passage_text"] = bank_text
        described = {
            "exact": "an exact copy of",
            "near_duplicate": f"a near-duplicate (similarity {best.similarity:.2f}) of",
            "paraphrase": f"a paraphrase (embedding similarity {best.similarity:.2f}) of",
            "tlsh": f"a TLSH match (distance {min(distances) if distances else 0}) of",
        }[kind]
        who = f", {state.organisation}" if state.organisation else ""
        notes = (" [ramped bank]" if state.bank.ramp < 1.0 else "") + (
            f" [entry demoted after {state.fp_reports} false-positive report(s)]" if demoted else ""
        )
        return Signal(
            detector=self.name,
            category=Category.KNOWN_CONTENT,
            score=score,
            spans=(span,),
            evidence=evidence,
            explanation=f"passage is {described} bank entry {entry_id} ({state.label}{who}){notes}",
        )

    def _suppression_signals(
        self,
        suppressed: dict[str, list[tuple[Hit, Hit]]],
        states: dict[str, EntryState],
        passages: Sequence[Passage],
        text: str,
    ) -> list[Signal]:
        """One zero-score signal per negative entry that suppressed positive matches: the record
        of why a known item did NOT count here."""
        out = []
        for negative_id, pairs in sorted(suppressed.items()):
            state = states[negative_id]
            negatives = [n for n, _ in pairs]
            positives = sorted({p.entry_id for _, p in pairs})
            out.append(
                Signal(
                    detector=self.name,
                    category=Category.KNOWN_CONTENT,
                    score=0.0,
                    spans=(_span(negatives, passages),),
                    evidence={
                        "match": "suppressed",
                        "known_legitimate": True,
                        "entry_id": negative_id,
                        "bank": state.bank.name,
                        "label": state.label,
                        "source": state.source,
                        "negative_match": max(negatives, key=lambda h: h.score).match,
                        "document_passages": _queries(negatives, passages),
                        "suppressed_entries": positives,
                    },
                    explanation=(
                        f"matches of bank entr{'y' if len(positives) == 1 else 'ies'} {', '.join(positives)} "
                        f"suppressed: the passage is known-legitimate text (entry {negative_id} of negative "
                        f"bank {state.bank.name})"
                    ),
                )
            )
        return out

    def _bank_text(self, entry_id: str, region: list[Hit]) -> str | None:
        """The banked passages this region matched, from the entry's text when the bank holds it.
        Passages that overlap or are separated only by punctuation and space are shown as one stretch."""
        ranges = sorted({h.bank_range for h in region if h.bank_range is not None})
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


def _tlsh_text(text: str, span: Span) -> str:
    """A passage's original text for TLSH, with the punctuation that closes it (a passage span ends
    at its last word, and TLSH of a short text moves a lot when one final full stop is missing)."""
    end = span.end
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[span.start : end]


def _suppress(positive: list[Hit], negative: list[Hit]) -> tuple[list[Hit], dict[str, list[tuple[Hit, Hit]]]]:
    """Split positive hits into those kept and those a negative hit on the same passage suppresses
    (a negative match on the whole document, or a whole-document positive match in a document with
    any negative match, counts as the same passage)."""
    if not negative:
        return positive, {}
    by_query: dict[int, Hit] = {}
    for hit in negative:
        if hit.query not in by_query or by_query[hit.query].score < hit.score:
            by_query[hit.query] = hit
    whole = by_query.get(WHOLE_DOCUMENT)
    strongest = max(negative, key=lambda h: h.score)
    kept: list[Hit] = []
    suppressed: dict[str, list[tuple[Hit, Hit]]] = defaultdict(list)
    for hit in positive:
        blocker = whole or by_query.get(hit.query)
        if blocker is None and hit.query == WHOLE_DOCUMENT:
            blocker = strongest
        if blocker is None:
            kept.append(hit)
        else:
            suppressed[blocker.entry_id].append((blocker, hit))
    return kept, suppressed


def _queries(hits: Sequence[Hit], passages: Sequence[Passage]) -> list[int]:
    if any(h.query == WHOLE_DOCUMENT for h in hits):
        return list(range(len(passages)))
    return sorted({h.query for h in hits})


def _span(hits: Sequence[Hit], passages: Sequence[Passage]) -> Span:
    queries = _queries(hits, passages)
    return Span(passages[queries[0]].span.start, passages[queries[-1]].span.end)


def _regions(hits: list[Hit]) -> list[list[Hit]]:
    """Runs of hits on consecutive document passages; a whole-document hit is a region of its own."""
    regions: list[list[Hit]] = []
    whole = [h for h in hits if h.query == WHOLE_DOCUMENT]
    for hit in sorted((h for h in hits if h.query != WHOLE_DOCUMENT), key=lambda h: h.query):
        if regions and hit.query <= regions[-1][-1].query + 1:
            regions[-1].append(hit)
        else:
            regions.append([hit])
    if whole:
        regions.append([max(whole, key=lambda h: h.score)])
    return regions


def create(settings: TvecSettings) -> BanksDetector:
    """Entry point ``banks``: the bank file at ``settings.resolved_bank_path`` (missing = empty)."""
    bank = Bank(settings.resolved_bank_path)
    paraphrases = None
    if settings.bank_semantic:
        from tvec.banks.semantic import default_encoder

        encoder = default_encoder()  # a clear ConfigurationError without tvec[semantic]
        paraphrases = ParaphraseIndex(bank.path, encoder)
        if bank.store.exists:
            paraphrases.sync(list(bank.store.passage_texts()))
    if len(bank.tlsh) and not tlsh_available():
        raise ConfigurationError(
            f"{bank.path} holds TLSH entries; matching them needs the package 'py-tlsh': pip install 'tvec[tlsh]'"
        )
    return BanksDetector(
        bank,
        threshold=settings.bank_threshold,
        exact_min_words=settings.bank_exact_min_words,
        tlsh_threshold=settings.bank_tlsh_threshold,
        paraphrases=paraphrases,
        semantic_threshold=settings.bank_semantic_threshold,
        demote_after=settings.bank_demote_after,
    )
