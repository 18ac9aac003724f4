"""``tvec demo``: the README's first command. Scans the bundled demo corpus against a temporary
bank holding the demo's "known item", so a new user sees every built-in detector at work without
preparing anything (and without touching their own bank)."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import click

from tvec.banks.bank import Bank
from tvec.banks.entries import make_entry
from tvec.errors import TvecError
from tvec.ingest import IngestOptions, iter_documents
from tvec.render import make_console, render_table
from tvec.scanner import Scanner
from tvec.settings import DEFAULT_DETECTORS, TvecSettings

DEMO_JURISDICTIONS = ("UK", "EU")


def demo_corpus() -> tuple[list[Path], Path]:
    """The demo documents and the known item, as paths inside the installed package."""
    root = Path(str(resources.files("tvec") / "data" / "demo"))
    documents = sorted(p for p in root.iterdir() if p.is_file() and p.name != "README.md")
    return documents, root / "known" / "demo_known_item.txt"


def demo_settings(
    base: TvecSettings, home: Path, jurisdictions: Sequence[str] = DEMO_JURISDICTIONS
) -> TvecSettings:
    """``base`` with the demo's home, bank, detectors and jurisdictions, everything explicit: the
    user's TVEC_BANK_PATH, policy or detector list must neither change the demo nor receive its
    known item (the database stays the user's TVEC_DATABASE_URL if set, else SQLite in ``home``)."""
    return base.model_copy(
        update={
            "home": home,
            "bank_path": home / "bank.sqlite",
            "policy_path": None,
            "detectors": list(DEFAULT_DETECTORS),
            "jurisdictions": list(jurisdictions),
        }
    )


def seed_demo_bank(settings: TvecSettings, added_by: str = "tvec demo") -> None:
    """Put the demo's known item in the demo bank, so the bank detector has something to match."""
    _, known_item = demo_corpus()
    bank = Bank(settings.resolved_bank_path)
    entry = make_entry(
        known_item.read_text(encoding="utf-8"),
        bank.hasher,
        where=str(known_item),
        entry_id="demo-known-item",
        source="tvec demo corpus",
        added_by=added_by,
    )
    bank.add([entry])


@click.command()
@click.option("--jurisdiction", "-j", default=",".join(DEMO_JURISDICTIONS), show_default=True)
def demo(jurisdiction: str) -> None:
    """Scan the bundled demo corpus (see tvec/data/demo/README.md) and print the table."""
    jurisdictions = [j.strip().upper() for j in jurisdiction.split(",") if j.strip()]
    documents, known_item = demo_corpus()
    console = make_console()
    with tempfile.TemporaryDirectory(prefix="tvec-demo-") as home:
        settings = demo_settings(TvecSettings(), Path(home), jurisdictions)
        seed_demo_bank(settings)
        scanner = Scanner(settings)
        try:
            scanner.engine.check_jurisdictions(jurisdictions)
        except TvecError as exc:
            raise click.UsageError(str(exc)) from exc
        options = IngestOptions(id_field="id", max_document_bytes=settings.max_document_bytes)
        items = list(scanner.scan_many(iter_documents([str(p) for p in documents], options), jurisdictions))
    console.print(f"Demo corpus: {documents[0].parent}")
    console.print(f"Bank: 1 known item ({known_item.name}); policy: {scanner.engine.policy.version_label}")
    render_table(items, jurisdictions, console, relative_to=documents[0].parent)
    console.print(
        "Try: tvec scan PATH --jurisdiction UK,EU   ·   tvec orgs search NAME   ·   tvec scan --help"
    )
