"""The organisations detector and catalogue: names in any script, sign-offs, ambiguity, time."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from tvec.dates import parse_partial_date
from tvec.detectors.base import PreparedDocument
from tvec.detectors.organisations import OrganisationsDetector
from tvec.orgs.catalogue import Catalogue
from tvec.types import Category, Document


@pytest.fixture(scope="module")
def detector() -> OrganisationsDetector:
    return OrganisationsDetector()


def detect(detector: OrganisationsDetector, text: str):
    return detector.detect(PreparedDocument(Document("t", text)))


def by_category(signals, category):
    return [s for s in signals if s.category == category]


def test_shipped_catalogue_has_every_reference_row(shared):
    with (shared / "policy" / "proscribed_orgs.csv").open(newline="", encoding="utf-8") as fh:
        reference = list(csv.DictReader(fh))
    catalogue = Catalogue.load()
    assert len(catalogue.designations) == len(reference)
    shipped = {(d.list, d.canonical_name) for d in catalogue.designations}
    assert shipped == {(r["jurisdiction"], r["canonical_name"]) for r in reference}
    revoked = [d for d in catalogue.designations if d.status == "revoked"]
    assert revoked and all(d.date_revoked for d in revoked)


def test_signoff_is_attribution_with_exact_span(detector):
    text = "Some announcement.\n\nWritten for the Central Media Office of Hizb ut Tahrir by\nA. Writer"
    signals = detect(detector, text)
    [attribution] = by_category(signals, Category.ATTRIBUTION)
    assert attribution.evidence["organisation"] == "Hizb ut-Tahrir"
    [span] = attribution.spans
    assert text[span.start : span.end] == "Central Media Office of Hizb ut Tahrir"
    lists = {d["list"] for d in attribution.evidence["designations"]}
    assert lists == {"UK", "IN", "PK"}
    assert not by_category(signals, Category.ORGANISATION_MENTION)  # the name inside the sign-off


def test_issuing_office_line_with_odd_spacing(detector):
    text = "Hizb ut Tahrir/ Wilayah Pakistan demands that the office publish its accounts."
    [attribution] = by_category(detect(detector, text), Category.ATTRIBUTION)
    span = attribution.spans[0]
    assert text[span.start : span.end] == "Hizb ut Tahrir/ Wilayah"


def test_plain_mention_is_not_attribution(detector):
    text = "Police said two men were charged with membership of the banned group Lashkar-e-Taiba."
    signals = detect(detector, text)
    assert not by_category(signals, Category.ATTRIBUTION)
    [mention] = by_category(signals, Category.ORGANISATION_MENTION)
    assert text[mention.spans[0].start : mention.spans[0].end] == "Lashkar-e-Taiba"
    assert mention.score >= 0.8


@pytest.mark.parametrize(
    "text",
    [
        "We sat in a hut by the sea.",
        "The HM and the PA attended the ceremony.",
        "I visited the base camp and the base of the mountain.",
        "Wilayah is an Arabic word for a province.",
        "The TRF value is computed by the script.",
        "HM Treasury said the banned group would be fined.",
    ],
)
def test_ambiguous_short_aliases_need_corroboration(detector, text):
    assert detect(detector, text) == []


def test_short_alias_counts_with_context(detector):
    text = "Officials said the banned outfit TRF claimed the attack."
    [mention] = detect(detector, text)
    assert mention.evidence["ambiguous_alias_only"] is True
    # TRF is listed (as an LeT front) by the US and India, not by the UK
    assert {d["list"] for d in mention.evidence["designations"]} == {"US", "IN"}


def test_acronym_must_be_written_in_capitals(detector):
    assert detect(detector, "the banned group hut met") == []
    assert detect(detector, "the banned group HuT met")


@pytest.mark.parametrize("text", ["بیان حزب التحریر", "وحزب التحرير", "بيان حزب التحرير"])
def test_arabic_and_urdu_names(detector, text):
    [mention] = detect(detector, text)
    assert mention.evidence["organisation_key"] == "hut"


def test_word_boundaries(detector):
    assert detect(detector, "Hamasville is a fictional town.") == []
    assert detect(detector, "Al-Qaedaism is not a word.") == []


def test_same_organisation_across_lists_is_one(detector):
    [mention] = detect(detector, "A report on the Abu Sayyaf Group was published.")
    assert {d["list"] for d in mention.evidence["designations"]} >= {"UK", "US"}


def test_designation_dates_are_time_aware():
    catalogue = Catalogue.load()
    uk_hut = next(d for d in catalogue.by_organisation["hut"] if d.list == "UK")
    assert not uk_hut.in_force(dt.date(2023, 12, 31))
    assert uk_hut.in_force(dt.date(2024, 2, 1))
    hts = next(d for d in catalogue.designations if d.list == "UK" and d.canonical_name.startswith("Hay'at Tahrir"))
    assert hts.in_force(dt.date(2020, 1, 1)) and not hts.in_force(dt.date(2026, 1, 1))


def test_partial_dates():
    assert parse_partial_date("2001-03") == dt.date(2001, 3, 1)
    assert parse_partial_date("2001-03", end_of_period=True) == dt.date(2001, 3, 31)
    assert parse_partial_date("2017", end_of_period=True) == dt.date(2017, 12, 31)
    assert parse_partial_date("pre-2000") is None


@pytest.mark.parametrize(
    "text, organisation_key",
    [
        ("Hezbollah's statement was read out.", "hezbollah"),
        ("Al-Qaeda's leader was named.", "aq"),
        ("Lashkar-e-Taiba's leaders were charged.", "let"),
    ],
)
def test_possessive_names_are_found(detector, text, organisation_key):
    assert [s.evidence["organisation_key"] for s in detect(detector, text)] == [organisation_key]


@pytest.mark.parametrize(
    "text",
    [
        "Iran is an Islamic state with an elected parliament.",
        "We walked the shining path along the cliffs.",
        "The Red Army choir performed in Paris.",
    ],
)
def test_ordinary_phrases_are_not_names(detector, text):
    assert detect(detector, text) == []


def test_capitalised_name_still_counts(detector):
    [mention] = detect(detector, "Islamic State fighters were reported near the town.")
    assert mention.category == Category.ORGANISATION_MENTION


def test_many_repeats_stay_fast(detector):
    import time

    text = "Written for the Central Media Office of Hizb ut Tahrir. " * 3000 + "Hizb ut Tahrir. " * 3000
    started = time.perf_counter()
    signals = detect(detector, text)
    assert time.perf_counter() - started < 20  # was minutes when the de-duplication was quadratic
    assert {s.category for s in signals} == {Category.ATTRIBUTION, Category.ORGANISATION_MENTION}
