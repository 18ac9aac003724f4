"""Who is speaking in each sentence: the author, or someone the author quotes or reports.

A news report of a militant's speech, a monitoring translation, a human-rights report quoting a
slur and a commentary on a verse all contain the words of a call to violence, but the call is
not the *author's*. The sentence-level analyses (:mod:`tvec.model.cta`,
:mod:`tvec.model.dehumanisation`) block reported speech inside one sentence ("the minister said
X are vermin"); what they cannot see is speech that spans sentences and paragraphs:

- a passage inside quotation marks of any script (``“…”``, ``"…"``, ``«…»``, ``„…“``,
  ``「…」``, ``『…』``), however many sentences it holds;
- the paragraph that follows a reporting frame ending in a colon ("He said:", "In the video,
  the spokesman says:", "قال:", "ने कहा:") — the layout of monitoring translations;
- transcript lines under a speaker label ("Abu X: ...", "Speaker 2: ...");
- scripture: a verse in ornate brackets ``﴿…﴾``, a sentence carrying a citation
  ("[TMQ 4:75]", "(Quran 2:190)", "Surah Al-Anfal"), or introduced by "Allah says:",
  "قال تعالى", "the Prophet said";
- a sentence whose main verb reports someone else's words or acts in the third person ("X said",
  "according to X", "X called on", "X urged", "selon", "sagte", "dijo", "mengatakan", "বলেন").

The result is one :class:`Voice` per sentence, with the cue that decided it, so a reviewer sees
*why* a sentence was not taken for the author's words. Whether a quoted call still counts is the
genre's business (:mod:`tvec.model.genre`): an organisation quoting its own leader in its own
statement still speaks; a newspaper quoting him does not.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from tvec.model.gate import build_multi_gate, lowercase_pattern, lowercase_safe
from tvec.model.sentences import HADITH_COLLECTIONS
from tvec.types import Span

AUTHOR = "author"
QUOTED = "quoted"
REPORTED = "reported"
SCRIPTURE = "scripture"
VOICES = (AUTHOR, QUOTED, REPORTED, SCRIPTURE)

#: A sentence counts as quoted when at least this share of its characters is inside quotes.
QUOTED_SHARE = 0.5
#: Quotations shorter than this (characters) are scare quotes or titles, not speech.
MIN_QUOTE_CHARS = 25
#: A reporting frame ending in a colon governs at most this many following characters.
FRAME_REACH = 1500


@dataclass(frozen=True)
class Voice:
    """The voice of one sentence and the cue that decided it (empty for the author)."""

    kind: str = AUTHOR
    cue: str = ""

    @property
    def is_author(self) -> bool:
        return self.kind == AUTHOR


#: Bengali letters with a nukta are written two ways that NFC leaves apart: precomposed
#: (U+09DC/U+09DD/U+09DF; composition exclusions) and base + nukta (U+09BC). Real text uses both
#: (the Bengali tafsir dev rows: 210 with precomposed "আয়াত", 208 decomposed), so every entry,
#: written decomposed, must match either spelling.
_BENGALI_NUKTA = {"\u09a1\u09bc": "\u09dc", "\u09a2\u09bc": "\u09dd", "\u09af\u09bc": "\u09df"}


def both_nukta_spellings(pattern: str) -> str:
    """``pattern`` with each decomposed Bengali nukta letter also matching its precomposed form.

    Entries must not put a nukta letter inside a character class (it is two code points there)."""
    for decomposed, precomposed in _BENGALI_NUKTA.items():
        pattern = pattern.replace(decomposed, f"(?:{decomposed}|{precomposed})")
    return pattern


# Paired quotation marks: opening -> closing. The straight double quote pairs with itself.
_PAIRS = {"“": "”", "«": "»", "„": "“", "「": "」", "『": "』", "‹": "›", '"': '"', "﴿": "﴾"}
_QUOTE_OPEN = re.compile("[“«„「『‹\"﴿]")

_CITATION = re.compile(both_nukta_spellings(
    r"\[(?:TMQ\b[^\]]{0,60}|[A-Z][A-Za-z' -]+\s*\d{1,3}\s*:\s*\d{1,3})\]|"
    r"\((?:Quran|Qur'an|Koran|Al-[A-Z][a-z]+|[A-Z][a-z]+)\s*\d{1,3}\s*:\s*\d{1,3}\)|"
    r"\b(?:Quran|Qur'an|Koran)\s+\d{1,3}\s*:\s*\d{1,3}|"
    r"\b(?:Surah?|Sura)\s+(?:al-|an-|at-|ar-|as-|az-)?[A-Z][a-z]+\s*[,:]?\s*\(?\d{1,3}|"
    r"\b(?:Genesis|Exodus|Deuteronomy|Psalms?|Isaiah|Matthew|Luke|John|Romans|Revelation)\s+\d{1,3}:\d{1,3}|"
    rf"\((?:HR\.? )?(?:{HADITH_COLLECTIONS})\b[^)]{{0,40}}\)|"  # "(Bukhari 123)", Indonesian "(HR. Muslim)"
    r"\[?(?:سورة|سوره)\s+\S+\s*[:\-]?\s*\d{0,3}\]?|"
    r"\[(?:ال)?\S+\s*[:\-]\s*[0-9٠-٩]{1,3}\]|\((?:ال)?[\u0600-\u06ff]+\s*[:\-]\s*[0-9٠-٩]{1,3}\)|"
    # Bengali and Indonesian: hadith collections with a number, surah and verse
    r"[\[(](?:সহীহ )?(?:বুখারী|মুসলিম|তিরমিযী|আবু দাউদ|নাসাঈ|ইবনে মাজাহ|ইবন মাজাহ|আহমাদ|মুসনাদ আহমাদ)"
    r"\s*[ঃ:,]?\s*[০-৯0-9]|সূরা \S+\s*[,:]?\s*\(?[০-৯0-9]{1,3}(?![০-৯0-9])|"
    r"\bQS\.? ?(?:al-|an-|at-|ar-|as-|az-|Al-|An-|At-|Ar-|As-|Az-)?[A-Z][\w'-]+\s*[:(\[]\s*\d{1,3}(?!\d)"
))
# "Allah says:", "قال تعالى" - a scripture frame; what follows on the line is scripture.
_SCRIPTURE_FRAME = re.compile(
    r"\b(?:Allah|God|the Lord|the Almighty)(?: \((?:swt|SWT)\)| ta'?ala| subhanahu wa ta'?ala)? "
    r"(?:says|said|revealed|commands|states)\b|"
    r"\b(?:the )?(?:Prophet|Messenger)(?: Muhammad)?(?: \((?:saw|SAW|pbuh|PBUH|ﷺ)\)| ﷺ)? (?:said|says)\b|"
    r"\b(?:it is narrated|narrated by|the verse|this verse|the ayah|in the hadith)\b|"
    r"قال (?:الله )?تعالى|قوله تعالى|يقول (?:الله )?تعالى|قال رسول الله|قال النبي|قال ﷺ|"
    r"ارشاد باری تعالیٰ|اللہ تعالیٰ (?:فرماتا|فرماتے)|فرمان الہی|"
    r"আল্লাহ(?: তা'?আলা| তাআলা| পাক)? (?:বলেন|বলেছেন|ইরশাদ করেন|ইরশাদ করেছেন)|"
    r"(?:রাসূলুল্লাহ|নবী|রাসূল)(?: \((?:সঃ|সাঃ|সা\.)\)| ﷺ)? (?:বলেছেন|বলেন|ইরশাদ করেছেন)|"
    r"\bAllah (?:SWT |Ta'?ala )?berfirman\b|\b(?:Rasulullah|Nabi)(?: (?:SAW|Muhammad))? bersabda\b",
    re.IGNORECASE,
)

# Third-person reporting: verbs of saying and attribution, by language. Present-tense first
# person ("we call on", "nous appelons") is a directive, not a report, so only past tense,
# third person and attribution phrases are listed.
_REPORTING = re.compile(both_nukta_spellings(
    r"\b(?:said|says|told|stated|declared|claimed|added|warned|announced|alleged|wrote|tweeted|posted|"
    r"according to|quoted as saying|was quoted|is quoted|reportedly|is heard saying|can be heard|"
    r"in a (?:statement|video|speech|sermon|recording|message|post|interview|broadcast)|"
    r"called (?:up)?on|called for|urged|demanded|vowed|threatened|praised|hailed|"
    r"(?:he|she|they|it|the group|the organi[sz]ation|the movement|the speaker|the preacher|the cleric|"
    r"the leader|the statement|the video|the article|the post|the magazine|the author) "
    r"(?:calls?|urges?|demands?|asks?|tells?|claims?|argues?|describes?|praises?|threatens?|declares?)\b)\b"
    # French, German, Spanish, Italian, Portuguese, Dutch, Indonesian
    r"|\b(?:a déclaré|a dit|a affirmé|a appelé|a lancé|selon|d'après|a-t-il (?:dit|déclaré|ajouté)|"
    r"sagte|erklärte|forderte|rief|laut|zufolge|so der|dijo|afirmó|declaró|según|pidió|aseguró|"
    r"ha detto|ha dichiarato|secondo|disse|afirmou|segundo|declarou|zei|verklaarde|volgens|"
    r"mengatakan|menyatakan|menurut|kata(?:nya)?|ujar(?:nya)?)\b"
    # Arabic, Urdu, Hindi, Bengali (no \b: combining marks)
    r"|(?:^|[\s،,.])(?:قال|قالت|وقال|وقالت|اضاف|أضاف|صرح|أكد|اكد|دعا|طالب|بحسب|وفقا ل|وفقاً ل|حسب ما|نقلا عن|نقلاً عن|ذكر|اعلن|أعلن)(?=[\s،,:]|$)"
    r"|نے کہا|کا کہنا|کے مطابق|بتایا|ने कहा|के अनुसार|ने बताया|कहा कि|বলেন|বলেছেন|অনুযায়ী|জানান"),
    re.IGNORECASE,
)
# A reporting frame that hands over to what follows: ends with a colon (or a colon + quote).
_FRAME_END = re.compile(r"[:：]\s*[\"“«„]?\s*$")
# A transcript's speaker label at the start of a line: "Abu Bakr: ...", "Speaker 2: ...".
_SPEAKER_LABEL = re.compile(
    r"^(?!(?:Ref|Date|No|Subject|Re|To|From|Tel|Email|Note|Source|Title|Update|Time|Translation|"
    r"Press Release|Statement|URL|Link|Posted|Published|Tags?)\s*:)"
    r"(?:[A-Z][\w'.-]+(?: [A-Z][\w'.-]+| (?:al|bin|ibn|abu|el|ul)-?[\w'.-]*){0,4}|Speaker \d+|"
    r"Interviewer|Host|Narrator|Anchor|Reporter|Caller)\s*(?:\([^)]{1,40}\))?\s*:\s+\S"
)


def _quotation_regions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, opening mark) of each quoted passage of at least ``MIN_QUOTE_CHARS``."""
    regions = []
    position = 0
    while True:
        match = _QUOTE_OPEN.search(text, position)
        if match is None:
            return regions
        opener = match.group()
        closer = _PAIRS[opener]
        start = match.end()
        end = text.find(closer, start)
        if end < 0:
            # an unclosed quotation (common in monitoring translations): runs to the paragraph end
            paragraph = text.find("\n\n", start)
            end = len(text) if paragraph < 0 else paragraph
            if opener == '"':  # a stray straight quote is as likely an inch mark
                position = start
                continue
        if end - start >= MIN_QUOTE_CHARS:
            regions.append((start, end, opener))
        position = end + 1


def _inside(regions: list[tuple[int, int, str]], span: Span) -> tuple[float, str]:
    """Share of ``span`` inside quotation regions, and the mark of the region covering most."""
    covered = 0
    best_mark, best = "", 0
    for start, end, mark in regions:
        overlap = min(end, span.end) - max(start, span.start)
        if overlap > 0:
            covered += overlap
            if overlap > best:
                best_mark, best = mark, overlap
    length = max(1, span.end - span.start)
    return covered / length, best_mark


_REPORTING_LOWER = re.compile(lowercase_pattern(_REPORTING.pattern))
_SCRIPTURE_FRAME_LOWER = re.compile(lowercase_pattern(_SCRIPTURE_FRAME.pattern))
#: Which of the two may match in which sentence: one Aho-Corasick pass over the document.
_GATE = build_multi_gate([_REPORTING_LOWER.pattern, _SCRIPTURE_FRAME_LOWER.pattern])
#: Something a scripture citation needs: a chapter:verse number, a sura, a collection's name.
_MAY_CITE = re.compile(r"\d\s*[:\-]\s*[\d٠-٩]|[٠-٩]|[০-৯]|سور|\btmq\b|\bsura|\bqs\b|\bhr\b|"
                       rf"\b(?:{HADITH_COLLECTIONS.lower()})\b")
#: Arabic vowel and recitation marks (harakat, tanwin, shadda, sukun, dagger alif, Quranic annotation signs).
_VOWEL_MARKS = re.compile("[\u064b-\u0652\u0670\u06d6-\u06ec]")
_HARAKA = re.compile("[\u064b-\u0652]")
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")
#: A sentence this fully vocalised (marks per Arabic letter), with this many letters, is Quran or
#: hadith quoted as such: modern Arabic, Urdu and Persian prose is written without vowel marks.
VOCALISED_SHARE = 0.35
VOCALISED_MIN_LETTERS = 12


def _vocalised(sentence: str) -> bool:
    """Whether ``sentence`` is fully vocalised Arabic script: how a commentary, a sermon or a
    hadith collection quotes scripture, whatever language surrounds it."""
    if _HARAKA.search(sentence) is None:  # most sentences: one C scan and out
        return False
    letters = len(_ARABIC_LETTER.findall(sentence))
    return letters >= VOCALISED_MIN_LETTERS and len(_VOWEL_MARKS.findall(sentence)) >= VOCALISED_SHARE * letters


def sentence_voices(text: str, sentences: Sequence[Span], *, fast: bool = True) -> list[Voice]:
    """One :class:`Voice` per sentence of ``text`` (spans as from :func:`split_sentences`).
    ``fast=False`` tries every pattern case-insensitively on every sentence: the reference the
    gate and the lowercase patterns are tested against."""
    regions = _quotation_regions(text)
    frames = _frame_reaches(text, sentences)
    frame_starts = [start for start, _, _ in frames]
    lowered = text.lower()
    fast = fast and lowercase_safe(text, lowered)
    everything = {0, 1}
    possible = _GATE.candidates(lowered, sentences) if fast else [everything] * len(sentences)
    may_cite = not fast or _MAY_CITE.search(lowered) is not None
    voices = []
    for span, candidates in zip(sentences, possible, strict=True):
        sentence = text[span.start : span.end]
        view = lowered[span.start : span.end] if fast else sentence
        share, mark = _inside(regions, span) if regions else (0.0, "")
        citation = _CITATION.search(sentence) if may_cite else None
        if mark == "﴿" and share >= QUOTED_SHARE or citation is not None:
            voices.append(Voice(SCRIPTURE, citation.group() if citation is not None else "﴿﴾"))
            continue
        if _vocalised(sentence):
            voices.append(Voice(SCRIPTURE, "vocalised Arabic"))
            continue
        frame = None
        if 1 in candidates:
            frame = (_SCRIPTURE_FRAME_LOWER if fast else _SCRIPTURE_FRAME).search(view)
        if frame is not None:
            voices.append(Voice(SCRIPTURE, sentence[frame.start() : frame.end()]))
            continue
        if share >= QUOTED_SHARE:
            voices.append(Voice(QUOTED, f"inside {mark}{_PAIRS.get(mark, mark)}"))
            continue
        k = bisect_right(frame_starts, span.start) - 1
        if k >= 0 and frames[k][0] <= span.start < frames[k][1]:
            kind = SCRIPTURE if frames[k][2].startswith("scripture:") else QUOTED
            voices.append(Voice(kind, frames[k][2].split(":", 1)[1]))
            continue
        if ":" in sentence and _SPEAKER_LABEL.match(sentence) is not None:
            voices.append(Voice(QUOTED, f"speaker label {sentence[: sentence.index(':') + 1]!r}"))
            continue
        report = None
        if 0 in candidates:
            report = (_REPORTING_LOWER if fast else _REPORTING).search(view)
        if report is not None:
            voices.append(Voice(REPORTED, sentence[report.start() : report.end()].strip(" ،,.")))
            continue
        voices.append(Voice())
    return voices


def _frame_reaches(text: str, sentences: Sequence[Span]) -> list[tuple[int, int, str]]:
    """(start, end, "kind:cue") of the passages governed by a frame ending in a colon: from the
    frame's end to the next blank line (at most :data:`FRAME_REACH` characters)."""
    reaches = []
    for span in sentences:
        sentence = text[span.start : span.end]
        if (":" not in sentence and "：" not in sentence) or _FRAME_END.search(sentence) is None:
            continue
        scripture = _SCRIPTURE_FRAME.search(sentence)
        report = None if scripture is not None else _REPORTING.search(sentence)
        if scripture is None and report is None:
            continue
        start = span.end
        paragraph = text.find("\n\n", start)
        # the passage right after the colon may begin with the blank line itself
        if paragraph >= 0 and not text[start:paragraph].strip():
            paragraph = text.find("\n\n", paragraph + 2)
        end = min(len(text) if paragraph < 0 else paragraph, start + FRAME_REACH)
        cue = (scripture or report).group().strip(" ،,.")  # type: ignore[union-attr]
        reaches.append((start, end, f"{'scripture' if scripture is not None else 'quoted'}:after {cue!r}:"))
    return reaches
