"""Religious, ethnic and political vocabulary must not by itself raise a violating score.

The shipped first stage drops identity terms before hashing (tvec.model.identity_terms); these
neutral, positive and scriptural sentences (written for the test) must stay low, and swapping
the group named must not change a score at all."""

from __future__ import annotations

import numpy as np
import pytest

from tvec import Scanner
from tvec.model.identity_terms import mask_words, masked_words
from tvec.model.linear import LinearModel
from tvec.normalise import normalise_text

NEUTRAL = [
    "Jihad in this essay means the inner struggle to live a good life.",
    "Muslims in the town celebrated Eid with their neighbours.",
    "The imam said Allahu Akbar at the start of the prayer.",
    "The Taliban took control of the province, officials said.",
    "Hindus and Muslims in Kashmir live side by side.",
    "The caliphate was abolished in 1924.",
    "The mosque opened a food bank for refugees.",
    "Jewish and Christian leaders met the mayor.",
    "Kashmiri students won the national debate prize.",
    "The Quran was recited at the ceremony.",
]


@pytest.fixture(scope="module")
def model() -> LinearModel:
    return LinearModel.load()


def test_shipped_model_masks_identity_terms(model: LinearModel) -> None:
    assert model.features.mask_identities


@pytest.mark.parametrize("sentence", NEUTRAL)
def test_neutral_identity_sentences_score_low(model: LinearModel, sentence: str) -> None:
    scores = model.predict_proba([sentence])[0]
    for category in ("dehumanisation", "incitement"):
        assert scores[model.categories.index(category)] < 0.3, (category, sentence)


@pytest.mark.parametrize(
    "template",
    ["{} are celebrating the new year.", "I met three {} at the market.", "{} are vermin."],
)
def test_swapping_the_group_named_changes_nothing(model: LinearModel, template: str) -> None:
    groups = ["Muslims", "Hindus", "Jews", "Christians", "Sikhs", "Arabs", "immigrants"]
    scores = model.predict_proba([template.format(g) for g in groups])
    assert np.allclose(scores, scores[0])


def test_masked_terms_are_normalised_forms() -> None:
    words = masked_words()
    assert normalise_text("Allah") in words and normalise_text("MUSLIMS") in words
    assert mask_words(["the", normalise_text("jihad"), "ended"]) == ["the", "ended"]


@pytest.mark.parametrize("sentence", NEUTRAL)
def test_neutral_identity_sentences_are_allowed(sentence: str) -> None:
    result = Scanner().scan(sentence, ["UK", "EU"])
    assert not result.flagged, result.to_dict()


@pytest.mark.parametrize("word", ["arabes", "juifs", "l'islamisation", "Flüchtlinge", "Ausländer", "yahudi", "musulmans"])
def test_french_german_and_indonesian_identity_words_are_masked(word: str) -> None:
    from tvec.normalise import normalise_text

    assert mask_words(normalise_text(word).split()) == []
