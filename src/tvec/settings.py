"""Configuration: every knob is a ``TVEC_*`` environment variable (or a keyword argument).

There is no global settings object: the CLI, the service and the Python API each build one and
pass it down, so two scanners with different settings can live in one process.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict, SettingsError

from tvec.errors import ConfigurationError

DEFAULT_DETECTORS: tuple[str, ...] = ("organisations", "banks", "context", "classifier")


def _default_home() -> Path:
    return Path.home() / ".local" / "share" / "tvec"


class TvecSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TVEC_", extra="ignore")

    home: Path = Field(default_factory=_default_home, description="where tvec keeps its state")
    bank_path: Path | None = Field(
        default=None, description="bank database file; default: <home>/bank.sqlite"
    )
    policy_path: Path | None = Field(default=None, description="policy YAML; default: the shipped one")
    jurisdictions: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["UK", "EU"], description="comma-separated, e.g. UK,EU"
    )
    detectors: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: list(DEFAULT_DETECTORS),
        description="detectors to run, by registry name, comma-separated",
    )
    second_stage: bool = Field(
        default=False,
        description=(
            "run the classifier's sentence-encoder stage (tvec[encoder]) on uncertain sentences; off by "
            "default because it costs ~0.1 s per sentence on one core"
        ),
    )
    semantic_stage: bool = Field(
        default=True,
        description=(
            "run the classifier's multilingual semantic stage (multilingual-e5-small heads) on the sentences "
            "the cheap stages cannot decide: every sentence of a non-English text (up to semantic_max_sentences), "
            "uncertain sentences of an English one; ~30 sentences per CPU-second"
        ),
    )
    encoder_threads: int = Field(
        default=1, ge=1, le=256,
        description=(
            "OpenMP threads of the sentence encoder (semantic stage, second stage): 1 is fastest for the few "
            "sentences tvec embeds at a time (a thread per core made each sentence ~40x slower on a 2-core machine)"
        ),
    )
    semantic_max_sentences: int = Field(
        default=16, ge=1, le=10_000,
        description="most sentences per document the semantic stage embeds (the most suspicious first)",
    )
    semantic_english_floor: float = Field(
        default=0.5, ge=0.0, lt=0.85,
        description=(
            "an English sentence goes to the semantic stage when its best n-gram violating score is at least "
            "this (and below 0.85): lower finds more (0.3: English validation recall +3-5 points, false "
            "positives +0.5-1.5 points, about twice the encoder time; 0.0: +7-11 points, +1-4 points, ~15x); "
            "docs/classifier-performance.md, eighth round"
        ),
    )
    bank_threshold: float = Field(
        default=0.5, ge=0.0, le=1.0, description="estimated Jaccard similarity for a near-duplicate match"
    )
    bank_exact_min_words: int = Field(
        default=8,
        ge=1,
        description="exact bank matches need a passage of at least this many words (unless it is the whole document)",
    )
    bank_semantic: bool = Field(
        default=False,
        description="paraphrase matching of bank passages with sentence embeddings (needs tvec[semantic])",
    )
    bank_semantic_threshold: float = Field(
        default=0.92, ge=0.0, le=1.0, description="cosine similarity for a paraphrase bank match (docs/banks.md)"
    )
    bank_tlsh_threshold: int = Field(
        default=115, ge=0, description="TLSH distance (diffxlen) for a match against a TLSH bank entry (docs/banks.md)"
    )
    bank_demote_after: int = Field(
        default=1, ge=1, description="false-positive reports after which a bank entry's matches go to review only"
    )
    cascade_min_cost: float = Field(
        default=100.0,
        description="detectors at least this costly are skipped once cheaper ones already lead to removal",
    )
    max_document_bytes: int = Field(
        default=20 * 1024 * 1024, description="larger documents are rejected with an InputError"
    )

    database_url: str | None = Field(
        default=None,
        description=(
            "SQLAlchemy URL of the service database, e.g. postgresql+psycopg://user:pw@host/db; "
            "default: SQLite (WAL) at <home>/tvec.sqlite"
        ),
    )
    claim_ttl_seconds: int = Field(
        default=900, gt=0, description="how long a reviewer's claim on a case lasts before it lapses"
    )
    removal_order_hours: float = Field(
        default=1.0, gt=0, description="TCO Art. 3(3): hours from receipt of a removal order to the deadline"
    )
    near_due_minutes: int = Field(default=15, ge=0, description="cases this close to their deadline show as near-due")
    retention_days: int = Field(
        default=183, ge=0, description="TCO Art. 6: removed content and its data are preserved this long (6 months)"
    )
    max_request_bytes: int = Field(
        default=25 * 1024 * 1024, gt=0, description="larger HTTP request bodies get 413"
    )
    max_batch_documents: int = Field(default=1000, gt=0, description="documents in one POST /v1/scan batch")
    webhook_max_attempts: int = Field(default=8, gt=0, description="deliveries are given up after this many tries")
    webhook_backoff_seconds: float = Field(
        default=5.0, gt=0, description="first retry delay; doubled each attempt (with jitter)"
    )
    webhook_timeout_seconds: float = Field(default=10.0, gt=0, description="per-attempt HTTP timeout")
    webhook_concurrency: int = Field(
        default=8, ge=1, le=256,
        description="endpoints sent to at once, one attempt each at a time: a target that never "
        "answers holds one of these for a timeout, not the deliveries to the others",
    )
    webhook_allow_private_targets: bool = Field(
        default=False,
        description="let webhooks go to loopback, private, link-local or other non-public addresses "
        "(off: an admin key cannot turn the dispatcher against the service's own network)",
    )
    webhook_on_allow: bool = Field(
        default=True,
        description="send decision.created for automated allow decisions too (every decision is "
        "announced); off: only review and remove decisions of a scan are sent",
    )
    platform_name: str = Field(
        default="tvec", min_length=1, max_length=100,
        description="the platform's name in DSA statements of reasons (their puid starts with it)",
    )
    terms_ground: str = Field(
        default="Terms of service: terrorist and violent extremist content", min_length=1, max_length=500,
        description="the terms-of-service section cited by DSA statements for decisions taken under the terms",
    )
    session_hours: float = Field(default=8.0, gt=0, description="console login session lifetime")
    cookie_secure: bool = Field(default=False, description="mark console cookies Secure (set behind HTTPS)")
    console_break_after_reviews: int = Field(
        default=25, ge=0, description="the console suggests a break after every N decisions in a session (0: never)"
    )

    @field_validator("jurisdictions", "detectors", mode="before")
    @classmethod
    def _comma_separated(cls, value: Any) -> Any:
        """``TVEC_JURISDICTIONS=UK,EU`` (the natural way to write it) as well as a JSON list."""
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                import json

                return json.loads(text)
            return [part.strip() for part in text.split(",") if part.strip()]
        return value

    @field_validator("jurisdictions", mode="after")
    @classmethod
    def _upper_case(cls, value: list[str]) -> list[str]:
        return [v.upper() for v in value]

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.home / 'tvec.sqlite'}"

    @property
    def resolved_bank_path(self) -> Path:
        return self.bank_path if self.bank_path is not None else self.home / "bank.sqlite"


def load_settings(**overrides: Any) -> TvecSettings:
    """Settings from the environment plus ``overrides``, with a bad value reported as a
    :class:`ConfigurationError` naming the variable instead of a pydantic traceback."""
    try:
        return TvecSettings(**overrides)
    except (ValidationError, SettingsError, ValueError) as exc:
        raise ConfigurationError(f"invalid tvec settings (TVEC_* environment variables): {exc}") from exc
