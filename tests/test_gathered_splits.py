"""The gathered datasets' split rule: own test splits are kept, and every dataset ends with
train, validation and test rows so thresholds can be calibrated per language."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from tvec.training.gathered import load_gathered


def _write(root: Path, name: str, rows: list[tuple[str, str]]) -> None:
    folder = root / "data" / "extra" / name
    folder.mkdir(parents=True)
    lines = ["text\tlabel\tlang\tsplit\tsource_label"]
    lines += [f"{text}\tneutral\ten\t{split}\tx" for text, split in rows]
    (folder / "normalised.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_dataset_with_only_a_test_split_gives_a_tenth_of_train_to_validation(tmp_path) -> None:
    rows = [(f"a generic sentence number {i}", "train") for i in range(2000)]
    rows += [(f"a held out sentence number {i}", "test") for i in range(200)]
    _write(tmp_path, "only-test", rows)
    counts = Counter(r.split for r in load_gathered(tmp_path))
    assert counts["test"] == 200  # the dataset's own test split, untouched
    assert 0.06 < counts["validation"] / 2000 < 0.14 and counts["train"] + counts["validation"] == 2000
    # stable: the same rows go to validation every time
    again = {r.text for r in load_gathered(tmp_path) if r.split == "validation"}
    assert again == {r.text for r in load_gathered(tmp_path) if r.split == "validation"}


def test_dev_and_test_keep_their_roles_and_train_stays_train(tmp_path) -> None:
    rows = [(f"train row {i}", "train") for i in range(100)] + [("dev row", "dev"), ("test row", "test")]
    _write(tmp_path, "dev-and-test", rows)
    split_of = {r.text: r.split for r in load_gathered(tmp_path)}
    assert split_of["dev row"] == "validation" and split_of["test row"] == "test"
    assert {split_of[f"train row {i}"] for i in range(100)} == {"train"}


def test_a_dataset_without_splits_is_hashed_80_10_10(tmp_path) -> None:
    _write(tmp_path, "no-splits", [(f"unsplit row {i}", "train") for i in range(2000)])
    counts = Counter(r.split for r in load_gathered(tmp_path))
    assert set(counts) == {"train", "validation", "test"} and counts["train"] > counts["test"]


def test_a_gathered_dataset_trains_the_first_stage_on_its_own_categories_only(tmp_path) -> None:
    from tvec.training.data import available_datasets, load_dataset

    folder = tmp_path / "data" / "extra" / "blp2023-vitd"
    folder.mkdir(parents=True)
    lines = ["text\tlabel\tlang\tsplit\tsource_label",
             "a generic sentence one\tincitement\tbn\ttrain\tdirect",
             "a generic sentence two\tneutral\tbn\ttrain\tnone",
             "a generic sentence three\tabuse\tbn\ttrain\tpassive",
             "a generic sentence four\tglorification\tbn\ttrain\tother"]
    (folder / "normalised.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = {r.text: r for r in load_dataset("blp2023-vitd", tmp_path)}
    assert rows["a generic sentence one"].labels == {"incitement": 1}
    assert rows["a generic sentence two"].labels == {"incitement": 0}
    assert rows["a generic sentence three"].labels == {"incitement": 0}  # abuse is not flagged
    assert "a generic sentence four" not in rows  # a label this dataset's mapping does not cover
    assert rows["a generic sentence one"].lang == "bn"
    # gathered sets absent on a fresh machine are skipped by default; shared ones are not
    names = available_datasets(tmp_path)
    assert "blp2023-vitd" in names and "germeval2026-harmful" not in names and "hatexplain" in names


def test_the_shipped_first_stage_leaves_out_the_urdu_threat_set() -> None:
    from tvec.training.data import DATASETS

    assert not DATASETS["urdu-threat-fire2022"].default_training
    assert DATASETS["blp2023-vitd"].default_training
