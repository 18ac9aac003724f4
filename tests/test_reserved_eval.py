"""eval/reserved.py, the one-shot measurement on the reserved sets: its pure parts only (sampling,
tallying, snapshot reading, absent sets, the report never holding text), on tiny made-up inputs.
No reserved dataset is read here and no Scanner is loaded."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "eval" / "reserved.py"


@pytest.fixture(scope="module")
def reserved():
    spec = importlib.util.spec_from_file_location("reserved_eval", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["reserved_eval"] = module  # dataclasses resolve their module by name
    spec.loader.exec_module(module)
    return module


def _items(reserved, group: str, side: str, n: int, lang: str = "xx", func: str = ""):
    return [
        reserved.Item(
            "mhc", f"{group}-{side}-{i}", f"made-up sentence {group} {side} {i}", group, side, lang, func
        )
        for i in range(n)
    ]


def test_stratified_sample_caps_each_stratum_and_is_seeded(reserved):
    items = (
        _items(reserved, "a", "hateful", 50)
        + _items(reserved, "a", "non-hateful", 3)
        + _items(reserved, "b", "hateful", 20)
    )
    sample = reserved.stratified_sample(items, 5)
    by_stratum: dict[tuple, int] = {}
    for item in sample:
        by_stratum[item.stratum] = by_stratum.get(item.stratum, 0) + 1
    assert by_stratum == {
        ("a", "hateful", "xx", ""): 5,
        ("a", "non-hateful", "xx", ""): 3,
        ("b", "hateful", "xx", ""): 5,
    }
    assert sample == reserved.stratified_sample(items, 5)  # same seed, same rows
    assert [i for i in sample if i.group == "a"] == [
        i for i in reserved.stratified_sample(items[:53], 5)
    ]  # per stratum
    assert reserved.stratified_sample(items, None) == items
    assert [items.index(i) for i in sample] == sorted(items.index(i) for i in sample)  # input order kept


def test_scan_tally_dedupes_texts_and_survives_errors(reserved):
    items = [
        reserved.Item("conan", str(i), text, "G", side, "en")
        for i, (text, side) in enumerate(
            [("alpha", "cn"), ("alpha", "cn"), ("beta", "cn"), ("boom", "cn"), ("gamma", "hs")]
        )
    ]
    calls: list[str] = []

    def decide(doc_id: str, text: str):
        calls.append(text)
        if text == "boom":
            raise RuntimeError("a detector fell over")
        flagged = text in ("alpha", "gamma")
        return reserved.Verdict(
            flagged, text == "gamma", "rule-x" if flagged else "", ("det",) if flagged else ()
        )

    verdicts, distinct, errors = reserved.scan_items(items, decide)
    assert calls == ["alpha", "beta", "boom", "gamma"] and distinct == 4 and errors == 1
    by = reserved.tally(items, verdicts, lambda i: i.side)
    assert (by["cn"].n, by["cn"].flagged, by["cn"].removed) == (4, 2, 0)
    assert (by["hs"].n, by["hs"].flagged, by["hs"].removed) == (1, 1, 1)
    assert reserved.rules_of(items, verdicts, lambda i: i.side == "cn") == {"rule-x (det)": 2}
    assert reserved.cell(by["cn"]) == "50.0% (2/4)"
    assert reserved.cell(None) == "-"


def test_metrics_languages_and_buckets(reserved):
    m = reserved.binary_metrics(tp=8, fn=2, fp=1, tn=9)
    assert (
        m["rec"] == pytest.approx(0.8)
        and m["fpr"] == pytest.approx(0.1)
        and m["f1"] == pytest.approx(16 / 19)
    )
    assert reserved.binary_metrics(0, 0, 0, 0)["f1"] == 0.0
    assert reserved.conan_lang("FRT1ST0001HS0001CN000001") == "fr"
    assert reserved.conan_lang("ITT1ST0001HS0001CN000001T1") == "en (from it)"
    assert reserved.conan_lang("ENT1ST0001HS0001CN000001P2") == "en"
    item = reserved.Item("mhc", "1", "x", "xx", "hateful", "xx", "threat_dir_h")
    assert reserved.mhc_bucket(item) == ["hateful", "threat"]
    assert reserved.mhc_bucket(
        reserved.Item("mhc", "2", "x", "xx", "non-hateful", "xx", "counter_ref_nh")
    ) == ["non-hateful"]


def _fake_mhc(root: Path) -> None:
    folder = root / "MHC Final Cases"
    folder.mkdir(parents=True)
    (folder / "hatecheck_cases_final_dutch.csv").write_text(
        "mhc_case_id,functionality,test_case,label_gold\n"
        "dutch-1,threat_dir_h,placeholder words one,hateful\n"
        "dutch-2,counter_ref_nh,placeholder words two,non-hateful\n"
        "dutch-3,derog_dehum_h,,hateful\n",  # an empty case is left out
        encoding="utf-8",
    )


def test_absent_sets_are_skipped_and_folders_read(reserved, tmp_path: Path):
    run = reserved.prepare("conan", tmp_path / "nowhere", None)
    assert not run.available and "not found" in run.reason
    empty = reserved.prepare("alfifi", tmp_path, None)  # a folder, but not the set
    assert not empty.available
    _fake_mhc(tmp_path / "mhc")
    mhc = reserved.prepare("mhc", tmp_path / "mhc", None)
    assert mhc.available and [i.id for i in mhc.items] == ["dutch-1", "dutch-2"]
    assert any("arabic: not available" in n for n in mhc.loaded.notes)


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_bare_git_snapshot_is_read_at_head(reserved, tmp_path: Path):
    work = tmp_path / "work"
    _fake_mhc(work)
    env = ["-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q", str(work)], check=True)
    subprocess.run(["git", "-C", str(work), "add", "-A"], check=True)
    subprocess.run(["git", *env, "-C", str(work), "commit", "-q", "-m", "synthetic"], check=True)
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(tmp_path / "mirror" / "repo")], check=True)
    snap = reserved.Snapshot.open(tmp_path / "mirror")  # the mirror folder resolves to its git dir
    assert snap.bare and len(snap.commit) == 40
    assert snap.files("MHC Final Cases") == ["MHC Final Cases/hatecheck_cases_final_dutch.csv"]
    got = snap.read_many(["MHC Final Cases/hatecheck_cases_final_dutch.csv", "missing.csv"])
    assert list(got) == ["MHC Final Cases/hatecheck_cases_final_dutch.csv"]
    assert len(reserved.load_mhc(snap).items) == 2


def test_report_holds_counts_not_text(reserved, tmp_path: Path):
    _fake_mhc(tmp_path / "mhc")
    runs = {
        "alfifi": reserved.prepare("alfifi", tmp_path / "absent", None),
        "conan": reserved.prepare("conan", tmp_path / "absent", None),
        "mhc": reserved.prepare("mhc", tmp_path / "mhc", None),
    }
    runs["mhc"].verdicts = [reserved.Verdict(True, False, "rule-x", ("det",)), reserved.Verdict(False, False)]
    runs["mhc"].distinct = 2
    report, results = reserved.build_report(runs, None, 1.0, None, "2000-01-01 00:00")
    text = reserved.to_markdown(report)
    assert "placeholder words" not in text
    assert "Not available" in text and "100.0% (1/1)" in text
    assert results["mhc"]["dutch"]["threat"] == 1.0 and results["mhc"]["dutch"]["non-hateful"] == 0.0
    assert results["alfifi"] == {} and results["conan"] == {}
