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
