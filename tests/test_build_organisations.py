"""The shipped organisation list is what scripts/build_organisations.py makes of the reference list."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _build_module():
    spec = importlib.util.spec_from_file_location("build_organisations", REPO / "scripts" / "build_organisations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_list_is_rebuilt_byte_for_byte(shared: Path, tmp_path: Path) -> None:
    source = shared / "policy" / "proscribed_orgs.csv"
    if not source.is_file():
        pytest.skip(f"{source} not present")
    target = tmp_path / "organisations.csv"
    _build_module().build(source, target)
    assert target.read_bytes() == (REPO / "src" / "tvec" / "data" / "organisations.csv").read_bytes()


def test_script_aliases_say_they_are_unverified() -> None:
    module = _build_module()
    row = {"group_key": "hut", "aliases": "Hizb ut Tahrir", "notes": "Listed."}
    module.add_script_aliases(row)
    added = row["aliases"].split("|")[1:]
    assert added == list(module.SCRIPT_ALIASES["hut"])
    assert row["notes"].startswith("Listed. [") and f"(unverified): {len(added)}]" in row["notes"]
    again = dict(row)
    module.add_script_aliases(again)
    assert again == row  # nothing is added twice
