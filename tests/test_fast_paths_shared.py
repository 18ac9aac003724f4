"""Exact fast paths of the second speed round, each against the computation it replaces:

- rule results shared between the jurisdictions of one ``PolicyEngine.decide`` call, against
  deciding each jurisdiction in a call of its own (where nothing can be shared);
- ``MultiGate.candidates`` looking a lead up without the whitespace regex when the lead has no
  whitespace but single spaces, against the regex on every lead;
- the linear model's bigram lookups in one pass, against hashing every pair, and its byte-sliced
  n-grams of ASCII words, against hashing every n-gram of `word_grams`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import sys
import textwrap
from bisect import bisect_right
from pathlib import Path

import pytest

from tvec.model import linear
from tvec.model.gate import _SPACES_ANY, _WORD, MultiGate, build_multi_gate
from tvec.model.linear import FeatureConfig, HashingFeaturiser
from tvec.policy import PolicyEngine, load_policy
from tvec.types import Category, Document, Signal, Span

DAY = dt.date(2026, 1, 1)


def _signal(rng: random.Random) -> Signal:
    category = rng.choice(list(Category))
    evidence: dict[str, object] = {}
    if category in (Category.ATTRIBUTION, Category.ORGANISATION_MENTION) and rng.random() < 0.8:
        evidence["organisation"] = "Group X"
        evidence["designations"] = [
            {"list": rng.choice(["UK", "EU", "UN", "US"]), "status": rng.choice(["active", "revoked"]),
             "date_listed": rng.choice(["2001", "2030-01", ""]), "date_revoked": ""}
        ]  # fmt: skip
    detector = rng.choice(["classifier", "organisations", "context"])
    return Signal(detector, category, round(rng.random(), 2), (Span(0, 4),), evidence)


JURISDICTION_RULES = """\
version: 1
name: shared-results
jurisdictions:
  UK: {lists: [UK]}
  EU: {lists: [EU, UN]}
  US: {lists: [US]}
default: {action: allow, reason_code: TVEC_OK}
rules:
  - id: uk-only-threshold
    description: Reads the jurisdiction, so it must be evaluated in each.
    when: 'jurisdiction == "UK" && violating >= 0.5'
    action: review
    reason_code: TVEC_J
  - id: designated-anywhere
    description: Reads the designated signals, which differ between jurisdictions.
    when: 'designated.exists(s, s.score >= 0.3)'
    action: remove
    reason_code: TVEC_D
  - id: incitement
    description: Reads only scores.
    when: 'score.incitement >= 0.6 && context < 0.5'
    action: remove
    reason_code: TVEC_I
  - id: shadow-any-signal
    description: A shadow rule over the signal list.
    when: 'signals.exists(s, s.detector == "classifier" && s.score > 0.9)'
    action: review
    reason_code: TVEC_S
    mode: shadow
"""


@pytest.mark.parametrize("policy_text", [None, JURISDICTION_RULES], ids=["shipped", "jurisdiction-rules"])
def test_shared_rule_results_equal_separate_decisions(tmp_path: Path, policy_text: str | None) -> None:
    if policy_text is None:
        policy = load_policy()
    else:
        path = tmp_path / "policy.yaml"
        path.write_text(textwrap.dedent(policy_text), encoding="utf-8")
        policy = load_policy(path)
    shared, separate = PolicyEngine(policy), PolicyEngine(policy)
    codes = list(policy.jurisdictions)
    rng = random.Random(11)
    for i in range(300):
        signals = [_signal(rng) for _ in range(rng.randint(0, 6))]
        document = Document(f"doc-{i}", "text" * rng.randint(1, 20))
        together = shared.decide(document, signals, codes, as_of=DAY)
        one_by_one = [separate.decide(document, signals, [code], as_of=DAY)[0] for code in codes]
        assert [d.to_dict("texttext") for d in together] == [d.to_dict("texttext") for d in one_by_one]
    assert shared.stats.evaluations < separate.stats.evaluations  # something was shared


def _reference_candidates(gate: MultiGate, text: str, spans: list[Span]) -> list[set[int]]:
    """``MultiGate.candidates`` as it was: every lead through the whitespace regex."""
    everything = frozenset(range(gate.size))
    result = [set(gate.always) for _ in spans]
    starts = [s.start for s in spans]
    for k, span in enumerate(spans):
        if span.start > 0 and _WORD.match(text, span.start - 1):
            result[k] |= everything
    position = 0
    assert gate.gate.pattern is not None
    while (match := gate.gate.pattern.search(text, position)) is not None:
        found = match.start()
        k = bisect_right(starts, found) - 1
        if k >= 0 and found < spans[k].end:
            result[k] |= gate.by_prefix.get(_SPACES_ANY.sub(" ", match.group()), everything)
        position = found + 1
    return result


def test_leads_without_odd_whitespace_need_no_regex() -> None:
    # the shortcut's premise: every whitespace character but the space is not printable
    odd = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace() and chr(c) != " "]
    assert odd and not any(ch.isprintable() for ch in odd)
    gate = build_multi_gate([r"\bcall (?:on|upon)\b", r"\brise up\b", r"\bthe armed forces\b", r"attack"])
    spaces = [" ", "  ", "\t", "\n", "\u00a0", "\u2003", " \n ", "\u3000"]
    words = ["call", "on", "upon", "rise", "up", "the", "armed", "forces", "attack", "counterattack", "x."]
    rng = random.Random(5)
    for _ in range(400):
        pieces = []
        for _ in range(rng.randint(1, 25)):
            pieces += [rng.choice(words), rng.choice(spaces)]
        text = "".join(pieces)
        cuts = sorted(rng.sample(range(1, len(text)), min(3, len(text) - 1))) if len(text) > 1 else []
        bounds = [0, *cuts, len(text)]
        spans = [Span(a, b) for a, b in itertools.pairwise(bounds) if b > a]
        assert gate.candidates(text, spans) == _reference_candidates(gate, text, spans)


def test_bigram_lookups_equal_hashing_every_pair(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(linear, "_CACHE_LIMIT", 7)  # the cache is cleared mid-text, again and again
    featuriser = HashingFeaturiser(FeatureConfig())
    rng = random.Random(3)
    vocabulary = ["the", "army", "must", "rise", "now", "the", "وقت", "नमस्ते", "a"]
    for _ in range(200):
        words = [rng.choice(vocabulary) for _ in range(rng.randint(0, 30))]  # repeated pairs in a text
        out: list[int] = [-1]
        featuriser.add_bigram_indices(words, out)
        expected = [featuriser._index(f"b:{a} {b}") for a, b in itertools.pairwise(words)]
        assert out == [-1, *expected]


def test_ascii_word_indices_equal_hashing_every_gram() -> None:
    featuriser = HashingFeaturiser(FeatureConfig())
    rng = random.Random(9)
    alphabet = "abcdefghij'-0@$"
    words = ["a", "an", "the", "x" * 39, "y" * 40, "z" * 41, "w" * 90, "naïve", "وقت", "नमस्ते", "ǅemal", "ß"]
    words += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 50))) for _ in range(300)]
    for word in words:
        expected = [featuriser._index(gram) for gram in featuriser.word_grams(word)]
        assert list(featuriser.word_indices(word)) == expected, word
