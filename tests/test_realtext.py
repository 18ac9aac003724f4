"""The real-text evaluation: counts per language and hard negative, and its report file."""

from __future__ import annotations

from tvec.evaluation import realtext
from tvec.evaluation.realtext import RealItem, evaluate_real_text


def test_counts_per_language_and_kind_and_report_beside_the_main_one(tmp_path, monkeypatch) -> None:
    items = [
        RealItem("bad one", "en", True, "set-a", "violating", "incitement"),
        RealItem("fine one", "en", False, "set-a", "news_terrorism", "neutral"),
        RealItem("fine two", "fr", False, "set-b", "neutral", "neutral"),
    ]
    result = evaluate_real_text(items, lambda doc: (doc.text.startswith("bad"), False))
    assert result.by_language["en"]["violating"].rate == 1.0
    assert result.by_language["en"]["legitimate"].rate == 0.0
    assert result.by_kind["news_terrorism"].n == 1 and result.by_kind["neutral"].n == 1
    (tmp_path / "REPORT.md").write_text("main report", encoding="utf-8")
    monkeypatch.setattr(realtext, "scanner_decider", lambda: lambda doc: (False, False))
    path = realtext.run(tmp_path, tmp_path, items=items)
    assert path.name == "REALTEXT.md" and "| en |" in path.read_text(encoding="utf-8")
    assert (tmp_path / "REPORT.md").read_text(encoding="utf-8") == "main report"
