"""Who issued a text, beyond sign-off lines: letterheads, an organisation speaking of itself, and
the official website a text was taken from.

A sign-off ("Central Media Office of ...") is the clearest attribution, and the catalogue's
signature patterns find it. Many official texts have none: the organisation's name heads the
page (a letterhead), the statement speaks of the organisation in the third person as its
subject ("Hizb ut Tahrir calls upon the officers ...", "We in X demand ..."), or the text was
published on the organisation's own domain. Each of these is evidence of source, never a
verdict, and each is weighed by where it stands:

- ``letterhead``: the name on a short line among the first lines of a document whose genre is an
  official statement (:mod:`tvec.model.genre`) - a news story's headline naming a group is not one;
- ``self_reference``: the name as the subject of a present-tense declarative verb ("calls upon",
  "demands", "affirms", "يدعو", "مطالبہ کرتی") at the start of an authorial sentence (not quoted,
  not reported, :mod:`tvec.model.speaker`) in a document that does not report, teach or document;
- ``official_domain``: the document's URL (``Document.meta["url"]``, ``--url-field``, the API's
  ``url``) on a domain the organisation publishes on, from ``data/official_domains.csv`` (each row
  with its source; rows marked ``background`` are unverified and say so).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from tvec.errors import ConfigurationError
from tvec.model.genre import GenreAssessment
from tvec.model.speaker import Voice
from tvec.types import Span

LETTERHEAD = "letterhead"
SELF_REFERENCE = "self_reference"
OFFICIAL_DOMAIN = "official_domain"

#: Score of an attribution by kind and verification of its source.
SCORES: Mapping[str, float] = {LETTERHEAD: 0.9, SELF_REFERENCE: 0.9, OFFICIAL_DOMAIN: 0.95}
BACKGROUND_SCORE = 0.85
#: A letterhead line is at most this long and lies within the first this-many characters.
LETTERHEAD_LINE = 80
LETTERHEAD_REACH = 400
#: A letterhead heads a document: a title alone ("Statement of X") may be a headline.
LETTERHEAD_MIN_SENTENCES = 3
#: The genres in which a letterhead or self-reference is the organisation's own.
_OWN_VOICE_GENRES = frozenset({"official_statement", "claim_of_responsibility", "general", "op_ed"})

# Declarative verbs an organisation uses of itself, right after its name (present tense).
_SELF_VERBS = re.compile(
    r",?\s*(?:\([^)]{1,40}\)\s*)?(?:[^,]{1,60},\s*)?"
    r"(?:calls? (?:up)?on|calls? for|demands?|urges?|affirms?|declares?|announces?|warns?|reminds?|"
    r"invites?|condemns?|rejects?|salutes?|congratulates?|addresses|stresses|reiterates|mourns|"
    r"pays (?:tribute|homage) to|eulogi[sz]es|honou?rs|"
    r"has (?:issued|launched|called)|is calling)\b"
    r"|\s*(?:يدعو|يطالب|يؤكد|يعلن|يحذر|يهيب|يستنفر|ينعى|يبارك|تدعو|تطالب|تؤكد|تعلن)"
    r"|\s*(?:[^۔.]{0,60})(?:مطالبہ کر(?:تی|تا|تے)|اپیل کر(?:تی|تا|تے)|اعلان کر(?:تی|تا|تے))"
    # French, German, Indonesian: the verb follows the name (German separable "ruft ... auf").
    r"|\s*(?:appelle|exhorte|invite|demande|réclame|affirme|déclare|annonce|condamne|rejette|dénonce|"
    r"salue|félicite|rappelle|met en garde|ruft|fordert|appelliert|erklärt|verkündet|warnt|verurteilt|"
    r"bekräftigt|begrüßt|menyerukan|menyeru|mengajak|mendesak|menuntut|menegaskan|mengumumkan|"
    r"mengecam|menolak|memperingatkan|mengimbau|menghimbau)\b"
    # Roman Urdu, Bengali, Hindi: the verb ends the clause (subject-object-verb).
    r"|\s*(?:[^.!?]{0,80})\b(?:mutalba|mutaliba|apeel|appeal|elaan|ailan) (?:karti|karta|karte)\b"
    r"|\s*(?:[^।.!?]{0,80})(?:আহ্বান জানা(?:চ্ছে|য়|য়)|আহ্বান করছে|দাবি জানা(?:চ্ছে|য়|য়)|ঘোষণা (?:করছে|করে))"
    r"|\s*(?:[^।.!?]{0,80})(?:आह्वान|अपील|मांग|माँग|घोषणा) (?:करता|करती|करते)",
    re.IGNORECASE,
)
_ARABIC_LEADING_VERB = re.compile(r"(?:يدعو|يطالب|يؤكد|يعلن|يحذر|يهيب|يستنفر|ينعى|يبارك)\s+$")
#: What may stand before the name when it is the sentence's subject: nothing, an article,
#: a connective ("The party", "Le Hizb ut Tahrir", "Die Partei", "Maka").
_SUBJECT_LEADS = frozenset({"", "the", "o", "and", "so", "today", "thus", "hence", "le", "la", "l'", "die", "der",
                            "das", "maka", "hari ini", "oleh karena itu"})
_HOST = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}\.)+[a-z0-9-]{2,63}")
_WE_IN = re.compile(r"(?:\bwe(?:,| in| of| at| the members of)?\s*(?:the )?|نحن في\s*|نحن\s*|ہم\s*)$", re.IGNORECASE)


@dataclass(frozen=True)
class AuthorshipCue:
    """One piece of evidence that an organisation issued the document."""

    organisation_key: str
    kind: str
    span: Span
    cue: str
    score: float
    source: str = ""
    verification: str = "read"


@dataclass(frozen=True)
class OfficialDomain:
    organisation_key: str
    domain: str
    verification: str
    source: str


@lru_cache(maxsize=4)
def load_official_domains(path: Path | None = None) -> tuple[OfficialDomain, ...]:
    """The organisations' official domains (``data/official_domains.csv`` by default)."""
    where = path or Path(str(resources.files("tvec") / "data" / "official_domains.csv"))
    try:
        with open(where, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        raise ConfigurationError(f"official domains {where}: {exc.strerror or exc}") from exc
    out = []
    for line, row in enumerate(rows, start=2):
        missing = [k for k in ("org", "domain", "verification", "source") if not (row.get(k) or "").strip()]
        if missing:
            raise ConfigurationError(f"official domains {where}:{line}: missing {', '.join(missing)}")
        out.append(OfficialDomain(row["org"].strip(), row["domain"].strip().lower(), row["verification"].strip(),
                                  row["source"].strip()))
    return tuple(out)


def url_host(url: str) -> str:
    """The lowercase host of ``url`` without ``www.``; empty when there is none."""
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:
        return ""
    host = host.lower().removeprefix("www.")
    return host if _HOST.fullmatch(host) else ""


def domain_cues(url: str | None, domains: Iterable[OfficialDomain]) -> list[AuthorshipCue]:
    if not url:
        return []
    host = url_host(url)
    if not host:
        return []
    cues = []
    for row in domains:
        if host == row.domain or host.endswith("." + row.domain):
            score = SCORES[OFFICIAL_DOMAIN] if row.verification == "read" else BACKGROUND_SCORE
            cues.append(AuthorshipCue(row.organisation_key, OFFICIAL_DOMAIN, Span(0, 0), host, score,
                                      row.source, row.verification))
    return cues


def text_cues(
    text: str,
    mentions: Sequence[tuple[str, Span]],
    sentences: Sequence[Span],
    voices: Sequence[Voice],
    genre: GenreAssessment,
) -> list[AuthorshipCue]:
    """Letterhead and self-reference cues among the organisation ``mentions`` (key, span)."""
    if genre.genre not in _OWN_VOICE_GENRES:
        return []
    starts = [s.start for s in sentences]
    cues: list[AuthorshipCue] = []
    for key, span in mentions:
        line_start = text.rfind("\n", 0, span.start) + 1
        line_end = text.find("\n", span.end)
        line_end = len(text) if line_end < 0 else line_end
        line = text[line_start:line_end].strip()
        if (genre.genre == "official_statement" and span.start < LETTERHEAD_REACH
                and len(line) <= LETTERHEAD_LINE and len(sentences) >= LETTERHEAD_MIN_SENTENCES):
            cues.append(AuthorshipCue(key, LETTERHEAD, Span(line_start, line_end), line, SCORES[LETTERHEAD]))
            continue
        k = _sentence_of(starts, span.start)
        if k < 0 or not voices[k].is_author:
            continue
        sentence = sentences[k]
        before = text[sentence.start : span.start]
        lead = before.strip(" \t\n\"“'(-–—").lower()
        subject = lead in _SUBJECT_LEADS or _WE_IN.search(before) is not None
        after = _SELF_VERBS.match(text, span.end, sentence.end)
        arabic_verb_first = _ARABIC_LEADING_VERB.search(before) is not None and len(before.strip()) < 12
        if (subject and after is not None) or arabic_verb_first or (_WE_IN.search(before) and lead):
            cue = text[sentence.start : (after.end() if after is not None else span.end)]
            cues.append(AuthorshipCue(key, SELF_REFERENCE, Span(sentence.start, sentence.end),
                                      " ".join(cue.split())[:120], SCORES[SELF_REFERENCE]))
    return cues


def _sentence_of(starts: list[int], position: int) -> int:
    from bisect import bisect_right

    return bisect_right(starts, position) - 1
