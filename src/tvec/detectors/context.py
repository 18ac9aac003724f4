"""The context detector: signals that argue AGAINST a violation.

News quoting a call to arms, a human-rights report on killings, a Quran commentary and a
rebuttal of extremist claims use the words of the texts they are about. This detector says how
much of a document is such context, per context category:

- ``news_reporting``: datelines ("ISLAMABAD (Reuters) -"), attribution and reporting verbs
  ("said", "according to", "told reporters", "police said");
- ``counter_speech``: condemnation and rebuttal ("condemned", "there is no place for",
  "we reject", "no justification");
- ``religious_quotation``: scripture citations ("[Al-Baqarah 2:194]", "(Quran 5:32)", "Surah",
  "TMQ", Bible chapter:verse, ornate brackets);
- ``human_rights_documentation``: "human rights", "violations", "Amnesty", "UN report",
  "documented", "extrajudicial";
- ``scholarship``: "study", "researchers", "et al.", author-year citations, "journal";
- ``advocacy``: peaceful demands ("dialogue", "diplomacy", "self-determination",
  "peaceful resolution", "solidarity").

SCORE. Per sentence, each category's strength is the weight of its strongest cue (weights in
:data:`CUES`: a dateline is near-certain news, a lone "said" is weaker). Per document,

    score = top strength x (BASE + (1 - BASE) x min(1, share / FULL_SHARE))

where ``share`` is the share of sentences carrying the category. So one scripture citation in
a long pamphlet gives a moderate score (about ``BASE``), while a report in which two fifths of the
sentences are attributed gives the full strength. This is deliberate: propaganda quotes
scripture and news too, and must not be excused by a few such sentences; a document that IS
mostly reporting or documentation should be. The spans are the sentences carrying the cues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from tvec.detectors.base import Detector, PreparedDocument
from tvec.model.gate import build_multi_gate, lowercase_pattern, lowercase_safe
from tvec.model.genre import CONTEXT_OF_GENRE
from tvec.settings import TvecSettings
from tvec.types import Category, Signal, Span

#: Share of sentences from which a category counts as pervasive (full score).
FULL_SHARE = 0.4
#: Fraction of the top cue strength a single sentence earns on its own.
BASE = 0.3
#: Most spans reported per signal (the strongest first); the evidence keeps the full count.
MAX_SPANS = 12
#: Signals below this score are not reported.
MIN_SCORE = 0.05

# (category, weight, pattern). Latin patterns are case-insensitive and matched at word
# boundaries; each names in its comment what it is evidence of.
CUES: tuple[tuple[Category, float, str], ...] = (
    # news: datelines and wire services - near-certain.
    (Category.NEWS_REPORTING, 1.0, r"^[A-Z][A-Za-z .'-]{2,40}\s*\((?:Reuters|AP|AFP|AFP/Getty|UPI|PTI|APP|Xinhua|dpa|IANS)\)\s*[-–—]"),
    # (a metadata field - "URL:", "Source:", "Title:" - is not a dateline)
    (Category.NEWS_REPORTING, 0.9, (r"^(?:(?:date\s+)?\d{4}-\d{2}-\d{2}\s+)?"
                                   r"(?!(?:URL|Url|Link|Source|Title|Date|Author|From|To|Subject|Posted|Published|"
                                   r"Tags?|Category|Categories|Ref|Translation|Language|Summary|Keywords|Note)\s*[:—–])"
                                   r"[A-Z][A-Za-z]+(?:,? [A-Z][A-Za-z]+)?\s*"
                                   r"(?:\([A-Za-z. ]+\))?\s*[:—–]\s+(?:The|A|An|[A-Z][a-z]+ [A-Z])")),
    (Category.NEWS_REPORTING, 0.9, r"\b(?:Reuters|Associated Press|Agence France-Presse|AFP|BBC News|Press Trust of India|Al Jazeera)\b"),
    # news: attribution of statements to named or official sources.
    (Category.NEWS_REPORTING, 0.8, (r"\b(?:according to|told reporters|told the|said in a statement|in a statement|"
                                   r"a spokes(?:man|woman|person) (?:for|said)|officials? said|police said|"
                                   r"sources? said|reportedly|is reported to|were reported|press conference|"
                                   r"correspondent|news agency)\b")),
    (Category.NEWS_REPORTING, 0.6, r"\b(?:said|says|told|added|announced|stated|claimed|quoted)\b"),
    (Category.NEWS_REPORTING, 0.8, r"کے مطابق|نے کہا|بتایا|وفقا ل|بحسب|قال|صرح|के अनुसार|ने कहा"),
    # counter-speech: condemnation and rebuttal of violence or hate.
    (Category.COUNTER_SPEECH, 0.9, (r"\b(?:condemn(?:s|ed|ing)?|denounc(?:e|es|ed|ing)|deplor(?:e|es|ed)|"
                                   r"(?:there is |has )?no place for|no justification for|never justified|"
                                   r"we reject|rejected calls|reject(?:s|ed)? (?:all )?(?:violence|terrorism|extremism|hatred)|"
                                   r"stand (?:together )?against (?:hate|hatred|terror|violence)|counter[- ]narrative|"
                                   r"abhorrent|unacceptable|not in our name)\b")),
    (Category.COUNTER_SPEECH, 0.9, r"ندين|يدين|ادان|نرفض|استنكر|مذمت|निंदा"),
    # scripture citations.
    (Category.RELIGIOUS_QUOTATION, 1.0, (r"\[[A-Z][A-Za-z' -]+\s*\d{1,3}\s*:\s*\d{1,3}\]|\((?:Quran|Qur'an|Koran)\s*\d{1,3}\s*:\s*\d{1,3}\)|"
                                        r"\bTMQ\b|\b(?:Surah?|Sura|Ayah)\s+(?:Al|An|At|Ar|As|Az|[A-Z])|"
                                        r"\b(?:Quran|Qur'an|Koran)\s+\d{1,3}\s*:\s*\d{1,3}")),
    (Category.RELIGIOUS_QUOTATION, 1.0, (r"\b(?:Genesis|Exodus|Leviticus|Deuteronomy|Psalms?|Proverbs|Isaiah|Jeremiah|"
                                        r"Matthew|Mark|Luke|John|Acts|Romans|Corinthians|Galatians|Ephesians|"
                                        r"Revelation|Hebrews)\s+\d{1,3}:\d{1,3}")),
    (Category.RELIGIOUS_QUOTATION, 0.9, (r"[﴾﴿]|\b(?:Sahih (?:al-)?Bukhari|Sahih Muslim|narrated by|hadith)\b|"
                                        r"\b(?:Allah|God|the Prophet)(?: \(swt\)| \(saw\)| \(pbuh\))? (?:said|says)\b")),
    # human-rights documentation.
    (Category.HUMAN_RIGHTS_DOCUMENTATION, 0.9, (r"\b(?:Amnesty International|Human Rights Watch|OHCHR|UN (?:Human Rights )?"
                                               r"(?:report|Council|rapporteur|experts?)|Special Rapporteur|"
                                               r"commission of inquiry)\b")),
    (Category.HUMAN_RIGHTS_DOCUMENTATION, 0.8, (r"\b(?:human rights (?:violations?|abuses?)|violations? of (?:international|"
                                               r"human rights|humanitarian) law|extrajudicial|enforced disappearances?|"
                                               r"arbitrary (?:arrests?|detentions?)|crimes against humanity|war crimes|"
                                               r"documented|testimon(?:y|ies)|eyewitness(?:es)?)\b")),
    (Category.HUMAN_RIGHTS_DOCUMENTATION, 0.6, r"\b(?:human rights|violations?|abuses?|victims|civilians)\b"),
    # scholarship.
    (Category.SCHOLARSHIP, 0.9, (r"\bet al\.|\((?!(?:January|February|March|April|May|June|July|August|September|"
                                r"October|November|December)\b)[A-Z][a-z]+(?: et al\.?| and [A-Z][a-z]+)?,? (?:19|20)\d{2}[a-z]?\)|"
                                r"\bdoi:|\bISBN\b|"
                                r"\b(?:Journal of|Proceedings of|University Press)\b")),
    (Category.SCHOLARSHIP, 0.7, (r"\b(?:study|studies|researchers?|research|scholars?|academic|analysis|survey|"
                                r"findings|literature|dataset|methodology|hypothesis|peer-reviewed)\b")),
    # advocacy: peaceful political demands.
    (Category.ADVOCACY, 0.8, (r"\b(?:self-determination|peaceful (?:resolution|solution|settlement|protests?|means)|"
                             r"solidarity|non-?violen(?:t|ce)|petition|raise awareness|advocate|advocacy|"
                             r"through dialogue|dialogue and diplomacy)\b")),
    # advocacy vocabulary every political text uses, including texts that reject it: weak.
    (Category.ADVOCACY, 0.5, (r"\b(?:dialogue|diplomacy|diplomatic|negotiations?|ceasefire|justice|freedom|rights of|"
                             r"campaign|rally|rallies|march for|vigil|UN resolutions?)\b")),
)


@dataclass(frozen=True)
class _Compiled:
    category: Category
    weight: float
    pattern: re.Pattern[str]
    #: The same cue for lowercased text, case-sensitive (None for the anchored, cased cues).
    #: ``re.IGNORECASE`` stops ``re`` from skipping ahead to a possible first character, which
    #: made every cue ~3x slower; on lowercased text the two match the same places (see
    #: :func:`tvec.model.gate.lowercase_safe`).
    lowered: re.Pattern[str] | None


def _compile(cues: tuple[tuple[Category, float, str], ...]) -> tuple[_Compiled, ...]:
    out = []
    for category, weight, pattern in cues:
        flags = re.MULTILINE
        lowered = None
        if not pattern.startswith("^"):
            flags |= re.IGNORECASE
            lowered = re.compile(lowercase_pattern(pattern), re.MULTILINE)
        out.append(_Compiled(category, weight, re.compile(pattern, flags), lowered))
    return tuple(out)


class ContextDetector(Detector):
    """Scores how much of a document is reporting, documentation, scholarship, counter-speech,
    scripture quotation or peaceful advocacy (see the module docstring)."""

    name = "context"
    categories = frozenset(
        {
            Category.NEWS_REPORTING,
            Category.COUNTER_SPEECH,
            Category.RELIGIOUS_QUOTATION,
            Category.HUMAN_RIGHTS_DOCUMENTATION,
            Category.SCHOLARSHIP,
            Category.ADVOCACY,
        }
    )
    cost = 3.0

    def __init__(self, *, fast: bool = True) -> None:
        """``fast=False`` matches every cue case-insensitively on every sentence: the
        reference the lowercase cues and the gate are tested against."""
        self._fast = fast
        self._cues = _compile(CUES)
        # pattern k of the gate is cue k; the anchored (cased) cues get an empty pattern that
        # is never consulted
        self._gate = build_multi_gate([cue.lowered.pattern if cue.lowered is not None else "" for cue in self._cues])
        #: the cues the gate does not screen (anchored, cased): tried on every sentence
        self._unscreened = frozenset(k for k, cue in enumerate(self._cues) if cue.lowered is None)

    def detect(self, doc: PreparedDocument) -> list[Signal]:
        text = doc.text
        sentences = doc.sentences
        if not sentences:
            return []
        lowered = text.lower()
        use_lowered = self._fast and lowercase_safe(text, lowered)
        # which unanchored cues may match in which sentence: one scan of the text
        possible = self._gate.candidates(lowered, sentences) if use_lowered else [set()] * len(sentences)
        hits: dict[Category, list[tuple[float, Span, str]]] = {}
        cues = self._cues
        every_cue = range(len(cues))
        for span, candidates in zip(sentences, possible, strict=True):
            sentence = text[span.start : span.end]
            lowered_sentence = lowered[span.start : span.end] if use_lowered else ""
            best: dict[Category, tuple[float, str]] = {}
            # in cue order, only the cues the gate lets through (and those it does not screen)
            tried = sorted(self._unscreened.union(candidates)) if use_lowered else every_cue
            for index in tried:
                cue = cues[index]
                if cue.weight <= best.get(cue.category, (0.0, ""))[0]:
                    continue  # a stronger cue of this category already holds
                if cue.lowered is not None and use_lowered:
                    match = cue.lowered.search(lowered_sentence)
                    found = None if match is None else sentence[match.start() : match.end()]
                else:
                    match = cue.pattern.search(sentence)
                    found = None if match is None else match.group()
                if found is not None:
                    best[cue.category] = (cue.weight, " ".join(found.split()))
            for category, (weight, cue_text) in best.items():
                hits.setdefault(category, []).append((weight, span, cue_text))
        signals = []
        for category, found in hits.items():
            signal = self._signal(category, found, len(sentences))
            if signal is not None:
                signals.append(signal)
        return self._with_genre(signals, doc)

    def _with_genre(self, signals: list[Signal], doc: PreparedDocument) -> list[Signal]:
        """A document whose genre reports, teaches, documents or explains (news, a monitoring
        translation, research, a course, a human-rights report, a commentary on scripture)
        is context as a whole: its genre's context category scores at least the genre's
        score, whatever the share of sentences with cues. The cue-based score stays when higher."""
        genre = doc.genre
        category_name = CONTEXT_OF_GENRE.get(genre.genre)
        if category_name is None:
            return signals
        category = Category(category_name)
        evidence = genre.to_evidence()
        for k, signal in enumerate(signals):
            if signal.category == category:
                if genre.score > signal.score:
                    signals[k] = replace(
                        signal,
                        score=round(min(1.0, genre.score), 4),
                        evidence={**signal.evidence, **evidence},
                        explanation=f"{signal.explanation}; the document reads as {genre.genre.replace('_', ' ')}",
                    )
                return signals
        spans = genre.spans.get(genre.genre, ())
        signals.append(
            Signal(
                detector=self.name,
                category=category,
                score=round(min(1.0, genre.score), 4),
                spans=spans,
                evidence=evidence,
                explanation=f"the document reads as {genre.genre.replace('_', ' ')}: "
                + ", ".join(repr(c) for c in genre.cues.get(genre.genre, ())[:4]),
            )
        )
        return signals

    def _signal(self, category: Category, found: list[tuple[float, Span, str]], total: int) -> Signal | None:
        share = len(found) / total
        top = max(weight for weight, _, _ in found)
        score = top * (BASE + (1 - BASE) * min(1.0, share / FULL_SHARE))
        if score < MIN_SCORE:
            return None
        strongest = sorted(found, key=lambda item: (-item[0], item[1].start))[:MAX_SPANS]
        # the tie-breaker keeps 'Solidarity' and 'solidarity' in one order in every process
        cues = sorted({cue for _, _, cue in found}, key=lambda cue: (cue.lower(), cue))
        return Signal(
            detector=self.name,
            category=category,
            score=round(min(1.0, score), 4),
            spans=tuple(sorted(span for _, span, _ in strongest)),
            evidence={
                "cues": cues[:20],
                "sentences": len(found),
                "share": round(share, 3),
                "top_cue_weight": top,
            },
            explanation=(
                f"{str(category).replace('_', ' ')}: {len(found)} of {total} sentence(s) "
                f"({share:.0%}) carry cues such as {', '.join(repr(c) for c in cues[:4])}"
            ),
        )


def create(settings: TvecSettings) -> ContextDetector:
    return ContextDetector()
