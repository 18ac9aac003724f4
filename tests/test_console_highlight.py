"""The console's evidence highlighting and evidence tables: pure functions of text + scan JSON."""

from __future__ import annotations

import re

from tvec.console.evidence import LONG_TEXT_CHARACTERS, case_evidence, collapse_reasons, word_diff
from tvec.console.highlight import highlight, render_segments


def _signal(detector: str, category: str, score: float, *spans: tuple[int, int], **evidence) -> dict:
    return {
        "detector": detector,
        "category": category,
        "score": score,
        "spans": [{"start": s, "end": e} for s, e in spans],
        "evidence": evidence,
        "explanation": f"{detector} found {category}",
    }


def _covering(result, start: int, end: int) -> set[int]:
    """The signal numbers covering every character of [start, end)."""
    found = None
    for segment in result.segments:
        if segment.start < end and start < segment.end:
            numbers = {m.number for m in segment.covering}
            found = numbers if found is None else found & numbers
    return found or set()


def test_segments_cover_the_text_exactly_once_in_order():
    text = "alpha beta gamma delta"
    result = highlight(text, [_signal("a", "insurrection", 0.8, (6, 16)), _signal("b", "news_reporting", 0.4, (11, 22))])
    assert "".join(s.text for s in result.segments) == text
    assert [s.start for s in result.segments] == sorted(s.start for s in result.segments)
    assert all(a.end == b.start for a, b in zip(result.segments, result.segments[1:], strict=False))


def test_crossing_spans_are_cut_at_every_boundary():
    text = "0123456789ABCDEFGHIJ"
    result = highlight(text, [_signal("a", "insurrection", 0.8, (2, 10)), _signal("b", "news_reporting", 0.4, (6, 15))])
    assert _covering(result, 2, 6) == {1}
    assert _covering(result, 6, 10) == {1, 2}
    assert _covering(result, 10, 15) == {2}
    assert _covering(result, 0, 2) == set() and _covering(result, 15, 20) == set()
    html = str(result.html())
    # the overlap is one <mark> carrying both signals, at depth 2; no <mark> is ever nested
    assert 'data-signals="1 2"' in html and "ev-depth-2" in html
    assert "<mark" not in re.sub(r"<mark[^>]*>[^<]*(<span[^>]*>[^<]*</span>[^<]*)*</mark>", "", html)


def test_nested_and_identical_spans():
    text = "Soldiers of Examplia, rise up now"
    signals = [
        _signal("classifier", "insurrection", 0.81, (0, 33)),
        _signal("classifier", "counter_speech", 0.31, (0, 33)),
        _signal("organisations", "organisation_mention", 0.9, (12, 20)),
    ]
    result = highlight(text, signals)
    assert _covering(result, 0, 12) == {1, 2}
    assert _covering(result, 12, 20) == {1, 2, 3}
    assert _covering(result, 20, 33) == {1, 2}
    # each signal is labelled once, at its span's start: 1 and 2 together, 3 at the name
    opened = [(s.start, [m.number for m in s.opens]) for s in result.segments if s.opens]
    assert opened == [(0, [1, 2]), (12, [3])]
    html = str(result.html())
    assert "#1 insurrection · classifier · 0.81" in html
    assert "#3 organisation_mention · organisations · 0.90" in html
    # violating evidence takes the colour where it overlaps provenance
    middle = next(s for s in result.segments if s.start == 12)
    assert middle.kind == "violating"


def test_signal_with_several_spans_is_labelled_at_each():
    text = "name here and name there"
    result = highlight(text, [_signal("organisations", "organisation_mention", 0.9, (0, 4), (14, 18))])
    assert [s.start for s in result.segments if s.opens] == [0, 14]
    assert _covering(result, 4, 14) == set()


def test_document_text_is_escaped_and_inert():
    text = '<script>alert("x")</script> <img src=x onerror=alert(1)> & "quotes"'
    result = highlight(text, [_signal("classifier", "incitement", 0.9, (0, 27)), _signal("c", "scholarship", 0.6, (28, 56))])
    html = str(result.html())
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "&amp;" in html


def test_hostile_labels_are_escaped_too():
    text = "abc"
    result = highlight(text, [_signal('<b onmouseover="x">', "<i>", 0.5, (0, 3))])
    html = str(result.html())
    assert "<b " not in html and "<i>" not in html
    assert "&lt;b onmouseover=&#34;x&#34;&gt;" in html


def test_invisible_and_bidi_characters_are_shown_not_emitted():
    text = "Hi\u200bzb \u202egnp.exe"
    result = highlight(text, [_signal("organisations", "attribution", 0.95, (0, 5))])
    html = str(result.html())
    assert "\u200b" not in html and "\u202e" not in html
    assert "\\u200b" in html and "\\u202e" in html and 'class="invisible-char"' in html


def test_bad_spans_are_reported_not_guessed():
    text = "short"
    signals = [
        _signal("a", "incitement", 0.9, (0, 99)),
        {"detector": "b", "category": "x", "score": 0.1, "spans": [{"start": "0", "end": 3}, "junk"]},
        _signal("c", "scholarship", 0.5, (3, 3)),  # empty: nothing to mark, not an error
    ]
    result = highlight(text, signals)
    assert "".join(s.text for s in result.segments) == text
    assert all(not s.covering for s in result.segments)
    assert len(result.problems) == 3
    assert "outside the text (length 5)" in result.problems[0]


def test_many_spans_stay_fast_and_correct():
    text = "word " * 20_000
    spans = [(i * 5, i * 5 + 4) for i in range(20_000)]
    result = highlight(text, [_signal("organisations", "organisation_mention", 0.9, *spans)])
    assert sum(1 for s in result.segments if s.covering) == 20_000
    assert len(render_segments(result.segments)) > len(text)


def test_empty_text():
    result = highlight("", [])
    assert "".join(s.text for s in result.segments) == ""
    assert str(result.html()) == ""


def test_case_evidence_organisations_banks_and_decisions():
    text = "A statement. Media Office of Examplia Front. The old bridge passage."
    scan = {
        "decisions": {
            "UK": {"action": "review", "categories": ["attribution"], "rule": "designated-org-publication",
                   "reason_code": "TVEC_DESIGNATED_ORG_PUBLICATION", "rationale": "because", "shadow_hits": [],
                   "policy_version": "p@1"},
            "EU": {"action": "allow", "categories": [], "rule": None, "reason_code": "TVEC_NO_VIOLATION",
                   "rationale": "nothing", "shadow_hits": [], "policy_version": "p@1"},
        },
        "signals": [
            _signal("organisations", "attribution", 0.95, (13, 43), organisation="Examplia Front",
                    matched=["media office of Examplia Front"], signature_verification="background",
                    designations=[
                        {"list": "UK", "list_name": "UK list", "canonical_name": "Examplia Front", "status": "active",
                         "date_listed": "2020-01-01", "date_revoked": "", "verification": "read", "source": "gov"},
                        {"list": "EU", "list_name": "EU list", "canonical_name": "Examplia Front", "status": "active",
                         "date_listed": "", "date_revoked": "", "verification": "background", "source": "wiki"},
                    ]),
            _signal("banks", "known_content", 0.87, (45, 68), entry_id="e-1", match="near_duplicate",
                    similarity=0.87, coverage=0.4, label="proscribed_support", organisation=None, source="demo",
                    bank_passage_text="The old bridge passage, banked."),
            _signal("banks", "known_content", 1.0, (0, 12), entry_id="e-2", match="exact", similarity=1.0),
        ],
    }
    evidence = case_evidence(scan, text)
    assert [row.number for row in evidence.evidence] == [1, 2, 3]
    (org,) = evidence.organisations
    assert org.organisation == "Examplia Front" and org.spans[0][2] == "Media Office of Examplia Front"
    assert [d.unverified for d in org.designations] == [False, True]
    assert "unverified" in org.note
    first, second = evidence.banks
    assert first.document_text == "The old bridge passage." and first.bank_text == "The old bridge passage, banked."
    assert second.bank_text is None  # the bank keeps hashes only for this entry
    assert {d.jurisdiction: d.rule for d in evidence.decisions} == {"UK": "designated-org-publication", "EU": None}


def test_collapse_reasons():
    assert collapse_reasons("short and calm", {"signals": []}) == []
    long_text = "x" * (LONG_TEXT_CHARACTERS + 1)
    assert collapse_reasons(long_text, {"signals": []})[0].startswith("long text")
    violent = {"signals": [_signal("classifier", "incitement", 0.7, (0, 3))]}
    assert collapse_reasons("abc", violent) == ["violent content: incitement"]
    weak = {"signals": [_signal("classifier", "incitement", 0.2, (0, 3))]}
    assert collapse_reasons("abc", weak) == []
    assert collapse_reasons("abc", {"signals": []}, ["insurrection"]) == ["violent content: insurrection"]


def test_support_for_a_group_alone_does_not_hide_the_text():
    # an announcement attributed to a proscribed group is evidence of source, not violent text
    assert collapse_reasons("A dull announcement.", {"signals": []}, ["proscribed_support", "attribution"]) == []


def test_word_diff_marks_what_an_edited_copy_changed():
    left, right = word_diff("the fishermen set out in their small boats", "The fishermen set out in their small blue boats.")
    assert "".join(p for p, _ in left) == "the fishermen set out in their small boats"
    assert "".join(p for p, _ in right) == "The fishermen set out in their small blue boats."
    assert [p for p, changed in left if changed] == ["boats"]
    assert [p.strip() for p, changed in right if changed] == ["blue boats."]
    assert word_diff("same words", "Same words") == ((("same words", False),), (("Same words", False),))
