"""The command line as a user meets it: formats, exit status, bad inputs in a mixed run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tvec.cli import main

SIGNED = "Notice of the lecture series.\n\nWritten for the Central Media Office of Hizb ut Tahrir\n"


@pytest.fixture()
def runner(tmp_path, monkeypatch) -> CliRunner:
    monkeypatch.setenv("TVEC_HOME", str(tmp_path / "home"))
    return CliRunner()


def jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_scan_clean_file_exits_zero(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("The library opens at nine on weekdays.", encoding="utf-8")
    result = runner.invoke(main, ["scan", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    [record] = jsonl(result.stdout)
    assert record["source"] == {"path": str(path)}
    assert {d["action"] for d in record["decisions"].values()} == {"allow"}


def test_scan_flagged_exits_one_and_names_evidence(runner, tmp_path):
    path = tmp_path / "signed.txt"
    path.write_text(SIGNED, encoding="utf-8")
    result = runner.invoke(main, ["scan", str(path), "-j", "UK,EU", "--format", "json"])
    assert result.exit_code == 1, result.output
    [record] = json.loads(result.stdout)
    assert record["decisions"]["UK"]["action"] == "review"
    assert record["decisions"]["EU"]["action"] == "allow"
    [attribution] = [s for s in record["signals"] if s["category"] == "attribution"]
    assert attribution["spans"][0]["text"] == "Central Media Office of Hizb ut Tahrir"


def test_table_output(runner, tmp_path):
    path = tmp_path / "signed.txt"
    path.write_text(SIGNED, encoding="utf-8")
    result = runner.invoke(main, ["scan", str(path), "-j", "UK"])
    assert "review" in result.stdout and "Hizb ut-Tahrir" in result.stdout


def test_multi_document_sources_name_rows(runner, tmp_path):
    path = tmp_path / "posts.jsonl"
    rows = [{"id": "p1", "body": "weather is fine"}, {"id": "p2", "body": SIGNED}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    result = runner.invoke(main, ["scan", str(path), "--id-field", "id", "--text-field", "body", "--format", "jsonl", "-j", "UK"])
    assert result.exit_code == 1
    records = jsonl(result.stdout)
    assert [r["document_id"] for r in records] == ["p1", "p2"]
    assert records[1]["source"] == {"path": str(path), "row": 2}


def test_mixed_run_reports_bad_inputs_and_scans_the_rest(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("A note about the bus timetable.", encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"caf\xe9 au lait")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    (folder / "table.csv").write_text("id,body\n1,hello\n", encoding="utf-8")
    (folder / "signed.md").write_text(SIGNED, encoding="utf-8")
    result = runner.invoke(main, ["scan", str(folder), "--format", "jsonl", "-j", "UK"])
    assert result.exit_code == 1  # flagged wins over input errors
    records = jsonl(result.stdout)
    errors = {Path(r["source"]["path"]).name: r["error"] for r in records if "error" in r}
    assert set(errors) == {"bad.txt", "empty.txt", "broken.pdf", "table.csv"}
    assert "byte" in errors["bad.txt"] or "UTF-8" in errors["bad.txt"]
    assert "text" in errors["table.csv"]  # names the missing column
    scanned = {Path(r["source"]["path"]).name for r in records if "decisions" in r}
    assert scanned == {"good.txt", "signed.md"}


def test_only_unreadable_inputs_exit_three(runner, tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\xff\xfe\xfa")
    result = runner.invoke(main, ["scan", str(path)])
    assert result.exit_code == 3
    assert "bad.txt" in result.stdout


def test_unknown_jurisdiction_is_a_usage_error(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("hello there", encoding="utf-8")
    result = runner.invoke(main, ["scan", str(path), "-j", "XX"])
    assert result.exit_code == 2 and "XX" in result.output


def test_malformed_policy_is_a_usage_error_naming_the_file(runner, tmp_path):
    policy = tmp_path / "p.yaml"
    policy.write_text("version: 1\nrules: [\n", encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_text("hello there", encoding="utf-8")
    result = runner.invoke(main, ["scan", str(path), "--policy", str(policy)])
    assert result.exit_code == 2 and "p.yaml" in result.output


def test_detectors_can_be_switched_off(runner, tmp_path):
    path = tmp_path / "signed.txt"
    path.write_text(SIGNED, encoding="utf-8")
    result = runner.invoke(main, ["scan", str(path), "-j", "UK", "--without", "organisations", "--format", "jsonl"])
    assert result.exit_code == 0
    assert jsonl(result.stdout)[0]["signals"] == []


def test_orgs_search(runner):
    result = runner.invoke(main, ["orgs", "search", "Hizb-ut-Tahrir"])
    assert result.exit_code == 0
    for expected in ("UK", "IN", "PK", "2024-01-19", "2003-11-20"):
        assert expected in result.stdout
    urdu = runner.invoke(main, ["orgs", "search", "حزب التحریر"])
    assert urdu.exit_code == 0 and "Hizb ut-Tahrir" in urdu.stdout
    assert runner.invoke(main, ["orgs", "search", "Riverside Knitting Circle"]).exit_code == 1


def test_orgs_search_flags_unverified_rows(runner):
    result = runner.invoke(main, ["orgs", "search", "Tehrik-e-Taliban Pakistan"])
    assert result.exit_code == 0 and "background" in result.stdout and "unverified" in result.stdout


def test_demo_runs(runner):
    result = runner.invoke(main, ["demo"])
    assert result.exit_code == 0, result.output
    assert "announcement_signed.txt" in result.stdout and "repost_of_known_item.txt" in result.stdout


def test_unpaired_surrogate_row_is_an_error_not_a_crash(runner, tmp_path):
    path = tmp_path / "posts.jsonl"
    path.write_text('{"text": "broken \\ud800 emoji"}\n{"text": "fine text here"}\n', encoding="utf-8")
    result = runner.invoke(main, ["scan", str(path), "--format", "jsonl"])
    assert result.exit_code == 3, result.output
    bad, good = jsonl(result.stdout)
    assert "surrogate" in bad["error"] and bad["source"]["location"] == "line 1"
    assert good["decisions"]


def test_wrong_text_field_is_reported_once_per_file(runner, tmp_path):
    path = tmp_path / "posts.jsonl"
    path.write_text("".join(f'{{"body": "post {i}"}}\n' for i in range(50)), encoding="utf-8")
    result = runner.invoke(main, ["scan", str(path), "--format", "jsonl"])
    [error] = jsonl(result.stdout)
    assert "text field 'text'" in error["error"] and "body" in error["error"]


def test_settings_from_environment_are_forgiving_and_checked(runner, tmp_path, monkeypatch):
    path = tmp_path / "signed.txt"
    path.write_text(SIGNED, encoding="utf-8")
    monkeypatch.setenv("TVEC_JURISDICTIONS", "uk,us")
    result = runner.invoke(main, ["scan", str(path), "--format", "jsonl"])
    assert set(jsonl(result.stdout)[0]["decisions"]) == {"UK", "US"}
    monkeypatch.setenv("TVEC_BANK_THRESHOLD", "not-a-number")
    bad = runner.invoke(main, ["scan", str(path)])
    assert bad.exit_code == 2 and "TVEC_" in bad.output and "Traceback" not in bad.output


def test_demo_leaves_the_users_bank_alone(runner, tmp_path, monkeypatch):
    user_bank = tmp_path / "mine.sqlite"
    monkeypatch.setenv("TVEC_BANK_PATH", str(user_bank))
    assert runner.invoke(main, ["demo"]).exit_code == 0
    assert not user_bank.exists()


def test_workers_give_the_same_results_in_the_same_order(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    rows = [{"id": f"p{i}", "text": SIGNED if i % 7 == 0 else f"Post number {i} about the bus timetable."} for i in range(150)]
    rows.insert(40, {"id": "bad"})  # no text: an error row, in place
    (folder / "posts.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\xff\xfe")
    args = ["scan", str(folder), "--id-field", "id", "--format", "jsonl", "-j", "UK,EU", "--detectors", "organisations,banks"]
    one = runner.invoke(main, args)
    two = runner.invoke(main, [*args, "--workers", "2"])
    assert one.exit_code == two.exit_code == 1
    assert jsonl(one.stdout) == jsonl(two.stdout)
    assert len(jsonl(two.stdout)) == 152
