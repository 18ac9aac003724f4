"""The gathered datasets' split rule: evaluation-only hard negatives are never trained on."""

from __future__ import annotations

from pathlib import Path

from tvec.evaluation.realtext import _kind_of
from tvec.training.gathered import EVAL_ONLY, is_eval_only, load_gathered

HEADER = "text\tlabel\tlang\tsplit\tsource_label\n"


def _write(shared: Path, name: str, rows: list[tuple[str, str]]) -> None:
    folder = shared / "data" / "extra" / name
    folder.mkdir(parents=True)
    lines = [f"Example sentence number {i} about topic {name}.\t{label}\ten\t{split}\tx\n"
             for i, (label, split) in enumerate(rows)]
    (folder / "normalised.tsv").write_text(HEADER + "".join(lines), encoding="utf-8")


def test_eval_only_sets_are_dev_or_test_in_every_row_whatever_the_file_says(tmp_path: Path) -> None:
    _write(tmp_path, "tafsir-xx", [("neutral", "train"), ("neutral", "validation"), ("neutral", "train")] * 20)
    _write(tmp_path, "research-yy", [("neutral", "train")] * 60)
    _write(tmp_path, "plain-set", [("neutral", "train")] * 60)
    rows = load_gathered(tmp_path)
    by_set: dict[str, set[str]] = {}
    for row in rows:
        by_set.setdefault(row.dataset, set()).add(row.split)
    # about a fifth dev (diagnosis rows), the rest test; never train or validation
    assert by_set["tafsir-xx"] == {"dev", "test"} and by_set["research-yy"] == {"dev", "test"}
    dev = sum(row.split == "dev" for row in rows if row.dataset == "research-yy")
    assert 3 <= dev <= 24, dev
    assert "train" in by_set["plain-set"]  # an ordinary train-only set is still hash-split


def test_the_semantic_trainer_reads_no_eval_only_row(tmp_path: Path) -> None:
    from tvec.training.semantic_head import _rows

    _write(tmp_path, "tafsir-xx", [("neutral", "train")] * 20)
    _write(tmp_path, "id-news-gaza-narasipal", [("neutral", "train")] * 20)
    _write(tmp_path, "plain-set", [("neutral", "train")] * 60)
    datasets = {row[4] for row in _rows(tmp_path)}
    assert {row[3] for row in _rows(tmp_path)} <= {"train", "validation"}  # never dev or test
    assert "plain-set" in datasets
    assert not {"tafsir-xx", "id-news-gaza-narasipal"} & datasets


def test_eval_only_names_and_their_hard_negative_kind() -> None:
    assert all(is_eval_only(name) for name in EVAL_ONLY)
    assert is_eval_only("tafsir-fr") and is_eval_only("research-abstracts") and not is_eval_only("open-hadith-ar")
    assert _kind_of("tafsir-ar") == "scripture_commentary"
    assert _kind_of("research-insightcrime") == "research"
    assert _kind_of("id-news-gaza-narasipal") == "news_terrorism"
    assert _kind_of("open-hadith-ar") == "scripture"
    assert _kind_of("un-human-rights-reports") == "human_rights"
    assert _kind_of("mlma-hate") == "neutral"


def test_news_sets_in_other_languages_are_eval_only_news_about_terrorism() -> None:
    news = ("ar-news-saudinewsnet", "de-news-10kgnad", "fr-news-lemonde-international", "hi-news-bbc-hindi",
            "bn-news-prothomalo-ittefaq", "ur-news-pk-world")
    assert all(name in EVAL_ONLY and is_eval_only(name) for name in news)
    assert {_kind_of(name) for name in news} == {"news_terrorism"}


def test_a_registered_news_set_is_split_dev_or_test_whatever_its_file_says(tmp_path: Path) -> None:
    _write(tmp_path, "de-news-10kgnad", [("neutral", "train")] * 60)
    splits = {row.split for row in load_gathered(tmp_path)}
    assert splits == {"dev", "test"}
