"""Multi-pattern matching of organisation names, aliases and sign-off phrases.

Every name of the catalogue and every expanded signature phrase is normalised with the same
function as the scanned text and put, space-bounded, into one Aho-Corasick automaton that runs
over the document's :class:`~tvec.wordview.WordView`; a single pass finds every occurrence with
whole-word boundaries in any script.

Short acronyms ("HM", "TRF", "PA") and the names the reference data flags as colliding ("The
Base", "Ansar al-Islam", "Wilayah", ...) are everyday words or belong to several groups: they are
only counted when corroborated (see :meth:`OrganisationMatcher.find`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from tvec.normalise import normalise
from tvec.orgs.catalogue import Catalogue, SignaturePattern
from tvec.types import Span
from tvec.wordview import WordView, word_string

# From the collision table of shared/policy/hizb_ut_tahrir.md §6 and the policy README: names
# that several organisations (or ordinary language) share.
COLLIDING_NAMES: frozenset[str] = frozenset(
    {
        "the base", "ansar al islam", "ansar al-islam", "jundallah", "al badr", "al-badr", "wilayah",
        "wilayat", "ansar al sharia", "ansar al-sharia", "ansar al-shari'ah", "hizb", "jamaat",
        "islamic group", "the organization", "the organisation", "supporters of islamic law",
        "the group", "army of the pure", "party of liberation", "red army", "shining path",
        "the movement", "the party", "the front",
    }
)  # fmt: skip

# Names that are also ordinary phrases when not written as a name: counted only when the
# original text capitalises them ("Islamic State fighters", not "Iran is an Islamic state").
NAME_CASE_REQUIRED: frozenset[str] = frozenset(
    {"islamic state", "red army", "shining path", "party of liberation", "the base", "people's war group"}
)

# Words near a short alias that show an organisation is meant ("the TRF claimed ...", "banned outfit HM").
CONTEXT_WORDS: tuple[str, ...] = (
    "group", "groups", "organisation", "organization", "outfit", "outfits", "militant", "militants",
    "terrorist", "terrorists", "terror", "proscribed", "banned", "designated", "faction", "wing",
    "fighters", "insurgent", "insurgents", "jihadist", "jihadists", "tanzeem", "tanzim", "outlawed",
    "extremist", "extremists", "separatist", "splinter", "cadre", "cadres", "commander", "operatives",
    "affiliate", "affiliated",
)  # fmt: skip

_ARABIC = re.compile(r"[\u0600-\u06FF]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_ARABIC_PROCLITICS = ("و", "ب", "ل", "ف", "ك")


@dataclass(frozen=True)
class PatternInfo:
    organisation_key: str
    name: str  # as written in the catalogue (or the expanded signature phrase)
    attribution: bool
    ambiguous: bool
    acronym: bool
    signature: SignaturePattern | None = None
    case_required: bool = False


@dataclass(frozen=True)
class NameMatch:
    info: PatternInfo
    start: int  # in WordView.text, excluding the bounding spaces
    end: int


def is_acronym(name: str) -> bool:
    """Short Latin-script forms that are everyday words or initials in most texts."""
    if not _LATIN_LETTER.search(name) or _ARABIC.search(name):
        return False
    compact = re.sub(r"[\s.\-']", "", name)
    if len(compact) <= 4:
        return True
    upper = sum(ch.isupper() for ch in compact)
    return " " not in name.strip() and len(compact) <= 6 and upper >= 2


def _capitalised(original: str, span: Span) -> bool:
    """Every content word of the span starts with a capital ("Islamic State", "The Base")."""
    words = re.findall(r"[^\W\d_]+", original[span.start : span.end])
    content = [w for w in words if w.lower() not in {"of", "the", "al", "el", "s"}]
    return bool(content) and all(w[0].isupper() for w in content)


def _variants(pattern: str) -> list[str]:
    """Arabic-script names also occur with a proclitic attached ("and", "for", "by")."""
    if not _ARABIC.match(pattern.strip()):
        return [pattern]
    out = [pattern] + [p + pattern for p in _ARABIC_PROCLITICS]
    if pattern.startswith("ال"):
        out.append("لل" + pattern[2:])
    return out


class OrganisationMatcher:
    """Finds catalogue names and signatures in a word view; built once, used for every document."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self._patterns: dict[str, list[PatternInfo]] = {}
        colliding = {word_string(normalise(n).text) for n in COLLIDING_NAMES}
        case_required = {word_string(normalise(n).text) for n in NAME_CASE_REQUIRED}
        owners: dict[str, set[str]] = {}
        for key in catalogue.by_organisation:
            for name in catalogue.names_of(key):
                owners.setdefault(word_string(normalise(name).text), set()).add(key)
        canonical = {word_string(normalise(n).text): k for n, k in catalogue.canonical_owner.items()}
        for key in catalogue.by_organisation:
            for name in catalogue.names_of(key):
                pattern = word_string(normalise(name).text)
                if pattern.strip() == "":
                    continue
                shared = len(owners[pattern]) > 1
                if shared and pattern in canonical and pattern not in colliding:
                    # an alias of one listing that is another listing's own name belongs to the latter
                    if canonical[pattern] != key:
                        continue
                    shared = False
                acronym = is_acronym(name)
                ambiguous = acronym or pattern in colliding or shared
                info = PatternInfo(key, name, False, ambiguous, acronym, case_required=pattern in case_required)
                self._add(pattern, info)
                if _LATIN_LETTER.search(name) and not _ARABIC.search(name):
                    # the normaliser drops the apostrophe of a possessive: "Hezbollah's" -> "hezbollahs"
                    self._add(word_string(normalise(name + "'s").text), info)
        for signature in catalogue.signatures:
            for phrase in self._expand(signature):
                pattern = word_string(normalise(phrase).text)
                self._add(pattern, PatternInfo(signature.organisation_key, phrase, True, False, False, signature))
        self._automaton = ahocorasick.Automaton()
        for pattern, infos in self._patterns.items():
            self._automaton.add_word(pattern, (len(pattern), tuple(infos)))
        self._automaton.make_automaton()
        self._context = frozenset(normalise(w).text for w in CONTEXT_WORDS)

    def _add(self, pattern: str, info: PatternInfo) -> None:
        for variant in _variants(pattern.strip()):
            bucket = self._patterns.setdefault(f" {variant} ", [])
            if info not in bucket:
                bucket.append(info)

    def _expand(self, signature: SignaturePattern) -> Iterable[str]:
        if "{org}" not in signature.pattern:
            return [signature.pattern]
        names = [
            n
            for n in self.catalogue.names_of(signature.organisation_key)
            if not is_acronym(n) and normalise(n).text not in COLLIDING_NAMES and not _ARABIC.search(n)
        ]
        return [signature.pattern.replace("{org}", name) for name in names]

    def raw_matches(self, view: WordView) -> list[NameMatch]:
        """Every pattern occurrence, before corroboration."""
        found = []
        for end_index, (length, infos) in self._automaton.iter(view.text):
            start = end_index - length + 2  # skip the leading space
            end = end_index  # the trailing space is excluded
            for info in infos:
                found.append(NameMatch(info, start, end))
        return found

    def find(self, view: WordView, original: str) -> list[NameMatch]:
        """Matches that count: unambiguous names and signatures, plus ambiguous names corroborated
        by an unambiguous name of the same organisation in the document or by an organisation
        word ("group", "banned", "militants", ...) within six words (three for an acronym). An
        acronym must also be written in capitals in the original ("HuT", not "hut")."""
        matches = self.raw_matches(view)
        confirmed = {m.info.organisation_key for m in matches if not m.info.ambiguous}
        kept = []
        for match in matches:
            info = match.info
            if info.case_required and not _capitalised(original, view.to_original(match.start, match.end)):
                continue
            if info.ambiguous:
                if info.acronym:
                    span = view.to_original(match.start, match.end)
                    if sum(ch.isupper() for ch in original[span.start : span.end]) < 2:
                        continue
                if info.organisation_key not in confirmed:
                    first, last = view.token_range(match.start, match.end)
                    radius = 3 if info.acronym else 6
                    if not self._context.intersection(view.window(first, last, radius)):
                        continue
            kept.append(match)
        return kept

    def lookup(self, query: str) -> list[PatternInfo]:
        """Catalogue names equal to, containing, or contained in ``query`` (for ``tvec orgs search``)."""
        needle = word_string(normalise(query).text)
        if not needle.strip():
            return []
        hits = []
        for pattern, infos in self._patterns.items():
            if needle in pattern or pattern in needle:
                hits.extend(infos)
        return hits
