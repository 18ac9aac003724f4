"""The organisations detector: names, aliases and media-wing sign-offs of designated organisations.

It reports two kinds of signal per organisation found:

- ``attribution`` when a sign-off or media-office line ("Central Media Office of ...",
  "... / Wilayah Pakistan") says the organisation *issued* the text;
- ``organisation_mention`` when the text only names it.

Neither is a verdict. Each carries the organisation's designations (list, dates, status,
verification) so that the policy engine decides, per jurisdiction and date, whether it matters.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field

from tvec.detectors.base import Detector, PreparedDocument
from tvec.orgs.authorship import AuthorshipCue, domain_cues, load_official_domains, text_cues
from tvec.orgs.catalogue import Catalogue
from tvec.orgs.matcher import NameMatch, OrganisationMatcher
from tvec.orgs.support import SupportAnalyser, SupportFinding
from tvec.settings import TvecSettings
from tvec.types import Category, Signal, Span, merge_spans
from tvec.wordview import WordView

ATTRIBUTION_SCORE = {"read": 0.95, "dataset": 0.95, "background": 0.85}
MENTION_SCORE = 0.9
CORROBORATED_MENTION_SCORE = 0.7


@dataclass
class _Found:
    spans: list[Span] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    matches: list[NameMatch] = field(default_factory=list)
    seen: set[Span] = field(default_factory=set)


class OrganisationsDetector(Detector):
    name = "organisations"
    categories = frozenset(
        {Category.ATTRIBUTION, Category.ORGANISATION_MENTION, Category.PROSCRIBED_SUPPORT, Category.GLORIFICATION}
    )
    cost = 5.0

    def __init__(self, catalogue: Catalogue | None = None) -> None:
        self.catalogue = catalogue or Catalogue.load()
        self.matcher = OrganisationMatcher(self.catalogue)
        self.domains = load_official_domains()
        self.support = SupportAnalyser()

    def detect(self, doc: PreparedDocument) -> list[Signal]:
        view = WordView.of(doc.normalised)
        matches = self.matcher.find(view, doc.text)
        attributions: dict[str, _Found] = {}
        mentions: dict[str, _Found] = {}
        for match in _outermost(matches):
            span = view.to_original(match.start, match.end)
            signs = match.info.attribution and _signs_the_text(doc, span)
            bucket = attributions if signs else mentions
            found = bucket.setdefault(match.info.organisation_key, _Found())
            if span not in found.seen:
                found.seen.add(span)
                found.spans.append(span)
                found.matches.append(match)
            if match.info.name not in found.names:
                found.names.append(match.info.name)
        cues = self._authorship(doc, mentions)
        signals = [self._attribution(key, found, cues.pop(key, [])) for key, found in attributions.items()]
        for key, extra in cues.items():
            signals.append(self._attribution(key, _Found(), extra))
        for key, found in mentions.items():
            signals.append(self._mention(key, found))
        named = [(key, span) for key, found in mentions.items() for span in found.spans]
        findings = self.support.find(doc.text, doc.sentences, doc.voices, doc.genre)
        praised = {f.organisation_key for f in findings if f.category == "glorification"}
        findings += [f for f in self.support.praise_of_organisations(doc.text, named, doc.sentences, doc.voices,
                                                                     doc.genre) if f.organisation_key not in praised]
        for finding in findings:
            if finding.organisation_key in self.catalogue.by_organisation:
                signals.append(self._support_signal(finding))
        return signals

    def _support_signal(self, finding: SupportFinding) -> Signal:
        """Support discourse (scoped to where the organisation is designated) or praise of a
        designated individual (glorification, counted everywhere); :mod:`tvec.orgs.support`."""
        organisation = self.catalogue.display_name(finding.organisation_key)
        kinds = ", ".join(f"{c['kind'].replace('_', ' ')} {c['cue']!r}" for c in finding.cues)
        evidence: dict[str, object] = {
            "organisation": organisation,
            "organisation_key": finding.organisation_key,
            "support_cues": [dict(c) for c in finding.cues],
            "cue_verification": "background",
        }
        if finding.individual is not None:
            person = finding.individual
            # the name that matched decides: a listed person's alias from general knowledge is background
            verification = next((str(c["verification"]) for c in finding.cues if "verification" in c), person.verification)
            evidence.update({"individual": person.name, "individual_lists": list(person.lists),
                             "individual_source": person.source, "individual_verification": verification})
            explanation = (f"praises {person.name} (listed: {', '.join(person.lists)}; {verification}): {kinds}")
        else:
            evidence["designations"] = self._designations(finding.organisation_key)
            explanation = f"speaks as a supporter of {organisation} ({kinds}; cue list unverified: background)"
        return Signal(
            detector=self.name,
            category=Category(finding.category),
            score=finding.score,
            spans=finding.spans,
            evidence=evidence,
            explanation=explanation,
        )

    def _authorship(self, doc: PreparedDocument, mentions: dict[str, _Found]) -> dict[str, list[AuthorshipCue]]:
        """Letterheads, self-references and official domains, by organisation
        (:mod:`tvec.orgs.authorship`)."""
        spans = [(key, span) for key, found in mentions.items() for span in found.spans]
        found = text_cues(doc.text, spans, doc.sentences, doc.voices, doc.genre) if spans else []
        url = doc.document.meta.get("url") if doc.document.meta else None
        found += domain_cues(url if isinstance(url, str) else None, self.domains)
        by_key: dict[str, list[AuthorshipCue]] = {}
        for cue in found:
            if cue.organisation_key in self.catalogue.by_organisation:
                by_key.setdefault(cue.organisation_key, []).append(cue)
        return by_key

    def _designations(self, key: str, names: list[str] | None = None) -> list[dict[str, str]]:
        return [row.to_evidence() for row in self.catalogue.designations_naming(key, names)]

    def _attribution(self, key: str, found: _Found, cues: list[AuthorshipCue] | None = None) -> Signal:
        cues = cues or []
        signatures = [m.info.signature for m in found.matches if m.info.signature is not None]
        verifications = [s.verification for s in signatures] + [c.verification for c in cues]
        verification = "background" if all(v == "background" for v in verifications) else "read"
        organisation = self.catalogue.display_name(key)
        kinds = sorted({s.kind for s in signatures} | {c.kind for c in cues})
        score = max([ATTRIBUTION_SCORE[verification] if signatures else 0.0, *(c.score for c in cues)])
        evidence: dict[str, object] = {
            "organisation": organisation,
            "organisation_key": key,
            "matched": found.names,
            "signature_kinds": kinds,
            "signature_sources": sorted({s.source for s in signatures} | {c.source for c in cues if c.source}),
            "signature_verification": verification,
            "designations": self._designations(key),
        }
        if cues:
            evidence["authorship"] = [
                {"kind": c.kind, "cue": c.cue, "score": c.score, "verification": c.verification} for c in cues
            ]
        return Signal(
            detector=self.name,
            category=Category.ATTRIBUTION,
            score=score,
            spans=merge_spans([*found.spans, *(c.span for c in cues if c.span.end > c.span.start)]),
            evidence=evidence,
            explanation=(
                f"{', '.join(k.replace('_', ' ') for k in kinds)} attributes the text to {organisation}"
                + (" (pattern or source unverified: background)" if verification == "background" else "")
            ),
        )

    def _mention(self, key: str, found: _Found) -> Signal:
        corroborated_only = all(m.info.ambiguous for m in found.matches)
        organisation = self.catalogue.display_name(key)
        return Signal(
            detector=self.name,
            category=Category.ORGANISATION_MENTION,
            score=CORROBORATED_MENTION_SCORE if corroborated_only else MENTION_SCORE,
            spans=merge_spans(found.spans),
            evidence={
                "organisation": organisation,
                "organisation_key": key,
                "matched": found.names,
                "ambiguous_alias_only": corroborated_only,
                "designations": self._designations(key, found.names),
            },
            explanation=f"names {organisation} ({len(found.spans)} mention(s))",
        )


#: A sign-off line holds the signature and little else (a date, a place, a hijri year).
_SIGNOFF_SLACK = 60


def _signs_the_text(doc: PreparedDocument, span: Span) -> bool:
    """Whether a media-wing or sign-off name found at ``span`` signs the document rather than
    being named in it. Named inside reported or quoted speech ("the group's Amaq news agency
    said ...") it is the source of a report, not the issuer of the text; inside running prose of
    a report, study or course it is a subject. It signs when it stands on a line of its own (a
    letterhead, header or sign-off), or when the author's own sentence carries it in a text that
    does not report."""
    text = doc.text
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
    if len(line) <= (span.end - span.start) + _SIGNOFF_SLACK:
        return True
    k = doc.sentence_at(span.start)
    if 0 <= k < len(doc.voices) and not doc.voices[k].is_author:
        return False
    return not doc.genre.reports


def _outermost(matches: list[NameMatch]) -> list[NameMatch]:
    """Drop matches inside a longer match of the same organisation ("media office of X" inside
    "central media office of X") and mentions that overlap the organisation's own sign-off.
    One sorted sweep per organisation, so a document repeating a name 10,000 times stays linear."""
    by_organisation: dict[str, list[NameMatch]] = {}
    for match in matches:
        by_organisation.setdefault(match.info.organisation_key, []).append(match)
    kept: list[NameMatch] = []
    for found in by_organisation.values():
        signoffs = _sweep([m for m in found if m.info.attribution])
        kept.extend(signoffs)
        starts = [m.start for m in signoffs]
        furthest_end = list(itertools.accumulate((m.end for m in signoffs), max))
        for mention in _sweep([m for m in found if not m.info.attribution]):
            before = bisect.bisect_left(starts, mention.end)  # sign-offs starting before it ends
            if before and furthest_end[before - 1] > mention.start:
                continue
            kept.append(mention)
    return kept


def _sweep(matches: list[NameMatch]) -> list[NameMatch]:
    """Matches not contained in an earlier, longer one (sorted by start, longest first)."""
    kept: list[NameMatch] = []
    furthest = -1
    for match in sorted(matches, key=lambda m: (m.start, -(m.end - m.start))):
        if match.end <= furthest:
            continue
        kept.append(match)
        furthest = match.end
    return kept


def create(settings: TvecSettings) -> OrganisationsDetector:
    return OrganisationsDetector()
