"""The five seed documents (read from ../shared/seeds, never copied): right verdicts, right reasons.

Without the classifier (a later issue), the three Hizb ut-Tahrir texts are caught by their own
sign-offs and the organisation's UK proscription; the two legitimate texts stay up. The test also
checks what must NOT be the reason: the EU, where the organisation is not designated, allows all
five, which shows the verdict comes from the designation and the sign-off, not from words like
Kashmir, jihad or Khilafah.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tvec.cli import main
from tvec.scanner import Scanner
from tvec.types import Action, Category, Document


def seed_rows(shared: Path) -> list[dict[str, str]]:
    with (shared / "seeds" / "labels.tsv").open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


@pytest.fixture(scope="module")
def scanner(tmp_path_factory) -> Scanner:
    from tvec.settings import TvecSettings

    return Scanner(TvecSettings(home=tmp_path_factory.mktemp("home")))


def test_seed_verdicts_uk(shared, scanner):
    for row in seed_rows(shared):
        path = shared / "seeds" / row["file"]
        result = scanner.scan(Document(row["file"], path.read_text(encoding="utf-8")), ["UK"])
        decision = result.decision("UK")
        if row["label"] == "violating":
            assert decision.action is not Action.ALLOW, row["file"]
            attributions = [s for s in result.signals if s.category == Category.ATTRIBUTION]
            assert attributions, f"{row['file']}: no attribution signal"
            assert attributions[0].evidence["organisation"] == "Hizb ut-Tahrir"
            quoted = [result.document.text[s.start : s.end] for s in attributions[0].spans]
            assert any("Hizb ut Tahrir" in q for q in quoted), quoted
            assert "Hizb ut-Tahrir" in decision.rationale
            assert Category.PROSCRIBED_SUPPORT in decision.categories
        else:
            assert decision.action is Action.ALLOW, (row["file"], decision.rationale)


def test_seed_signoff_spans(shared, scanner):
    """The evidence is the sign-off line itself, at its exact place in the original text."""
    expected = {
        "001_c0d79d58cd0580c8.txt": "Central Media Office of Hizb ut Tahrir",
        "002_bdc1a2c241f1bec3.txt": "Central Media Office of Hizb ut Tahrir",
        "000_a09e571b40e8c81e.txt": "Hizb ut Tahrir/ Wilayah",
    }
    for name, phrase in expected.items():
        text = (shared / "seeds" / name).read_text(encoding="utf-8")
        result = scanner.scan(Document(name, text), ["UK"])
        spans = [sp for s in result.signals if s.category == Category.ATTRIBUTION for sp in s.spans]
        assert any(text[sp.start : sp.end] == phrase for sp in spans), [text[sp.start : sp.end] for sp in spans]


def test_seeds_not_flagged_where_organisation_not_designated(shared, scanner):
    for row in seed_rows(shared):
        text = (shared / "seeds" / row["file"]).read_text(encoding="utf-8")
        decision = scanner.scan(Document(row["file"], text), ["EU"]).decision("EU")
        assert decision.action is Action.ALLOW, (row["file"], decision.rationale)


def test_cli_on_seeds(shared, tmp_path, monkeypatch):
    monkeypatch.setenv("TVEC_HOME", str(tmp_path))
    files = sorted(str(p) for p in (shared / "seeds").glob("0*.txt"))
    result = CliRunner().invoke(main, ["scan", *files, "--jurisdiction", "UK", "--format", "jsonl"])
    assert result.exit_code == 1, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    verdicts = {Path(r["source"]["path"]).name: r["decisions"]["UK"]["action"] for r in records}
    labels = {row["file"]: row["label"] for row in seed_rows(shared)}
    for name, label in labels.items():
        assert (verdicts[name] != "allow") == (label == "violating"), (name, verdicts[name])
