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


def test_genre_table_counts_by_the_detected_genre_and_a_real_scan_reports_one(tmp_path) -> None:
    items = [
        RealItem("bad one", "en", True, "set-a", "violating", "incitement"),
        RealItem("fine one", "en", False, "set-a", "news_terrorism", "neutral"),
        RealItem("fine two", "en", False, "set-a", "neutral", "neutral"),
    ]
    genre_of = {"bad one": "official_statement", "fine one": "news_report", "fine two": "news_report"}
    result = evaluate_real_text(items, lambda doc: (doc.text.startswith("bad"), False, genre_of[doc.text]))
    assert result.by_genre["news_report"]["legitimate"].n == 2
    assert result.by_genre["official_statement"]["violating"].rate == 1.0
    from tvec.evaluation.report import Report, to_markdown

    report = Report("t")
    realtext.add_to_report(report, result)
    markdown = to_markdown(report)
    assert "| news_report | 2 | 0.0% |" in markdown and "| official_statement | 0 |" in markdown
    # the real decider reads the genre tvec detects
    decide = realtext.scanner_decider()
    flagged, removed, genre = decide(realtext.Document(
        id="g", text="LONDON (Reuters) - Police said on Tuesday that two people were arrested after a protest. "
                     "The ministry said it was reviewing the case, a spokesman told reporters."))
    assert not flagged and not removed and genre == "news_report"
