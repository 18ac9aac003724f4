"""Configuration: every knob is a ``TVEC_*`` environment variable (or a keyword argument).

There is no global settings object: the CLI, the service and the Python API each build one and
pass it down, so two scanners with different settings can live in one process.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_home() -> Path:
    return Path.home() / ".local" / "share" / "tvec"


class TvecSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TVEC_", extra="ignore")

    home: Path = Field(default_factory=_default_home, description="where tvec keeps its state")
    bank_path: Path | None = Field(
        default=None, description="bank database file; default: <home>/bank.sqlite"
    )
    policy_path: Path | None = Field(default=None, description="policy YAML; default: the shipped one")
    jurisdictions: list[str] = Field(default_factory=lambda: ["UK", "EU"])
    detectors: list[str] = Field(
        default_factory=lambda: ["organisations", "banks"],
        description="detectors to run, by registry name",
    )
    bank_threshold: float = Field(
        default=0.5, ge=0.0, le=1.0, description="estimated Jaccard similarity for a near-duplicate match"
    )
    cascade_min_cost: float = Field(
        default=100.0,
        description="detectors at least this costly are skipped once cheaper ones already lead to removal",
    )
    max_document_bytes: int = Field(
        default=20 * 1024 * 1024, description="larger documents are rejected with an InputError"
    )

    @property
    def resolved_bank_path(self) -> Path:
        return self.bank_path if self.bank_path is not None else self.home / "bank.sqlite"
