"""Literal gates (tvec.model.gate): the leads read from a pattern, and the one property that
matters - a gate never says "no" where the pattern matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tvec.detectors.context import ContextDetector
from tvec.model import cta, dehumanisation
from tvec.model.gate import build_gate, build_multi_gate, pattern_leads
from tvec.model.sentences import split_sentences
from tvec.types import Span

BOUNDARY = "\x00"


def test_leads_of_literals_alternations_and_optional_parts() -> None:
    assert pattern_leads(r"(?:a\s+|the\s+)?(?:cancer|plague)") == {"a cancer", "the canc", "the plag", "a plague",
                                                                    "cancer", "plague"}
    assert pattern_leads(r"re-?establish") == {"re-estab", "reestabl"}
    assert pattern_leads(r"\bkill") == {BOUNDARY + "kill"}
    assert pattern_leads(r"wipe\s+out") == {"wipe out"}
    assert pattern_leads(r"mobili[sz]e") == {"mobilise", "mobilize"}


def test_leads_stop_where_the_text_is_open() -> None:
    assert pattern_leads(r"make (?:\w+ ){0,3}suffer") == {"make ", "make suf"}  # the trie keeps "make "
    assert pattern_leads(r"ab[^c]d") == {"ab"}
    assert pattern_leads(r"x+y") == {"x"}


def test_patterns_that_can_start_anywhere_have_no_leads() -> None:
    assert pattern_leads(r".foo") is None
    assert pattern_leads(r"\w+ing") is None
    assert pattern_leads(r"(?:foo)?") is None
    assert pattern_leads(r"(?i)kill") is None
    gate = build_gate([r"kill", r"\w+"])
    assert gate.pattern is None and gate.passes("anything")


def test_passing_marks_the_spans_holding_a_lead() -> None:
    gate = build_gate([r"\bkill", r"wipe\s+out"])
    text = "nothing here. they wipe \t out. skill is not kill. end"
    spans = split_sentences(text)
    assert [text[s.start : s.end] for s in spans] == ["nothing here.", "they wipe \t out.", "skill is not kill.", "end"]
    assert gate.passing(text, spans) == [False, True, True, False]


def test_a_span_after_a_word_character_passes() -> None:
    gate = build_gate([r"\bkill"])
    text = "abckill"
    assert gate.passing(text, [Span(0, 3), Span(3, 7)]) == [False, True]


def test_multi_gate_names_the_patterns() -> None:
    gate = build_multi_gate([r"\bsaid\b", r"\bsaid in a statement", r"\bstudy", r".x"])
    text = "he said so. a study. none"
    spans = split_sentences(text)
    assert gate.candidates(text, spans) == [{0, 1, 3}, {2, 3}, {3}]


# ---------------------------------------------------------------------------------- property

def _unions() -> list[tuple[str, re.Pattern[str]]]:
    cta_lexicon = cta._lexicon()
    out = [
        ("acts", cta_lexicon.any_act),
        ("praise", cta_lexicon.any_praise),
        ("dehumanisation", dehumanisation._lexicon().prefilter),
    ]
    out += [(f"act {k}", p) for k, (*_, p) in enumerate(cta_lexicon.acts)]
    out += [(f"context {k}", c.lowered) for k, c in enumerate(ContextDetector()._cues) if c.lowered is not None]
    return out


UNIONS = _unions()
GATES = [build_gate([p.pattern]) for _, p in UNIONS]
MULTI = build_multi_gate([p.pattern for _, p in UNIONS])


def _fragments() -> list[str]:
    leads = sorted({lead.lstrip(BOUNDARY) for gate in GATES for lead in gate.leads})
    return leads + ["the", "army", "they", "all", "s", "x", "rs", "ing", "ed", "'", "-", "_", "3", " ", "  ", "\n",
                    "\t", ". ", "! ", "? ", ", ", ": ", "; ", "\"", "“", "”", "(", ")", "\n\n"]


FRAGMENTS = _fragments()
texts = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=40).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_gates_never_reject_a_sentence_the_pattern_matches(text: str) -> None:
    spans = split_sentences(text)
    if not spans:
        return
    candidates = MULTI.candidates(text, spans)
    for index, ((name, pattern), gate) in enumerate(zip(UNIONS, GATES, strict=True)):
        passing = gate.passing(text, spans)
        for k, span in enumerate(spans):
            if pattern.search(text[span.start : span.end]) is not None:
                assert passing[k], (name, text[span.start : span.end])
                assert index in candidates[k], (name, text[span.start : span.end])


@pytest.mark.parametrize(("name", "pattern"), UNIONS[:3], ids=[n for n, _ in UNIONS[:3]])
def test_each_union_has_a_gate(name: str, pattern: re.Pattern[str]) -> None:
    assert build_gate([pattern.pattern]).pattern is not None
