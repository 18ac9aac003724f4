"""The organisations detector: names, aliases and media-wing sign-offs of designated organisations.

It reports two kinds of signal per organisation found:

- ``attribution`` when a sign-off or media-office line ("Central Media Office of ...",
  "... / Wilayah Pakistan") says the organisation *issued* the text;
- ``organisation_mention`` when the text only names it.

Neither is a verdict. Each carries the organisation's designations (list, dates, status,
verification) so that the policy engine decides, per jurisdiction and date, whether it matters.
"""

from __future__ import annotations

from dataclasses import dataclass

from tvec.detectors.base import Detector, PreparedDocument
from tvec.orgs.catalogue import Catalogue, Designation, canonical_form
from tvec.orgs.matcher import NameMatch, OrganisationMatcher
from tvec.settings import TvecSettings
from tvec.types import Category, Signal, Span
from tvec.normalise import normalise
from tvec.wordview import WordView, word_string

ATTRIBUTION_SCORE = {"read": 0.95, "dataset": 0.95, "background": 0.85}
MENTION_SCORE = 0.9
CORROBORATED_MENTION_SCORE = 0.7


@dataclass
class _Found:
    spans: list[Span]
    names: list[str]
    matches: list[NameMatch]


class OrganisationsDetector(Detector):
    name = "organisations"
    categories = frozenset({Category.ATTRIBUTION, Category.ORGANISATION_MENTION})
    cost = 5.0

    def __init__(self, catalogue: Catalogue | None = None) -> None:
        self.catalogue = catalogue or Catalogue.load()
        self.matcher = OrganisationMatcher(self.catalogue)

    def detect(self, doc: PreparedDocument) -> list[Signal]:
        view = WordView.of(doc.normalised)
        matches = self.matcher.find(view, doc.text)
        attributions: dict[str, _Found] = {}
        mentions: dict[str, _Found] = {}
        for match in _outermost(matches):
            bucket = attributions if match.info.attribution else mentions
            found = bucket.setdefault(match.info.organisation_key, _Found([], [], []))
            span = view.to_original(match.start, match.end)
            if span not in found.spans:
                found.spans.append(span)
                found.matches.append(match)
            if match.info.name not in found.names:
                found.names.append(match.info.name)
        signals = [self._attribution(key, found) for key, found in attributions.items()]
        for key, found in mentions.items():
            signals.append(self._mention(key, found))
        return signals

    def _designations(self, key: str, names: list[str] | None = None) -> list[dict[str, str]]:
        """The organisation's listings; for a mention, only those that list the name used (the
        US and India list "The Resistance Front" under LeT, the UK does not), unless none does."""
        rows = self.catalogue.by_organisation[key]
        if names:
            wanted = {word_string(normalise(n).text) for n in names}
            naming = [r for r in rows if wanted & _row_forms(r)]
            rows = naming or rows
        return [row.to_evidence() for row in rows]

    def _attribution(self, key: str, found: _Found) -> Signal:
        signatures = [m.info.signature for m in found.matches if m.info.signature is not None]
        verification = "background" if all(s.verification == "background" for s in signatures) else "read"
        organisation = self.catalogue.display_name(key)
        kinds = sorted({s.kind for s in signatures})
        return Signal(
            detector=self.name,
            category=Category.ATTRIBUTION,
            score=ATTRIBUTION_SCORE[verification],
            spans=_merge(found.spans),
            evidence={
                "organisation": organisation,
                "organisation_key": key,
                "matched": found.names,
                "signature_kinds": kinds,
                "signature_sources": sorted({s.source for s in signatures}),
                "signature_verification": verification,
                "designations": self._designations(key),
            },
            explanation=(
                f"{', '.join(kinds)} line attributes the text to {organisation}"
                + (" (signature pattern unverified: background)" if verification == "background" else "")
            ),
        )

    def _mention(self, key: str, found: _Found) -> Signal:
        corroborated_only = all(m.info.ambiguous for m in found.matches)
        organisation = self.catalogue.display_name(key)
        return Signal(
            detector=self.name,
            category=Category.ORGANISATION_MENTION,
            score=CORROBORATED_MENTION_SCORE if corroborated_only else MENTION_SCORE,
            spans=_merge(found.spans),
            evidence={
                "organisation": organisation,
                "organisation_key": key,
                "matched": found.names,
                "ambiguous_alias_only": corroborated_only,
                "designations": self._designations(key, found.names),
            },
            explanation=f"names {organisation} ({len(found.spans)} mention(s))",
        )


def _row_forms(row: Designation) -> set[str]:
    names = (*row.names, canonical_form(row.canonical_name))
    return {word_string(normalise(n).text) for n in names}


def _outermost(matches: list[NameMatch]) -> list[NameMatch]:
    """Drop matches inside a longer match of the same organisation ("media office of X" inside
    "central media office of X") and mentions that overlap the organisation's own sign-off."""
    ordered = sorted(matches, key=lambda m: (not m.info.attribution, m.start, -(m.end - m.start)))
    kept: list[NameMatch] = []
    for match in ordered:
        same_org = [k for k in kept if k.info.organisation_key == match.info.organisation_key]
        inside = any(k.start <= match.start and match.end <= k.end for k in same_org)
        overlaps_signoff = not match.info.attribution and any(
            k.info.attribution and k.start < match.end and match.start < k.end for k in same_org
        )
        if not inside and not overlaps_signoff:
            kept.append(match)
    return kept


def _merge(spans: list[Span]) -> tuple[Span, ...]:
    """Overlapping or touching spans become one, so a sign-off line is shown once."""
    merged: list[Span] = []
    for span in sorted(spans):
        if merged and span.start <= merged[-1].end:
            merged[-1] = Span(merged[-1].start, max(merged[-1].end, span.end))
        else:
            merged.append(span)
    return tuple(merged)


def create(settings: TvecSettings) -> OrganisationsDetector:
    return OrganisationsDetector()
