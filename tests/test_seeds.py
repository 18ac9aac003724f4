"""The five seed documents (read from ../shared/seeds, never copied): right verdicts, right reasons.

Two independent reasons each suffice: the organisations detector (the texts' own sign-offs and the
organisation's UK proscription) and the classifier (calls on the armed forces to wage war and to
seize power). The tests run each on its own and together, and check what must NOT be the reason:
with the classifier off, the EU (where the organisation is not designated) allows all five, and
the legitimate texts, which speak of Kashmir, jihad and the armed forces too, are always allowed.
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


def make_scanner(tmp_path_factory, detectors: list[str]) -> Scanner:
    from tvec.settings import TvecSettings

    return Scanner(TvecSettings(home=tmp_path_factory.mktemp("home"), detectors=detectors))


@pytest.fixture(scope="module")
def scanner(tmp_path_factory) -> Scanner:
    return make_scanner(tmp_path_factory, ["organisations", "banks", "context", "classifier"])


@pytest.fixture(scope="module")
def organisations_only(tmp_path_factory) -> Scanner:
    return make_scanner(tmp_path_factory, ["organisations", "banks"])


@pytest.fixture(scope="module")
def classifier_only(tmp_path_factory) -> Scanner:
    return make_scanner(tmp_path_factory, ["banks", "context", "classifier"])


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


def test_organisation_evidence_alone_is_jurisdiction_scoped(shared, organisations_only):
    for row in seed_rows(shared):
        text = (shared / "seeds" / row["file"]).read_text(encoding="utf-8")
        result = organisations_only.scan(Document(row["file"], text), ["UK", "EU"])
        assert result.decision("EU").action is Action.ALLOW, (row["file"], result.decision("EU").rationale)
        assert (result.decision("UK").action is Action.REVIEW) == (row["label"] == "violating")


def test_classifier_alone_finds_the_calls_on_the_armed_forces(shared, classifier_only):
    """With the organisations detector off, the classifier itself gives insurrection and
    incitement, and its evidence is the sentences addressed to the armed forces."""
    for row in seed_rows(shared):
        text = (shared / "seeds" / row["file"]).read_text(encoding="utf-8")
        result = classifier_only.scan(Document(row["file"], text), ["UK"])
        decision = result.decision("UK")
        if row["label"] != "violating":
            assert decision.action is Action.ALLOW, (row["file"], decision.rationale)
            continue
        assert decision.action is not Action.ALLOW
        found = {str(s.category): s for s in result.signals if s.detector == "classifier"}
        for category in ("insurrection", "incitement"):
            assert found[category].score >= 0.5, (row["file"], category)
        calls = [item for c in ("insurrection", "incitement") for item in found[c].evidence["sentences"] if item.get("cues")]
        assert any(call["cues"].get("addressee_kind") == "armed" for call in calls), (row["file"], calls)
        for call in calls:  # each call's span lies inside one of the signal's evidence sentences
            span = call["call_span"]
            assert text[span["start"] : span["end"]].strip()


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
