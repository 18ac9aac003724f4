"""The gates' Aho-Corasick scan (``tvec.model.gate.LeadScanner``, third speed round) against the
regular-expression scan it replaces (``passing_by_regex``, ``candidates_by_regex``): the same
spans pass and, for a multi-gate, the same patterns are named, on generated text full of the
things the scan must get right - word boundaries, whitespace runs of every kind, leads that
overlap or start at the same place, and a boundary lead hiding a shorter one."""

from __future__ import annotations

import itertools
import random
import sys

import pytest

from tvec.detectors.context import ContextDetector
from tvec.model import cta, dehumanisation
from tvec.model.gate import WHITESPACE, Gate, MultiGate, build_gate, build_multi_gate
from tvec.model.sentences import split_sentences
from tvec.types import Span

#: Built for the purpose: a boundary lead ("\bbless") and a shorter plain one ("bl") start at
#: the same place, leads with spaces, a lead that is a prefix of another, an underscore lead.
SYNTHETIC = [r"\bbless\w*", r"bl\w+", r"wipe\s+out", r"\bwipe\s+them", r"\bkill", r"killing\s+all",
             r"_x\d", r"\bno\s+place", r"(?:a\s+)?plague", r"\b(?:حرق|جلا)"]  # fmt: skip

FILLER = ["the", "a", "is", "nothing", "here", "(", ")", ".", "!", "?", ",", "_", "x1", "é", "ß", "123",
          "bl", "b", "wip", "no", "pla", "ki"]  # fmt: skip
SPACES = [" ", " ", " ", "  ", "\t", "\n", " \n ", "\u00a0", "\u3000", "\u2029", "   "]


def _leads_as_words(gate: Gate) -> list[str]:
    return sorted(lead.lstrip("\x00") for lead in gate.leads)


def _text(rng: random.Random, words: list[str]) -> str:
    parts: list[str] = []
    for _ in range(rng.randint(0, 60)):
        word = rng.choice(words) if rng.random() < 0.4 else rng.choice(FILLER)
        if " " in word and rng.random() < 0.5:
            word = word.replace(" ", rng.choice(SPACES))
        glue = rng.choice(SPACES) if rng.random() < 0.8 else rng.choice(["", ".", "-", "_", "a"])
        parts.append(word + glue)
    return "".join(parts)


def _spans(rng: random.Random, text: str) -> list[Span]:
    if rng.random() < 0.7:
        return split_sentences(text)
    cuts = sorted(rng.sample(range(len(text) + 1), min(len(text) + 1, rng.randint(1, 6))))
    return [Span(a, b) for a, b in itertools.pairwise(cuts) if rng.random() < 0.8]


GATES: dict[str, Gate | MultiGate] = {}


def _gates() -> dict[str, Gate | MultiGate]:
    if not GATES:
        lexicon = cta._lexicon()
        GATES.update(
            acts=lexicon.act_gate,
            praise=lexicon.praise_gate,
            dehumanisation=dehumanisation._lexicon().gate,
            context=ContextDetector()._gate,
            synthetic_multi=build_multi_gate(SYNTHETIC),
            synthetic=build_gate(SYNTHETIC),
            space_first=build_multi_gate([r"\s+foo", r"\bbar"]),
        )
    return GATES


@pytest.mark.parametrize("name", ["acts", "praise", "dehumanisation", "context", "synthetic_multi", "synthetic",
                                  "space_first"])  # fmt: skip
def test_scan_equals_the_regular_expression(name: str) -> None:
    gate = _gates()[name]
    plain = gate.gate if isinstance(gate, MultiGate) else gate
    assert plain.scanner is not None
    words = _leads_as_words(plain) + [
        "bless",
        "blessed",
        "wipe out",
        "killing all",
        "a plague",
        "_x1",
        "حرق",
        "foo",
    ]
    rng = random.Random(name)
    for _ in range(400):
        text = _text(rng, words)
        spans = _spans(rng, text)
        if isinstance(gate, MultiGate):
            assert gate.candidates(text, spans) == gate.candidates_by_regex(text, spans), (text, spans)
        else:
            assert gate.passing(text, spans) == gate.passing_by_regex(text, spans), (text, spans)


def test_a_boundary_lead_hides_the_shorter_lead_as_the_regex_does() -> None:
    gate = _gates()["synthetic_multi"]
    assert isinstance(gate, MultiGate)
    text = "blessed be"
    spans = [Span(0, len(text))]
    # re reports "\bbless" at 0 (the trie tries the boundary first), so "bl\w+" is not named
    assert gate.candidates_by_regex(text, spans) == [{0}]
    assert gate.candidates(text, spans) == [{0}]
    assert (
        gate.candidates("xblessed", [Span(0, 8)])
        == gate.candidates_by_regex("xblessed", [Span(0, 8)])
        == [{0, 1}]
    )  # "bl" names both


def test_whitespace_runs_of_any_kind_are_one_space() -> None:
    gate = _gates()["synthetic"]
    assert isinstance(gate, Gate)
    for space in ["  ", "\t", " \n\u00a0 ", "\u3000"]:
        text = f"they  will wipe{space}out it.  Fine  here."
        spans = split_sentences(text)
        assert gate.passing(text, spans) == gate.passing_by_regex(text, spans) == [True, False]


def test_whitespace_is_what_the_regex_calls_whitespace() -> None:
    assert set(WHITESPACE) == {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}


def test_the_shipped_gates_scan_text_with_whitespace_runs() -> None:
    """Only a gate with a lead starting with a space leaves such text to the regex: none of the
    shipped ones, or they would silently lose the speed."""
    text = "they  will\t\n wipe   out  all.  "
    for name in ["acts", "praise", "dehumanisation", "context"]:
        gate = _gates()[name]
        plain = gate.gate if isinstance(gate, MultiGate) else gate
        assert plain.scanner is not None and plain.scanner.lead_starts(text) is not None, name
    space_first = _gates()["space_first"]
    assert isinstance(space_first, MultiGate) and space_first.gate.scanner is not None
    assert space_first.gate.scanner.lead_starts(text) is None
    assert space_first.gate.scanner.lead_starts("one space\tfoo") is not None
