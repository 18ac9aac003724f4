"""Support for a designated organisation in its supporters' own words, and praise of its leaders.

A news story names the Islamic State; a supporter writes "remaining and expanding", prays for
"the state of the caliphate", calls its fighters "soldiers of the caliphate" and its enemies by
the group's own slurs. Opponents and most news call the same group "Daesh" or "Khawarij". So
support is not a mention but a *register*: the in-group vocabulary of the organisation's
discourse, by kind (``data/support_cues.csv``):

- ``slogan``, ``prayer_for_group``, ``leader_title``, ``in_group`` (self-designations): what
  supporters say and reporters rarely do;
- ``release_format``: the group's own outlets and release headers as supporters repost them (its
  news agency and newspaper as a hashtag or header, "Wilayat X" for its provinces) - the form of
  an official release, in the author's voice; "the agency said" is reported speech and does not count;
- ``out_group_slur``: the group's names for its enemies - supporting evidence only, never enough
  on its own (the same words occur in sectarian hate that is not support for the group);
- ``opponent_term``: a term of the group's opponents; a text that uses one does not speak as a
  supporter, and no support signal is reported.

A document's support score is the noisy OR of the strongest cue of each kind found in sentences
spoken by the author (:mod:`tvec.model.speaker`); documents that report, teach or document
(:mod:`tvec.model.genre`) get none - they cite the register, they do not use it. Out-group slurs
alone give nothing. Every cue row is marked ``background`` (written from the research literature
on the group's propaganda, not verified against a primary source here) and the signal says so.

Praise of a designated individual (``data/individuals.csv``: the UN ISIL/Al-Qaida list as the
EU applies it, built by ``scripts/build_individuals.py``, plus a few rows of general knowledge
marked ``background``; each row with its source) - an honorific or a martyrdom formula in the same authorial sentence as the name -
is reported as ``glorification``.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from tvec.charmap import CharMap
from tvec.errors import ConfigurationError
from tvec.model.gate import build_multi_gate
from tvec.model.genre import GenreAssessment
from tvec.model.speaker import QUOTED, Voice
from tvec.types import Span

KINDS = ("slogan", "prayer_for_group", "leader_title", "in_group", "release_format", "out_group_slur", "opponent_term")
#: Kinds that can make a support signal; the others only add to one.
_LEADING_KINDS = frozenset({"slogan", "prayer_for_group", "leader_title", "in_group", "release_format"})
#: Most a support signal scores: below removal without attribution (the policy's 0.85) unless
#: three independent kinds agree.
MAX_SCORE = 0.95
GLORIFICATION_SCORE = 0.75
#: Praise next to an organisation's name: a person reviews (the members praised are not named).
ORGANISATION_PRAISE_SCORE = 0.65
_PRAISE_WINDOW = 80

_ARABIC_MARKS = dict.fromkeys([*range(0x064B, 0x0660), 0x0670, 0x0640], None)
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ة": "ه", "ۃ": "ه", "ک": "ك",
                       "’": "'", "‘": "'"})
_ARABIC_MARKS_MAP = CharMap.of(_ARABIC_MARKS)
_FOLD_MAP = CharMap.of(_FOLD)

# Honorifics and martyrdom formulas said of a person (praise, for glorification).
_PRAISE = re.compile(
    r"رحمه الله|تقبله الله|حفظه الله|نصره الله|نحسبه|الشهيد|الشيخ المجاهد|امير المؤمنين|البطل|"
    r"رحمہ اللہ|شہید|"
    r"\b(?:rahimahullah|rahimahu allah|hafidhahullah|hafizahullah|taqabbalahullah|may allah (?:accept|have mercy on|"
    r"preserve|protect) him|martyred|the martyr|shaheed|shahid|our (?:beloved|brave|noble|great) (?:shaykh|sheikh|leader|"
    r"commander|emir|amir)|the lion of|hero of|great (?:leader|mujahid|commander)|amir ?ul[- ]?mu'?mineen|"
    r"commander of the faithful)\b",
    re.IGNORECASE,
)


def fold(text: str) -> str:
    """Lowercase, Arabic marks removed and letter variants folded; offsets kept for Latin text
    and for Arabic text without marks (the matches are located again in the original)."""
    return _FOLD_MAP.apply(_ARABIC_MARKS_MAP.apply(text.lower()))  # .translate of both, see tvec.charmap


@dataclass(frozen=True)
class SupportCue:
    organisation_key: str
    kind: str
    weight: float
    lang: str
    pattern: re.Pattern[str]
    verification: str
    note: str


@dataclass(frozen=True)
class Individual:
    name: str
    organisation_key: str
    lists: tuple[str, ...]
    verification: str
    source: str
    pattern: re.Pattern[str]
    #: folded names from general knowledge, not printed in the listing (``background_aliases``)
    background_names: frozenset[str] = frozenset()

    def verification_of(self, matched: str) -> str:
        """The verification of the name that matched: a ``dataset`` row's background alias is not
        verified against the listing, and its evidence must say so."""
        return "background" if matched in self.background_names else self.verification


@dataclass(frozen=True)
class SupportFinding:
    """Support for one organisation, or praise of one designated individual, with its evidence."""

    category: str  # "proscribed_support" | "glorification"
    organisation_key: str
    score: float
    spans: tuple[Span, ...]
    cues: tuple[dict[str, str], ...]
    individual: Individual | None = None
    opponent_terms: tuple[str, ...] = field(default=())


def _compile(pattern: str) -> re.Pattern[str]:
    folded = fold(pattern)
    if re.search("[a-z]", folded):
        return re.compile(rf"(?<![\w]){folded}(?![\w])")
    return re.compile(rf"(?<![\u0600-\u06ff]){folded}(?![\u0600-\u06ff])")


def _data_path(name: str) -> Path:
    return Path(str(resources.files("tvec") / "data" / name))


def _rows(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        raise ConfigurationError(f"{path}: {exc.strerror or exc}") from exc
    for line, row in enumerate(rows, start=2):
        missing = [k for k in required if not (row.get(k) or "").strip()]
        if missing:
            raise ConfigurationError(f"{path}:{line}: missing {', '.join(missing)}")
    return rows


@lru_cache(maxsize=4)
def load_support_cues(path: Path | None = None) -> tuple[SupportCue, ...]:
    where = path or _data_path("support_cues.csv")
    out = []
    for line, row in enumerate(_rows(where, ("org", "kind", "weight", "pattern", "verification")), start=2):
        if row["kind"] not in KINDS:
            raise ConfigurationError(f"{where}:{line}: unknown kind {row['kind']!r} (one of {', '.join(KINDS)})")
        try:
            weight = float(row["weight"])
            pattern = _compile(row["pattern"])
        except (ValueError, re.error) as exc:
            raise ConfigurationError(f"{where}:{line}: {exc}") from exc
        out.append(SupportCue(row["org"], row["kind"], weight, row.get("lang", ""), pattern, row["verification"],
                              row.get("note", "")))
    return tuple(out)


@lru_cache(maxsize=4)
def load_individuals(path: Path | None = None) -> tuple[Individual, ...]:
    where = path or _data_path("individuals.csv")
    out = []
    for row in _rows(where, ("name", "org", "lists", "verification", "source")):
        background = [a for a in (row.get("background_aliases") or "").split("|") if a.strip()]
        names = [row["name"], *[a for a in row.get("aliases", "").split("|") if a.strip()], *background]
        alternation = "|".join(sorted((re.escape(fold(n.strip())) for n in names), key=len, reverse=True))
        pattern = re.compile(rf"(?<![\w]){'(?:' + alternation + ')'}(?![\w])")
        out.append(Individual(row["name"], row["org"], tuple(row["lists"].split("|")), row["verification"],
                              row["source"], pattern, frozenset(fold(a.strip()) for a in background)))
    return tuple(out)


class SupportAnalyser:
    """Finds support discourse and praise of designated individuals in one document."""

    def __init__(self, cues: Sequence[SupportCue] | None = None, individuals: Sequence[Individual] | None = None):
        self.cues = tuple(cues if cues is not None else load_support_cues())
        self.individuals = tuple(individuals if individuals is not None else load_individuals())
        # which cues and names may occur in a document: one Aho-Corasick pass over its folded text
        self._gate = build_multi_gate([c.pattern.pattern for c in self.cues]
                                      + [p.pattern.pattern for p in self.individuals])

    def _possible(self, folded: str) -> tuple[list[SupportCue], list[Individual]]:
        found = self._gate.candidates(folded, [Span(0, len(folded))])[0] if folded else set()
        n = len(self.cues)
        return ([c for k, c in enumerate(self.cues) if k in found],
                [p for k, p in enumerate(self.individuals) if k + n in found])

    def find(self, text: str, sentences: Sequence[Span], voices: Sequence[Voice],
             genre: GenreAssessment) -> list[SupportFinding]:
        if genre.reports or not sentences:
            return []
        folded = fold(text)
        aligned = len(folded) == len(text)
        # folding is per character (apart from Greek final sigma, which str.lower decides from its
        # neighbours), so a cue found in a sentence folded on its own is also
        # in the whole folded text: the gate selects candidates even where folding changed offsets
        cues, people = self._possible(folded)
        if not cues and not people:
            return []
        spoken = [(s, v) for s, v in zip(sentences, voices, strict=True)
                  if v.is_author or (v.kind == QUOTED and not genre.organisation_voice)]
        pieces = [folded[s.start : s.end] if aligned else fold(text[s.start : s.end]) for s, _ in spoken]
        findings = self._support(folded, spoken, aligned, pieces, cues)
        findings += self._glorification(spoken, pieces, people)
        return findings

    def _support(self, folded: str, spoken: list[tuple[Span, Voice]], aligned: bool, pieces: Sequence[str],
                 cues: Sequence[SupportCue]) -> list[SupportFinding]:
        by_org: dict[str, dict[str, tuple[float, str, Span, SupportCue]]] = {}
        opponents: dict[str, list[str]] = {}
        for cue in cues:
            for (span, _), piece in zip(spoken, pieces, strict=True):
                match = cue.pattern.search(folded, span.start, span.end) if aligned else cue.pattern.search(piece)
                if match is None:
                    continue
                found = match.group()
                if cue.kind == "opponent_term":
                    opponents.setdefault(cue.organisation_key, []).append(found)
                    break
                best = by_org.setdefault(cue.organisation_key, {})
                if cue.kind not in best or best[cue.kind][0] < cue.weight:
                    best[cue.kind] = (cue.weight, found, span, cue)
                break
        findings = []
        for org, kinds in by_org.items():
            if org in opponents or not _LEADING_KINDS.intersection(kinds):
                continue
            miss = 1.0
            for weight, _, _, _ in kinds.values():
                miss *= 1.0 - weight
            score = min(MAX_SCORE, 1.0 - miss)
            if len(kinds) < 3:
                score = min(score, 0.84)
            cues = tuple({"kind": k, "cue": v[1], "verification": v[3].verification, "note": v[3].note}
                         for k, v in sorted(kinds.items()))
            spans = tuple(sorted({v[2] for v in kinds.values()}))
            findings.append(SupportFinding("proscribed_support", org, round(score, 4), spans, cues))
        return findings

    def praise_of_organisations(self, text: str, mentions: Sequence[tuple[str, Span]], sentences: Sequence[Span],
                                voices: Sequence[Voice], genre: GenreAssessment) -> list[SupportFinding]:
        """A martyrdom formula or honorific next to a designated organisation's name in an
        authorial sentence ("the martyred commander of X", "X's heroes, may God accept them") is
        glorification of the organisation's members, whoever they are."""
        if genre.reports or not mentions:
            return []
        starts = [sp.start for sp in sentences]
        findings: dict[str, SupportFinding] = {}
        opponents = [c.pattern for c in self.cues if c.kind == "opponent_term"]
        for key, span in mentions:
            k = bisect_right(starts, span.start) - 1
            if k < 0 or key in findings or not (voices[k].is_author or voices[k].kind == QUOTED):
                continue
            sentence = sentences[k]
            window = fold(text[max(sentence.start, span.start - _PRAISE_WINDOW) : min(sentence.end, span.end + _PRAISE_WINDOW)])
            praise = _PRAISE.search(window)
            if praise is None or any(p.search(fold(text[sentence.start : sentence.end])) for p in opponents):
                continue
            findings[key] = SupportFinding(
                "glorification", key, ORGANISATION_PRAISE_SCORE, (sentence,),
                ({"kind": "praise_of_designated_organisation", "cue": praise.group(), "verification": "background",
                  "note": "honorific or martyrdom formula next to the organisation's name"},),
            )
        return list(findings.values())

    def _glorification(self, spoken: list[tuple[Span, Voice]], pieces: Sequence[str],
                       people: Sequence[Individual]) -> list[SupportFinding]:
        findings = []
        for person in people:
            for (span, _), sentence in zip(spoken, pieces, strict=True):
                name = person.pattern.search(sentence)
                if name is None:
                    continue
                window = sentence[max(0, name.start() - _PRAISE_WINDOW) : name.end() + _PRAISE_WINDOW]
                praise = _PRAISE.search(window)
                if praise is None or any(c.pattern.search(sentence) for c in self.cues if c.kind == "opponent_term"):
                    continue
                findings.append(SupportFinding(
                    "glorification", person.organisation_key, GLORIFICATION_SCORE, (span,),
                    ({"kind": "praise_of_designated_individual", "cue": praise.group(), "individual": person.name,
                      "name_matched": name.group(), "verification": person.verification_of(name.group()), "note": person.source},),
                    individual=person,
                ))
                break
        return findings
