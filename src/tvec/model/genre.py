"""What kind of document a text is: the genre decides whose words its violent sentences are.

The same sentence - "rise up and kill them" - is a call to violence in a pamphlet, the object of
reporting in a news story, a translated exhibit in a monitoring report, a teaching example in a
course on an organisation, and evidence in a human-rights report. Sentence-level blockers see
"said" and quotation marks; they do not see that a whole document is a translation of a speech,
a tafsir of a verse, or an organisation's own press release. This module assigns one genre per
document from cues a reader uses (layout, headers, attribution density, citations):

======================== ==========================================================
``news_report``          datelines, wire services, bylines, many attributed sentences
``monitoring_translation`` "MEMRI", "Special Dispatch", "the following are excerpts",
                         transcripts with speaker labels, "translated by"
``research``             abstract, references, "et al.", author-year citations, "this paper"
``course_material``      modules, lessons, learning objectives, discussion questions
``human_rights_documentation`` rights organisations, "documented", testimony, recommendations
``scripture_commentary`` tafsir, exegesis, "this verse", "the meaning of", commentators' names
``op_ed``                opinion labels, "the writer is", first-person argument
``official_statement``   "Press Release", "Statement", reference numbers and dates, a media
                         office, an organisation speaking of itself ("X calls upon")
``claim_of_responsibility`` an attack reported in the attacker's own voice ("soldiers of the
                         caliphate carried out", "by the grace of Allah ... targeted")
======================== ==========================================================

Per genre the score is ``1 - prod(1 - w)`` over the distinct cues found (a "noisy OR": one
strong cue or several weak ones), plus a share-of-sentences term for genres that are a matter of
density (attribution for news, citations for research). The top genre is reported when it
scores at least :data:`MIN_GENRE_SCORE`; otherwise the genre is ``"general"``. Everything the
decision rests on is returned as cues, for the reviewer.

The genres that report, teach or document (:data:`REPORTING_GENRES`) lower the weight of quoted
and reported speech in the classifier; the genres in which an organisation speaks
(:data:`ORGANISATION_VOICE_GENRES`) keep a quoted call at full weight, since a statement quoting
its own leader still speaks for the organisation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from tvec.model.gate import build_multi_gate, lowercase_pattern, lowercase_safe
from tvec.model.speaker import AUTHOR, REPORTED, SCRIPTURE, Voice, both_nukta_spellings
from tvec.types import Span

GENRES = (
    "news_report",
    "monitoring_translation",
    "research",
    "course_material",
    "human_rights_documentation",
    "scripture_commentary",
    "op_ed",
    "official_statement",
    "claim_of_responsibility",
)
GENERAL = "general"
#: Genres whose authors report, translate, teach, study, document or explain others' words.
REPORTING_GENRES = frozenset(
    {"news_report", "monitoring_translation", "research", "course_material", "human_rights_documentation",
     "scripture_commentary"}
)
#: Genres in which an organisation speaks in its own voice.
ORGANISATION_VOICE_GENRES = frozenset({"official_statement", "claim_of_responsibility"})
#: The context category each reporting genre argues for (what the policy sees as ``context``).
CONTEXT_OF_GENRE: Mapping[str, str] = {
    "news_report": "news_reporting",
    "monitoring_translation": "news_reporting",
    "research": "scholarship",
    "course_material": "scholarship",
    "human_rights_documentation": "human_rights_documentation",
    "scripture_commentary": "religious_quotation",
}
MIN_GENRE_SCORE = 0.5
#: Characters from the top that count as the header (letterheads, titles, datelines).
HEADER_CHARS = 600

_I = re.IGNORECASE | re.MULTILINE

# (genre, weight, pattern, where): where is "header" (first HEADER_CHARS) or "body" (anywhere).
_CUES: tuple[tuple[str, float, str, str], ...] = (
    # news
    ("news_report", 0.9, r"^[A-Z][A-Za-z .'-]{2,40}\s*\((?:Reuters|AP|AFP|UPI|PTI|APP|Xinhua|dpa|IANS|ANI)\)\s*[-–—]", "header"),
    ("news_report", 0.6, r"\b(?:Reuters|Associated Press|Agence France-Presse|AFP|BBC|Press Trust of India|Al Jazeera|"
                         r"Dawn(?:\.com| newspaper| reported)|The Guardian|New York Times|Washington Post|CNN)\b", "body"),
    ("news_report", 0.6, r"^\s*By [A-Z][a-z]+ [A-Z][a-z]+(?:,| and |\s*$)", "header"),
    ("news_report", 0.5, r"\b(?:correspondent|news agency|told reporters|press conference|police said|officials said|"
                         r"said in a statement|a spokes(?:man|woman|person) (?:for|said))\b", "body"),
    ("news_report", 0.5, r"\b(?:updated|published)\s*:?\s*\d{1,2} [A-Z][a-z]+ \d{4}|\b\d{1,2}:\d{2} (?:GMT|UTC|IST|PKT)\b", "header"),
    ("news_report", 0.6, r"وكالة (?:الأنباء|رويترز|فرانس برس)|مراسل|رويترز|ذكرت وكالة|خبر رسان|नई दिल्ली, \d|संवाददाता|"
                         r"selon l'AFP|berichtete|según informó|dilaporkan|sumber berita", "body"),
    # monitoring translations
    ("monitoring_translation", 0.95, r"\b(?:MEMRI|Middle East Media Research Institute|Special Dispatch|JTTM|SITE Intelligence|"
                                     r"Clip No\.?|MEMRI TV)\b", "body"),
    ("monitoring_translation", 0.7, r"\b(?:the following are (?:excerpts|translated excerpts)|excerpts? (?:from|of) (?:the|a|his|her) "
                                    r"(?:speech|sermon|video|statement|interview|article|audio)|translated (?:from|by)|"
                                    r"(?:English|our) translation|transcript(?:ion)?|translation of)\b", "body"),
    # research
    ("research", 0.8, r"^\s*(?:Abstract|ABSTRACT|Keywords|Key words)\s*[:\n]", "header"),
    ("research", 0.7, r"^\s*(?:References|Bibliography|Works Cited|Notes|Endnotes|Literature)\s*$", "body"),
    ("research", 0.7, r"\bet al\.|\bdoi:|\bISBN\b|\bJournal of\b|\bUniversity Press\b|\bpp\. \d+", "body"),
    ("research", 0.5, r"\b(?:this (?:paper|article|study|chapter|report) (?:examines|argues|analy[sz]es|explores|shows)|"
                      r"we (?:argue|examine|analy[sz]e|find) that|our (?:analysis|findings|data)|methodology|"
                      r"content analysis|discourse analysis|radicali[sz]ation (?:process|research)|"
                      r"counter-?(?:terrorism|extremism) (?:research|studies|experts?))\b", "body"),
    # course material
    ("course_material", 0.8, r"\b(?:learning (?:objectives|outcomes)|discussion questions|lesson \d+|module \d+|unit \d+|"
                             r"week \d+|by the end of this (?:lesson|module|unit|course)|further reading|"
                             r"syllabus|course (?:outline|reader))\b", "body"),
    ("course_material", 0.5, r"\b(?:students (?:will|should)|in this (?:lesson|module|unit|course)|case study|quiz|"
                             r"exercise \d+)\b", "body"),
    # human-rights documentation
    ("human_rights_documentation", 0.8, r"\b(?:Amnesty International|Human Rights Watch|OHCHR|Special Rapporteur|"
                                        r"commission of inquiry|UN Human Rights Council|Minority Rights Group|"
                                        r"International Crisis Group|fact-finding mission)\b", "body"),
    ("human_rights_documentation", 0.5, r"\b(?:we (?:documented|interviewed)|researchers interviewed|testimon(?:y|ies)|"
                                        r"survivors? (?:told|said|described)|recommendations to|"
                                        r"violations? of (?:international|human rights|humanitarian) law|"
                                        r"enforced disappearances?|extrajudicial)\b", "body"),
    # scripture commentary
    ("scripture_commentary", 0.8, r"\b(?:tafsir|tafseer|tafsīr|exegesis|commentary on (?:the )?(?:verse|surah|ayah|quran)|"
                                  r"Ibn Kathir|al-Tabari|al-Qurtubi|Jalalayn|Maududi|Tafheem|asbab al-nuzul|"
                                  r"occasion of revelation)\b", "body"),
    ("scripture_commentary", 0.6, r"\b(?:this verse|the verse (?:means|refers|was revealed|is)|the meaning of (?:this|the) "
                                  r"(?:verse|ayah|hadith)|scholars (?:explain|say|have said)|the context of (?:this|the) verse|"
                                  r"was revealed (?:in|about|regarding))\b", "body"),
    ("scripture_commentary", 0.8, r"تفسير|في تفسير|قوله تعالى|سبب النزول|معنى الآية|تفسیر|शाने नुज़ूल", "body"),
    # ... and its forms in Urdu, Bengali, Hindi and Indonesian: a verse number heading the passage,
    # "this verse", "occasion of revelation", "commentators"
    ("scripture_commentary", 0.7, r"آیت(?: نمبر)? ?[\d۰-۹]+|اس آیت|ان آیات|شان نزول|مفسرین|আয়াত ?[\d০-৯]+|এই আয়াত|"
                                  r"আয়াতের|তাফসীর|শানে নুযূল|মুফাসসির|आयत [\d]+|इस आयत|ayat ini|asbabun nuzul|"
                                  r"para mufassir", "body"),
    # op-ed
    ("op_ed", 0.7, r"^\s*(?:Opinion|OPINION|Op-?Ed|Comment|Editorial|Column)\s*[:|\n]", "header"),
    ("op_ed", 0.6, r"\b(?:the (?:writer|author) is an?|the views expressed|in my (?:view|opinion)|I (?:believe|argue|think) that)\b",
     "body"),
    # official statements
    ("official_statement", 0.8, r"^\s*(?:Press Release|PRESS RELEASE|Press Statement|Press Note|Statement|Communiqu[ée]|"
                                r"Official Statement|News Comment|بيان صحفي|بيان|بلاغ|پریس ریلیز|اعلامیہ|प्रेस विज्ञप्ति)\b", "header"),
    ("official_statement", 0.6, r"^\s*(?:Ref(?:erence)?|No|Number|رقم الإصدار|الرقم)\s*[:.]\s*\S", "header"),
    ("official_statement", 0.6, r"\b1[34]\d\d\s*(?:AH|A\.H\.|H\b)|\d{1,4}\s*هـ", "header"),
    ("official_statement", 0.7, r"\b(?:central )?media office of\b|المكتب الإعلامي|مرکزی میڈیا آفس|the official spokesman of|"
                                r"official (?:website|channel|outlet) of", "body"),
    ("official_statement", 0.5, r"^\s*(?:O (?:Muslims|Ummah|people|officers|sincere)|أيها المسلمون|يا أمة|اے مسلمانو)\b", "body"),
    # claims of responsibility in the claimant's own voice
    ("claim_of_responsibility", 0.8, r"\b(?:soldiers|lions|knights) of the (?:caliphate|khilafah|islamic state)\b|"
                                     r"\bby the grace of (?:allah|god)[^.]{0,80}\b(?:targeted|attacked|carried out|killed|detonated)\b|"
                                     r"\b(?:martyrdom|inghimasi) operation\b|"
                                     r"جنود الخلافة|بفضل الله[^.]{0,80}(?:استهدف|تمكن|قتل|تفجير)|عملية استشهادية|"
                                     r"غزوة|انغماسي", "body"),
)

#: (genre, weight, pattern, where, screened): unanchored cues are matched case-sensitively on the
#: lowercased text and screened by one gate; anchored (cased) cues are tried as written.
_COMPILED = tuple(
    (g, w, re.compile(p, re.MULTILINE) if p.startswith("^") else re.compile(lowercase_pattern(p)), where,
     not p.startswith("^"))
    for g, w, p, where in ((g, w, both_nukta_spellings(p), where) for g, w, p, where in _CUES)
)
_GATE = build_multi_gate([c[2].pattern if c[4] else "" for c in _COMPILED])
#: News is a matter of density: a report attributes most of what it says.
_NEWS_SHARE_FULL = 0.35
#: Research is a matter of citations: author-year references per sentence.
_AUTHOR_YEAR = re.compile(r"\((?:[A-Z][A-Za-z'-]+(?: et al\.?| and [A-Z][A-Za-z'-]+)?,? (?:19|20)\d{2}[a-z]?(?:[;,] ?)?)+\)")


@dataclass(frozen=True)
class GenreAssessment:
    """The document's genre, every genre's score, and the cues behind them."""

    genre: str = GENERAL
    score: float = 0.0
    scores: Mapping[str, float] = field(default_factory=dict)
    cues: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    spans: Mapping[str, tuple[Span, ...]] = field(default_factory=dict)

    @property
    def reports(self) -> bool:
        """Whether the author reports, translates, teaches, studies, documents or explains."""
        return self.genre in REPORTING_GENRES

    @property
    def organisation_voice(self) -> bool:
        return self.genre in ORGANISATION_VOICE_GENRES

    def to_evidence(self) -> dict[str, object]:
        return {
            "genre": self.genre,
            "genre_score": round(self.score, 3),
            "genre_cues": list(self.cues.get(self.genre, ()))[:8],
            "genre_scores": {g: round(s, 3) for g, s in sorted(self.scores.items()) if s > 0},
        }


def assess_genre(text: str, sentences: Sequence[Span], voices: Sequence[Voice]) -> GenreAssessment:
    """The genre of ``text`` (its sentences and their voices as from :mod:`tvec.model.speaker`)."""
    lowered = text.lower()
    if not lowercase_safe(text, lowered):
        return _assess(text, sentences, voices, {k for k, c in enumerate(_COMPILED) if c[4]}, text, case_folded=False)
    screened = _GATE.candidates(lowered, [Span(0, len(text))])[0] if text else set()
    return _assess(text, sentences, voices, screened, lowered, case_folded=True)


def _assess(text: str, sentences: Sequence[Span], voices: Sequence[Voice], screened: set[int], lowered: str,
            case_folded: bool) -> GenreAssessment:
    found: dict[str, dict[str, tuple[float, Span]]] = {}
    for index, (genre, weight, pattern, where, gated) in enumerate(_COMPILED):
        if gated and index not in screened:
            continue
        source = lowered if gated else text
        if gated and not case_folded:
            pattern = re.compile(pattern.pattern, re.IGNORECASE)
        match = pattern.search(source, 0, HEADER_CHARS if where == "header" else len(source))
        if match is None:
            continue
        cue = " ".join(text[match.start() : match.end()].split())[:60]
        best = found.setdefault(genre, {})
        if cue not in best or best[cue][0] < weight:
            best[cue] = (weight, Span(match.start(), match.end()))
    scores: dict[str, float] = {}
    for genre, cues in found.items():
        miss = 1.0
        for weight, _ in cues.values():
            miss *= 1.0 - weight
        scores[genre] = 1.0 - miss
    n = max(1, len(voices))
    reported = sum(1 for v in voices if v.kind == REPORTED) / n
    if reported > 0.1:
        density = min(1.0, reported / _NEWS_SHARE_FULL) * 0.6
        scores["news_report"] = 1.0 - (1.0 - scores.get("news_report", 0.0)) * (1.0 - density)
        found.setdefault("news_report", {})[f"{reported:.0%} of sentences attributed"] = (density, Span(0, 0))
    citations = sum(1 for s in sentences if _AUTHOR_YEAR.search(text, s.start, s.end)) / n
    if citations > 0.05:
        density = min(1.0, citations / 0.2) * 0.7
        scores["research"] = 1.0 - (1.0 - scores.get("research", 0.0)) * (1.0 - density)
        found.setdefault("research", {})[f"author-year citations in {citations:.0%} of sentences"] = (density, Span(0, 0))
    scripture = sum(1 for v in voices if v.kind == SCRIPTURE) / n
    authored = sum(1 for v in voices if v.kind == AUTHOR) / n
    if scripture > 0.1 and "scripture_commentary" in scores:
        # a commentary alternates verses and explanation
        scores["scripture_commentary"] = 1.0 - (1.0 - scores["scripture_commentary"]) * (1.0 - min(0.5, scripture))
    if authored < 0.3 and scores.get("monitoring_translation", 0.0) > 0:
        scores["monitoring_translation"] = 1.0 - (1.0 - scores["monitoring_translation"]) * 0.6
    cues = {g: tuple(c for c, _ in sorted(v.items(), key=lambda kv: -kv[1][0])) for g, v in found.items()}
    spans = {g: tuple(sorted(sp for _, sp in v.values() if sp.end > sp.start)) for g, v in found.items()}
    if not scores:
        return GenreAssessment()
    # an organisation's statement reports on events too: where both are strong, its own header wins
    genre = max(scores, key=lambda g: (scores[g], g in ORGANISATION_VOICE_GENRES))
    if scores[genre] < MIN_GENRE_SCORE:
        return GenreAssessment(GENERAL, scores[genre], scores, cues, spans)
    return GenreAssessment(genre, scores[genre], scores, cues, spans)


#: How much a violating sentence counts, by its voice, in a document of each kind of genre.
#: Rows: the sentence's voice; columns: the genre family. A quoted call in a news report or a
#: monitoring translation is the reported party's, not the author's (0.35: a strong quoted call
#: alone stays below review); in an organisation's own statement, quoting its leader or a verse
#: is still its message (1.0 / 0.6). In a general text (a post, a forum message) quotation
#: lowers the weight less (0.6), since quoting is also a way to spread a call.
VOICE_WEIGHTS: Mapping[str, Mapping[str, float]] = {
    "author": {"reporting": 1.0, "organisation": 1.0, "general": 1.0, "monitoring": 0.5, "commentary": 0.6},
    "quoted": {"reporting": 0.35, "organisation": 1.0, "general": 0.6, "monitoring": 0.35, "commentary": 0.35},
    "reported": {"reporting": 0.4, "organisation": 0.9, "general": 0.6, "monitoring": 0.4, "commentary": 0.4},
    "scripture": {"reporting": 0.3, "organisation": 0.6, "general": 0.4, "monitoring": 0.3, "commentary": 0.3},
}


def genre_family(genre: str) -> str:
    """The column of :data:`VOICE_WEIGHTS` a genre belongs to."""
    if genre == "monitoring_translation":
        return "monitoring"  # the translated speech itself is often unquoted
    if genre == "scripture_commentary":
        return "commentary"  # the explanation restates the verse in the author's words
    if genre in ORGANISATION_VOICE_GENRES:
        return "organisation"
    if genre in REPORTING_GENRES:
        return "reporting"
    return "general"


def voice_weight(voice: Voice, genre: GenreAssessment) -> float:
    """The weight of a violating sentence spoken in ``voice`` in a document of ``genre``."""
    return VOICE_WEIGHTS[voice.kind][genre_family(genre.genre)]
