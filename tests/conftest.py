"""Shared fixtures. ``../shared`` (seeds, policy reference data, datasets) is used when present
and the tests that need it are skipped otherwise, so the package itself never depends on it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    return Path(os.environ.get("TVEC_SHARED_DIR", REPO_ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_dir()
    if not path.is_dir():
        pytest.skip(f"{path} not present")
    return path


@pytest.fixture()
def settings(tmp_path: Path):
    from tvec.settings import TvecSettings

    return TvecSettings(home=tmp_path / "tvec-home")
