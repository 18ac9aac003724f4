"""Label mappings, splits and deduplication of the training corpus.

The mapping and dedup rules are tested on made-up rows; the readers are checked against a few
rows of the real files when ../shared is present (no dataset text is copied here)."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from tvec.errors import InputError
from tvec.training import labels as L
from tvec.training.data import (
    DATASETS,
    LabelledText,
    _resolve_split,
    deduplicate,
    load_corpus_keyed,
    load_dataset,
    normalised_key,
)

INC, DEH, NEWS, CS, GLO = L.INCITEMENT, L.DEHUMANISATION, L.NEWS_REPORTING, L.COUNTER_SPEECH, L.GLORIFICATION


# -- mappings ------------------------------------------------------------------------------------


def test_offensive_is_not_hate_anywhere() -> None:
    assert L.map_hatexplain("offensive") == {DEH: 0, NEWS: 0}
    assert L.map_davidson(1)[DEH] == 0
    assert L.map_l_hsab("abusive") == {DEH: 0}
    assert L.map_ruhsold(0) == {DEH: 0} and L.map_ruhsold(4) == {DEH: 0}
    assert L.map_constraint_hindi("offensive,defamation") == {DEH: 0}


def test_hate_classes_map_to_dehumanisation() -> None:
    assert L.map_hatexplain("hatespeech")[DEH] == 1
    assert L.map_davidson(0)[DEH] == 1
    assert L.map_stormfront("hate")[DEH] == 1
    assert L.map_ruhsold(2) == {DEH: 1}
    assert L.map_l_hsab("hate") == {DEH: 1}
    assert L.map_constraint_hindi("defamation,hate")[DEH] == 1
    assert L.map_osact2022("HS3", "NOT_VIO") == {DEH: 1, INC: 0}


def test_gab_columns() -> None:
    assert L.map_gab_hate_corpus(hd=0, cv=1) == {DEH: 0, INC: 1, NEWS: 0}
    assert L.map_gab_hate_corpus(hd=1, cv=0) == {DEH: 1, INC: 0, NEWS: 0}


def test_incitement_sources() -> None:
    assert L.map_osact2022("NOT_HS", "VIO") == {DEH: 0, INC: 1}
    assert L.map_implicit_hate("implicit_hate", "threatening") == {DEH: 1, INC: 1, NEWS: 0}
    # stage-2 "incitement" is promotion of hate groups, not a call to violence
    assert L.map_implicit_hate("implicit_hate", "incitement")[INC] == 0
    assert INC not in L.map_implicit_hate("explicit_hate", None)
    assert INC not in L.map_implicit_hate("implicit_hate", None)


def test_neutral_classes_are_negative_for_incitement_only_where_said() -> None:
    assert L.map_davidson(2) == {DEH: 0, INC: 0, NEWS: 0}
    assert L.map_hatexplain("normal")[INC] == 0
    assert INC not in L.map_hatexplain("hatespeech")  # unknown, not negative
    assert L.map_constraint_hindi("non-hostile") == {DEH: 0, INC: 0}


def test_news_is_news_and_violates_nothing() -> None:
    labels = L.map_news_neutral("world")
    assert labels[NEWS] == 1
    assert all(labels[c] == 0 for c in L.VIOLATING)
    assert set(L.VIOLATING) == {"incitement", "insurrection", "glorification", "dehumanisation",
                                "proscribed_support", "recruitment"}


def test_counter_speech_mapping() -> None:
    assert L.map_counterspeech_reddit(2) == {CS: 1, NEWS: 0}
    assert L.map_counterspeech_reddit(1) == {CS: 0, NEWS: 0}
    assert L.map_counterspeech_reddit(0) == {CS: 0, NEWS: 0}
    assert L.map_counterspeech_reddit(7) is None


def test_eval_only_mappings() -> None:
    assert L.map_dghs("hate", "threatening") == {DEH: 1, INC: 1}
    assert L.map_dghs("hate", "dehumanization") == {DEH: 1, INC: 0}
    assert L.map_dghs("hate", "support") == {GLO: 1}
    assert L.map_dghs("nothate", "none") == {DEH: 0, INC: 0, GLO: 0}
    assert L.map_hatecheck("threat_dir_h", "hateful") == {DEH: 1, INC: 1}
    assert L.map_hatecheck("derog_dehum_h", "hateful") == {DEH: 1, INC: 0}
    assert L.map_hatecheck("spell_leet_h", "hateful", "threat_norm_h") == {DEH: 1, INC: 1}
    assert L.map_hatecheck("counter_quote_nh", "non-hateful") == {DEH: 0, INC: 0, CS: 1}
    assert DATASETS["dghs"].eval_only and DATASETS["hatecheck"].eval_only


def test_dropped_labels() -> None:
    assert L.map_stormfront("relation") is None
    assert L.map_stormfront("idk/skip") is None
    assert L.map_ruhsold(3) is None  # sexism: deliberately not mapped


def test_merge_labels_conflicts_become_unknown() -> None:
    assert L.merge_labels({DEH: 1, INC: 0}, {DEH: 0, NEWS: 0}) == {INC: 0, NEWS: 0}
    assert L.merge_labels({DEH: 1}, {DEH: 1}) == {DEH: 1}


def test_every_mapping_is_documented() -> None:
    for spec in DATASETS.values():
        assert spec.mapping.__doc__ and "|" in spec.mapping.__doc__, spec.name


# -- splits and deduplication -------------------------------------------------------------------


def test_hash_split_is_stable_and_roughly_80_10_10() -> None:
    keys = [f"sentence number {i} about the weather" for i in range(3000)]
    first = [_resolve_split("hash3", k) for k in keys]
    assert first == [_resolve_split("hash3", k) for k in keys]
    counts = Counter(first)
    assert 0.75 < counts["train"] / 3000 < 0.85
    assert 0.07 < counts["test"] / 3000 < 0.13
    assert {_resolve_split("hash2", k) for k in keys} == {"train", "validation"}
    assert _resolve_split("test", "anything") == "test"
    with pytest.raises(ValueError):
        _resolve_split("hash9", "x")


def _row(text: str, split: str, labels: dict[str, int], dataset: str = "a") -> tuple[LabelledText, str]:
    return LabelledText(text, labels, dataset, split, "en", "x"), normalised_key(text)


def test_dedup_removes_test_texts_from_train_everywhere() -> None:
    rows = [
        _row("The council met on Tuesday.", "test", {DEH: 0}, "a"),
        _row("the COUNCIL met on tuesday", "train", {DEH: 0}, "b"),  # same text, other dataset
        _row("The council met on Tuesday!", "validation", {DEH: 0}, "a"),
        _row("A new bridge opened.", "validation", {DEH: 0}, "a"),
        _row("A new bridge   opened", "train", {DEH: 0}, "a"),
        _row("Group X held a picnic.", "train", {DEH: 0, INC: 0}, "a"),
        _row("group x held a picnic", "train", {DEH: 1, NEWS: 0}, "b"),
    ]
    kept, report = deduplicate(rows)
    texts = {(r.split, k) for r, k in kept}
    test_keys = {k for r, k in kept if r.split == "test"}
    assert not any(k in test_keys for r, k in kept if r.split != "test")
    validation_keys = {k for r, k in kept if r.split == "validation"}
    assert not any(k in validation_keys for r, k in kept if r.split == "train")
    assert ("train", normalised_key("Group X held a picnic.")) in texts
    picnic = next(r for r, k in kept if k == normalised_key("Group X held a picnic."))
    assert dict(picnic.labels) == {INC: 0, NEWS: 0}  # DEH conflicted -> unknown
    assert sum(report.in_test.values()) == 2
    assert sum(report.in_validation.values()) == 1
    assert sum(report.collapsed.values()) == 1
    assert report.total_removed() == 4
    assert "| a | train |" in report.table()


def test_dedup_keeps_eval_suites_whole_but_holds_them_out() -> None:
    rows = [
        _row("I dislike rainy days.", "test", {DEH: 0}, "suite"),
        _row("I dislike rainy days!", "test", {DEH: 0}, "suite"),
        _row("i dislike rainy days", "train", {DEH: 0}, "a"),
    ]
    kept, _ = deduplicate(rows, eval_only=["suite"])
    assert [r.dataset for r, _ in kept] == ["suite", "suite"]


def test_unknown_dataset_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown dataset"):
        load_dataset("no-such-set", tmp_path)
    with pytest.raises(InputError, match="not found"):
        load_dataset("davidson", tmp_path)


# -- the real files (read only) ------------------------------------------------------------------


def _data(shared: Path, name: str) -> Path:
    path = shared / "data" / name
    if not path.is_dir():
        pytest.skip(f"{path} not present")
    return path


def test_hatecheck_rows_follow_the_functionality(shared: Path) -> None:
    _data(shared, "hatecheck")
    rows = load_dataset("hatecheck", shared)
    assert len(rows) == 3728 and {r.split for r in rows} == {"test"}
    for row in rows:
        if row.source_label in ("threat_dir_h", "threat_norm_h"):
            assert row.labels == {DEH: 1, INC: 1}
        if row.source_label in ("counter_quote_nh", "counter_ref_nh"):
            assert row.labels[CS] == 1 and row.labels[DEH] == 0
    spell_threats = [r for r in rows if r.source_label.startswith("spell_") and r.labels.get(INC) == 1]
    assert spell_threats  # obfuscated threats inherit the referenced case's incitement


def test_ruhsold_rows_match_the_file(shared: Path) -> None:
    root = _data(shared, "ruhsold")
    rows = load_dataset("ruhsold", shared)
    raw = Counter(line.rstrip("\n").rsplit("\t", 1)[1].strip()
                  for name in ("task_2_train.tsv", "task_2_test.tsv")
                  for line in (root / name).open(encoding="utf-8") if line.strip())
    by_label = Counter(r.source_label for r in rows)
    assert by_label["religious_hate"] == raw["2"]
    assert "sexism" not in by_label
    assert all(r.labels == {DEH: 1} for r in rows if r.source_label == "religious_hate")
    assert {r.split for r in rows} == {"train", "validation", "test"}
    assert all(r.lang == "ur-Latn" for r in rows)


def test_dghs_is_typed_and_split_officially(shared: Path) -> None:
    _data(shared, "dghs")
    rows = load_dataset("dghs", shared)
    assert {r.split for r in rows} == {"validation", "test"}
    threatening = [r for r in rows if r.source_label == "hate/threatening"]
    assert threatening and all(r.labels[INC] == 1 for r in threatening)
    assert all(r.labels == {GLO: 1} for r in rows if r.source_label == "hate/support")


def test_l_hsab_counts(shared: Path) -> None:
    root = _data(shared, "l-hsab")
    with (root / "Dataset" / "L-HSAB").open(newline="", encoding="utf-8") as handle:
        raw = Counter(row["Class"].strip() for row in csv.DictReader(handle, delimiter="\t"))
    rows = load_dataset("l-hsab", shared)
    assert sum(r.labels[DEH] for r in rows) == raw["hate"]
    assert all(r.lang == "ar" for r in rows)


@pytest.mark.slow
def test_corpus_never_trains_on_a_test_text(shared: Path) -> None:
    _data(shared, "hatexplain")
    keyed, report = load_corpus_keyed(shared)
    held_out = {k for r, k in keyed if r.split == "test" or DATASETS[r.dataset].eval_only}
    assert not any(k in held_out for r, k in keyed if r.split != "test" and not DATASETS[r.dataset].eval_only)
    assert report.total_removed() > 0
    news_test = {r.source_label for r, _ in keyed if r.dataset == "news-neutral" and r.split == "test"}
    assert news_test == {"ag_news/world", "bbc/politics"}
