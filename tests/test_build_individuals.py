"""The name rules of scripts/build_individuals.py, on made-up names: which forms of a listed
person's name are safe to match (praise next to an everyday name must not count)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[1] / "scripts" / "build_individuals.py"


@pytest.fixture(scope="module")
def build():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("build_individuals", _PATH)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_surname_first_forms_are_also_given_in_natural_order(build) -> None:  # type: ignore[no-untyped-def]
    assert build._natural_orders("ZORBO Zed Quill") == ["ZORBO Zed Quill", "Zed Quill Zorbo"]
    assert build._split("Zorbo, Zed Quill") == ["Zed Quill Zorbo"]
    assert build._split("Zed Quill Zorbo, Zedd Quil Zorbo") == ["Zed Quill Zorbo", "Zedd Quil Zorbo"]


def test_notes_in_parentheses_and_quotes_are_not_names(build) -> None:  # type: ignore[no-untyped-def]
    assert build._natural_orders('"Zed Quill Zorbo (born in 1970 in Zorbia)"') == ["Zed Quill Zorbo"]
    assert build._natural_orders("Zed Zorbo (born in Zorbia (north") == ["Zed Zorbo"]
    assert build._natural_orders("ZED QUILL ZORBO") == ["Zed Quill Zorbo"]


@pytest.mark.parametrize("name", ["Zorbo", "Zed Zo", "Abu Zorbo", "Ibn Zorbo", "Hafiz Muhammad", "Mohamed Amin Mostafa",
                                  "Zed Zorbo 1970", "محمد أمين مصطفى", "place of birth: Zorbia",
                                  "both documents have been confiscated", "Wilaya of Zorbia"])
def test_everyday_and_ambiguous_names_are_left_out(build, name: str) -> None:  # type: ignore[no-untyped-def]
    assert not build._usable(name)


@pytest.mark.parametrize("name", ["Zed Quill Zorbo", "Abu Zed al-Zorbawi", "Muhammad Zorbo"])
def test_distinctive_names_are_kept(build, name: str) -> None:  # type: ignore[no-untyped-def]
    assert build._usable(name)


def test_a_two_word_alias_needs_a_word_of_the_printed_name(build) -> None:  # type: ignore[no-untyped-def]
    row = {"name": "Zed Quill Zorbo", "alias": "Zedd Zorbo; Big Brother; Quillan Zorbawi Zed"}
    assert build._names(row) == ["Zed Quill Zorbo", "Zedd Zorbo", "Quillan Zorbawi Zed"]


def test_notes_between_aliases_are_not_names(build) -> None:  # type: ignore[no-untyped-def]
    row = {"name": "Zed Quill Zorbo", "alias": 'Zedd Zorbo (date of birth: 1970; place of birth: Zorbia); Quillan Zorbawi Zed'}
    assert build._names(row) == ["Zed Quill Zorbo", "Zedd Zorbo", "Quillan Zorbawi Zed"]


def test_taliban_era_entries_put_the_given_name_first_and_drop_the_title(build) -> None:  # type: ignore[no-untyped-def]
    assert build._split("Zorbo, Zed Quill, Mullah") == ["Zed Quill Zorbo"]
    assert build._split("Zorbo, Zed Quill, Maulavi (Deputy Minister of Zorbian Mines)") == ["Zed Quill Zorbo"]
    assert build._split("Zorbo, Zed Quill, Zedd Quil") == ["Zorbo", "Zed Quill", "Zedd Quil"]


def test_presentation_forms_become_the_letters_the_scanner_compares(build) -> None:  # type: ignore[no-untyped-def]
    import unicodedata

    printed = "\ufe8d\ufe91\ufeee \ufeaf\ufef3\ufeaa"  # Arabic presentation forms
    [name] = build._natural_orders(printed)
    assert name == unicodedata.normalize("NFKC", printed)
    assert not any(0xFB50 <= ord(ch) <= 0xFEFF for ch in name)


@pytest.fixture(scope="module")
def matcher():  # type: ignore[no-untyped-def]
    from tvec.orgs.catalogue import Catalogue
    from tvec.orgs.matcher import OrganisationMatcher

    return OrganisationMatcher(Catalogue.load())


def test_the_organisation_is_the_most_specific_name_first_named(build, matcher) -> None:  # type: ignore[no-untyped-def]
    aqap = build._organisation("Operative of Al-Qaida in the Arabian Peninsula (AQAP); wanted.", matcher)
    assert aqap not in {"", "aq"} and "Arabian Peninsula" in aqap
    assert build._organisation("Leader of the Islamic State in Iraq and the Levant - Khorasan (ISIL-K).", matcher) == "iskp"
    assert build._organisation("Father's name is Zed Zorbo.", matcher) == ""


def _listing(name: str, notes: str = "", date: str = "1.1.2010", alias: str = "") -> dict[str, str]:
    return {"name": name, "alias": alias, "notes": notes, "startDate": date, "schema": "Person"}


def test_build_rows_keeps_sources_fallbacks_and_curated_aliases_apart(build, matcher) -> None:  # type: ignore[no-untyped-def]
    source = ("made-up.csv", "UN|EU", "aq", "a made-up act")
    persons = [
        _listing("Zed Quill Zorbo", "Associated with Al-Qaida in the Arabian Peninsula (AQAP)", alias="Zedd Quil Zorbo"),
        _listing("Quillan Zorbawi Zed"),  # no organisation in the notes: the regime's
        _listing("Zorbawi, Quillan Zedd, Mullah (Deputy Minister of Zorbia)", date=""),  # Taliban-era: skipped
        _listing("Zorbek Quill Zorbawi", date=""),  # old entry without notes or date, no title: fallback kept
        _listing("Zed Quill Zorbo", "printed twice"),
    ]
    curated = [{"name": "Zed Zorbo", "aliases": "Zorbo|Zed Quill Zorbo", "org": "aq", "lists": "UN",
                "verification": "background", "source": "general knowledge", "listing_name": "Zed Quill Zorbo"},
               {"name": "Zorbella Quilly", "aliases": "", "org": "aq", "lists": "US",
                "verification": "background", "source": "general knowledge", "listing_name": ""}]
    rows = build.build_rows([(source, persons)], curated, matcher)
    by_name = {r["name"]: r for r in rows}
    assert list(by_name) == ["Zed Zorbo", "Quillan Zorbawi Zed", "Zorbek Quill Zorbawi", "Zorbella Quilly"]
    linked = by_name["Zed Zorbo"]
    assert linked["verification"] == "dataset" and linked["org"] == "aq"  # the curated row's organisation
    assert linked["aliases"].split("|") == ["Zed Quill Zorbo", "Zedd Quil Zorbo"]  # printed in the listing
    assert linked["background_aliases"].split("|") == ["Zed Zorbo", "Zorbo"]  # not printed there
    assert "unverified" in linked["source"]
    assert "the regime's (aq)" in by_name["Quillan Zorbawi Zed"]["source"]
    assert by_name["Zorbella Quilly"]["verification"] == "background"
