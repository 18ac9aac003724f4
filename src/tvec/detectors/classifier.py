"""The classifier detector: novel content, scored sentence by sentence, with the sentences as evidence.

A cascade in three parts, all explainable:

1. **Linear first stage** (:class:`~tvec.model.linear.LinearModel`, shipped in the package):
   hashed word and character n-grams of the normalised sentence, one calibrated logistic
   regression per category the public data supports. Its explanation is the n-grams that
   weighed most.
2. **Call-to-action analysis** (:mod:`tvec.model.cta`): a directive (imperative, vocative,
   "we demand that", "it is time for") addressed to someone (the armed forces, the youth) to
   commit a violent or military act or to seize power — blocked by reported speech, negation
   and condemnation. This is how tvec scores ``insurrection`` and ``recruitment``, for which no
   public training data exists; its explanation is the cue words filling each slot. Its sibling
   :mod:`tvec.model.dehumanisation` finds a group predicated with a dehumanising term ("X are
   vermin"), with the same blockers, which the n-gram model cannot tell from quoted hate.
3. **Second stage** (:mod:`tvec.model.encoder`, optional extra ``tvec[encoder]``): sentences the
   first stage can neither clear nor confirm (a violating score inside ``uncertain_band``) are
   embedded and compared with prototypes written from the policy definitions; the two scores
   are averaged, and the nearest definition is the explanation.

Document scores: the maximum over sentences for violating categories (one call to arms is
enough), the share-weighted mean for context categories (a quoted line does not make a
press release "news"). Only categories scoring at least ``min_score`` become signals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from tvec.detectors.base import Detector, PreparedDocument
from tvec.model.cta import find_calls_to_action
from tvec.model.dehumanisation import find_dehumanising_statements
from tvec.model.genre import GenreAssessment, voice_weight
from tvec.model.language import load_identifier
from tvec.model.linear import LinearModel
from tvec.model.semantic_stage import MIN_SENTENCE_CHARS, REVIEW_AT, SemanticStage
from tvec.model.speaker import Voice
from tvec.settings import TvecSettings
from tvec.types import CONTEXT_CATEGORIES, VIOLATING_CATEGORIES, Category, Signal, Span

MAX_EVIDENCE_SPANS = 3
#: A violating sentence score from the n-gram stage alone (no call-to-action analysis, no
#: encoder agreeing): below STRONG it counts FACTOR of itself, above it at most CAP
#: (see ClassifierDetector._discount_uncorroborated).
UNCORROBORATED_STRONG = 0.8
UNCORROBORATED_FACTOR = 0.6
UNCORROBORATED_CAP = 0.84
#: Semantic-stage categories that are hints only (kept in the evidence, below every rule): support
#: for an organisation needs the organisation, which the organisations detector establishes; the
#: support head alone, trained on account-level labels, flagged 15% of German legitimate posts.
HINT_ONLY = frozenset({"proscribed_support"})
HINT_CAP = 0.45
#: English sentences the semantic stage embeds by default: those whose best linear violating score
#: lies in this band - where its agreement decides between a discounted n-gram score (below review)
#: and review. The cost is ~50 ms a sentence; the floor is a setting (``semantic_english_floor``),
#: because lowering it trades speed for recall (docs/classifier-performance.md, eighth round).
SEMANTIC_ENGLISH_BAND = (0.5, 0.85)


@dataclass
class _CategoryScores:
    """Per-sentence scores of one category, and where each came from."""

    scores: np.ndarray
    stage: list[str]
    notes: dict[int, dict[str, object]] = field(default_factory=dict)


class ClassifierDetector(Detector):
    name = "classifier"
    categories = frozenset(VIOLATING_CATEGORIES | CONTEXT_CATEGORIES)
    cost = 50.0

    def __init__(
        self,
        model: LinearModel | None = None,
        second_stage: object | None = None,
        *,
        min_score: float = 0.3,
        uncertain_band: tuple[float, float] = (0.3, 0.85),
        semantic: SemanticStage | None = None,
        semantic_max_sentences: int = 16,
        semantic_english_band: tuple[float, float] = SEMANTIC_ENGLISH_BAND,
    ) -> None:
        self.model = model if model is not None else LinearModel.load()
        load_identifier()  # the language of each document goes into the evidence
        self.second_stage = second_stage  # a PrototypeScorer, or None
        self.min_score = min_score
        self.uncertain_band = uncertain_band
        self.semantic = semantic
        self.semantic_max_sentences = semantic_max_sentences
        self.semantic_english_band = semantic_english_band

    def detect(self, doc: PreparedDocument) -> list[Signal]:
        text = doc.text
        split = doc.sentences
        kept = [i for i, s in enumerate(split) if text[s.start : s.end].strip()]
        if not kept:
            return []
        spans = [split[i] for i in kept]
        voices = [doc.voices[i] for i in kept]
        sentences = [text[s.start : s.end] for s in spans]
        table = self._first_stage(sentences)
        self._calls_to_action(text, split, spans, table)
        if self.semantic is not None:
            self._semantic_stage(sentences, voices, doc, table)
        if self.second_stage is not None:
            self._second_stage(sentences, table)
        self._discount_uncorroborated(table)
        self._weigh_voices(table, voices, doc.genre)
        lengths = np.array([len(s) for s in sentences], dtype=np.float64)
        document = {**doc.genre.to_evidence(), **doc.language.to_evidence()}
        signals = []
        for category, scores in table.items():
            signal = self._signal(category, scores, spans, sentences, lengths, document)
            if signal is not None:
                signals.append(signal)
        return signals

    @staticmethod
    def _discount_uncorroborated(table: dict[str, _CategoryScores]) -> None:
        """An n-gram score that no other stage confirms is weaker evidence than it looks: the
        first stage learnt from hate-speech corpora, in which abuse, profanity and slurs stand
        next to dehumanisation, and a long document's best sentence is the maximum of many noisy
        scores. So a violating score from the linear stage alone counts
        ``UNCORROBORATED_FACTOR`` of itself below ``UNCORROBORATED_STRONG`` (a medium n-gram
        score alone no longer sends a text to review) and is capped at
        ``UNCORROBORATED_CAP`` above it (review, never automatic removal, on n-grams alone).
        Scores raised by the call-to-action analyses or combined with the encoder are untouched;
        the unweighted score stays in the evidence."""
        for category, scores in table.items():
            if category not in VIOLATING_CATEGORIES:
                continue
            alone = np.array([stage == "linear" for stage in scores.stage])
            if not alone.any():
                continue
            raw = scores.scores
            adjusted = np.where(raw >= UNCORROBORATED_STRONG, np.minimum(raw, UNCORROBORATED_CAP),
                                raw * UNCORROBORATED_FACTOR)
            changed = alone & (adjusted != raw)
            for i in np.flatnonzero(changed):
                note = scores.notes.setdefault(int(i), {})
                note.setdefault("unweighted_score", round(float(raw[i]), 4))
                note["uncorroborated"] = True
            scores.scores = np.where(alone, adjusted, raw)

    @staticmethod
    def _weigh_voices(table: dict[str, _CategoryScores], voices: list[Voice], genre: GenreAssessment) -> None:
        """A violating sentence counts as much as its author speaks it: quoted, reported and
        scriptural sentences are weighed down by genre (:func:`tvec.model.genre.voice_weight`);
        the unweighted score stays in the evidence."""
        weights = np.array([voice_weight(v, genre) for v in voices], dtype=np.float64)
        for category, scores in table.items():
            if category not in VIOLATING_CATEGORIES:
                continue
            for i in np.flatnonzero(weights < 1.0):
                if scores.scores[i] > 0.0:
                    note = scores.notes.setdefault(int(i), {})
                    note["voice"] = voices[i].kind
                    note["voice_cue"] = voices[i].cue
                    note["unweighted_score"] = round(float(scores.scores[i]), 4)
            scores.scores = scores.scores * weights

    # -- stages ------------------------------------------------------------------------------

    def _first_stage(self, sentences: list[str]) -> dict[str, _CategoryScores]:
        probabilities = self.model.predict_proba(sentences)
        return {
            category: _CategoryScores(probabilities[:, j].astype(np.float64), ["linear"] * len(sentences))
            for j, category in enumerate(self.model.categories)
        }

    def _calls_to_action(
        self, text: str, split: list[Span], spans: list[Span], table: dict[str, _CategoryScores]
    ) -> None:
        """Each call to action raises the score of the sentence it lies in (``split``: the
        document's sentences, ``spans``: those of them that are scored)."""
        starts = np.array([s.start for s in spans])
        for call in (*find_calls_to_action(text, split), *find_dehumanising_statements(text, split)):
            if call.blocked_by is not None or call.score <= 0.0:
                continue
            index = int(np.searchsorted(starts, call.span.start, side="right") - 1)
            index = min(max(index, 0), len(spans) - 1)
            scores = table.setdefault(
                call.category, _CategoryScores(np.zeros(len(spans)), ["none"] * len(spans))
            )
            if call.score > scores.scores[index]:
                scores.scores[index] = call.score
                scores.stage[index] = "call_to_action"
                scores.notes[index] = {"cues": dict(call.cues), "call_span": call.span.to_dict()}

    def _semantic_candidates(self, sentences: list[str], voices: list[Voice], doc: PreparedDocument,
                             table: dict[str, _CategoryScores]) -> list[int]:
        """The sentences worth embedding. In a text not in English every sentence (the cheap
        stages are near-blind there); in English those the linear stage leaves uncertain. Never
        a sentence whose voice weighs so little that no score could bring it to review, nor one
        the call-to-action analysis already decided; the most suspicious first, at most
        ``semantic_max_sentences``."""
        weights = [voice_weight(v, doc.genre) for v in voices]
        violating = [c for c in table if c in VIOLATING_CATEGORIES]
        best = np.zeros(len(sentences))
        decided = np.zeros(len(sentences), dtype=bool)
        for c in violating:
            best = np.maximum(best, table[c].scores)
            decided |= np.array([stage == "call_to_action" for stage in table[c].stage]) & (table[c].scores >= 0.85)
        english = doc.language.lang == "en" or (doc.language.lang == "und" and doc.language.script in ("Latin", "unknown"))
        low, high = self.semantic_english_band
        chosen = [
            i for i in range(len(sentences))
            if weights[i] > 0.5 and not decided[i] and len(sentences[i]) >= MIN_SENTENCE_CHARS
            and (not english or low <= best[i] < high)
        ]
        chosen.sort(key=lambda i: (-best[i], i))
        return sorted(chosen[: self.semantic_max_sentences])

    def _semantic_stage(self, sentences: list[str], voices: list[Voice], doc: PreparedDocument,
                        table: dict[str, _CategoryScores]) -> None:
        """Scores the chosen sentences with the multilingual heads (:mod:`tvec.model.semantic_stage`).
        Where the head reaches its threshold it corroborates the linear stage (their mean, at
        least the head's own evidence) or, where the linear stage saw nothing, stands alone; a head
        alone never goes past review (its evidence is capped at 0.84)."""
        chosen = self._semantic_candidates(sentences, voices, doc, table)
        if not chosen:
            return
        stage = self.semantic
        probabilities = stage.score([sentences[i] for i in chosen])  # type: ignore[union-attr]
        evidence = stage.head.evidence(probabilities, doc.language.lang)  # type: ignore[union-attr]
        for j, category in enumerate(stage.categories):  # type: ignore[union-attr]
            if category in HINT_ONLY:
                evidence[:, j] = np.minimum(evidence[:, j], HINT_CAP)
            scores = table.setdefault(category, _CategoryScores(np.zeros(len(sentences)), ["none"] * len(sentences)))
            for row, i in enumerate(chosen):
                value, current = float(evidence[row, j]), float(scores.scores[i])
                note = {"semantic_probability": round(float(probabilities[row, j]), 4), "lang": doc.language.lang}
                if scores.stage[i] == "linear":
                    if value >= REVIEW_AT:
                        scores.scores[i] = max(value, (value + current) / 2)
                        scores.stage[i] = "linear+semantic"
                        scores.notes.setdefault(i, {}).update(note)
                elif value > current:
                    scores.scores[i] = value
                    scores.stage[i] = "semantic"
                    scores.notes.setdefault(i, {}).update(note)

    def _second_stage(self, sentences: list[str], table: dict[str, _CategoryScores]) -> None:
        low, high = self.uncertain_band
        violating = [c for c in table if c in VIOLATING_CATEGORIES]
        uncertain = sorted(
            {
                i
                for c in violating
                for i, (score, stage) in enumerate(zip(table[c].scores, table[c].stage, strict=True))
                if low <= score < high and stage == "linear"
            }
        )
        if not uncertain:
            return
        scorer = self.second_stage
        prototype_scores = scorer.score([sentences[i] for i in uncertain])  # type: ignore[attr-defined]
        for j, category in enumerate(scorer.categories):  # type: ignore[attr-defined]
            if category not in table or category not in VIOLATING_CATEGORIES:
                continue
            scores = table[category]
            for row, i in enumerate(uncertain):
                if scores.stage[i] == "linear":
                    scores.scores[i] = (scores.scores[i] + float(prototype_scores[row, j])) / 2
                    scores.stage[i] = "linear+encoder"

    # -- signals -----------------------------------------------------------------------------

    def _signal(
        self,
        category: str,
        scores: _CategoryScores,
        spans: list[Span],
        sentences: list[str],
        lengths: np.ndarray,
        document: dict[str, object],
    ) -> Signal | None:
        values = scores.scores
        if category in CONTEXT_CATEGORIES:
            # np.average's own arithmetic, without its argument handling
            document_score = float(np.multiply(values, lengths).sum() / lengths.sum())
        else:
            document_score = float(values.max())
        if document_score < self.min_score:
            return None
        order = [i for i in np.argsort(-values, kind="stable") if values[i] >= self.min_score]
        top = order[:MAX_EVIDENCE_SPANS]
        evidence_sentences = []
        for i in top:
            item: dict[str, object] = {"index": int(i), "score": round(float(values[i]), 4), "stage": scores.stage[i]}
            item.update(scores.notes.get(int(i), {}))
            explainable = category in VIOLATING_CATEGORIES and category in self.model.categories
            if explainable and scores.stage[i].startswith("linear"):
                item["top_terms"] = [t for t, _ in self.model.explain(sentences[i], category, k=5)]
            evidence_sentences.append(item)
        stages = sorted({scores.stage[i] for i in top}) or ["linear"]
        return Signal(
            detector=self.name,
            category=Category(category) if category in Category._value2member_map_ else category,
            score=min(max(document_score, 0.0), 1.0),
            spans=tuple(sorted(spans[i] for i in top)),
            evidence={
                "sentences": evidence_sentences,
                "stages": stages,
                "sentences_scored": len(sentences),
                **document,
            },
            explanation=_explain(category, evidence_sentences),
        )


def _explain(category: str, evidence: Sequence[dict[str, object]]) -> str:
    if not evidence:
        return f"{category}: document-level score"
    best = evidence[0]
    if best.get("cues"):
        cues = ", ".join(f"{k}: {v!r}" for k, v in best["cues"].items())  # type: ignore[union-attr]
        return f"{category}: call to action ({cues})"
    if best.get("semantic_probability") is not None and str(best.get("stage", "")).endswith("semantic"):
        return (f"{category}: multilingual semantic stage, probability {best['semantic_probability']} "
                f"(language {best.get('lang', 'und')}), sentence score {best['score']}")
    terms = best.get("top_terms")
    if terms:
        return f"{category}: sentence score {best['score']} driven by {', '.join(map(repr, terms))}"
    return f"{category}: sentence score {best['score']} ({best['stage']})"


def create(settings: TvecSettings) -> ClassifierDetector:
    second_stage = None
    if settings.second_stage:
        from tvec.model.encoder import PrototypeScorer, SentenceEncoder, encoder_available

        if encoder_available():
            second_stage = PrototypeScorer(SentenceEncoder(threads=settings.encoder_threads))
    semantic = None
    if settings.semantic_stage:
        from tvec.model.semantic_stage import semantic_available

        if semantic_available():
            from tvec.model.encoder import SentenceEncoder

            semantic = SemanticStage(encoder=SentenceEncoder(threads=settings.encoder_threads))
    return ClassifierDetector(second_stage=second_stage, semantic=semantic,
                              semantic_max_sentences=settings.semantic_max_sentences,
                              semantic_english_band=(settings.semantic_english_floor, SEMANTIC_ENGLISH_BAND[1]))
