"""Arabic entries of the call-to-action lexicon match whole words, and Arabic verbs spelt like
the past tense ("هاجموا": attack! / they attacked) count as imperatives only at a clause's head.

Short generic templates written for these tests: an unnamed "party", "the regime", "the
enemy" or "the fighters"; no real group or person is named.
"""

from __future__ import annotations

import pytest

from tvec.model.cta import find_calls_to_action


def _score(text: str, category: str | None = None) -> float:
    return max(
        (c.score for c in find_calls_to_action(text) if not c.blocked_by and (category is None or c.category == category)),
        default=0.0,
    )


@pytest.mark.parametrize(
    "text",
    [
        "عناصر من المسلحين هاجموا مقر الفوج الثالث",  # "gunmen attacked the regiment's HQ"
        "قرابة ألف من ضباط الداخلية انضموا لقوات التأمين",  # "some thousand officers joined the security forces"
        "الذين جاهدوا في سبيل الوطن قبل قرن",  # "those who strove for the homeland a century ago"
    ],
)
def test_past_tense_reports_are_not_imperatives(text: str) -> None:
    assert _score(text) == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "هاجموا مواقع العدو",  # "attack the enemy's positions" (clause head)
        "ثم هاجموا مواقع العدو",  # after a lead word
        "يا أيها الشباب انضموا إلى صفوف المقاتلين",  # after a vocative
    ],
)
def test_imperatives_at_a_clause_head_still_count(text: str) -> None:
    assert _score(text) >= 0.6


@pytest.mark.parametrize(
    "text",
    [
        "الفرضية الثانية هي استغلال الدين",  # "فرض" (obligatory) inside "the hypothesis"
        "استقبل الأمير ذوي شهداء الواجب الذين قتلوا في حادث تفجير",  # "الواجب": duty, a noun
        "وثق المرصد مقتل مقاتلين في الغارات",  # "قاتل" inside "مقاتلين" (fighters)
        "فرضت الحكومة عقوبات على المقاتلين",  # "فرضت": imposed
    ],
)
def test_arabic_words_inside_longer_words_do_not_match(text: str) -> None:
    assert _score(text) == 0.0


def test_nusrah_is_insurrection_only_when_armed_men_are_named() -> None:
    assert _score("الحزب يدعو ضباط الجيش إلى إعطاء النصرة", "insurrection") >= 0.8
    assert _score("يا أيها الضباط انصروا الحزب", "insurrection") >= 0.8
    # support for a cause, and the word inside a group's name, are not a call on the army
    assert _score("سياسة الدولة تدعو للخير والسلام ونصرة الحق", "insurrection") == 0.0
    assert _score("قتال عنيف بين جبهة النصرة والجيش", "insurrection") == 0.0


def test_urdu_nusrat_needs_armed_men_too() -> None:
    assert _score("نصرت کی شاعری پر ایک مضمون", "insurrection") == 0.0  # a given name


def test_obligation_and_article_forms_still_match() -> None:
    assert _score("يجب على الجنود القتال ضد العدو") >= 0.6  # the article on "قتال"
    assert _score("ندعوكم إلى القتال") >= 0.5  # the object suffix on the call


def test_urdu_future_is_not_an_obligation() -> None:
    assert _score("اس کیس میں قتل کا مقدمہ درج ہوگا") == 0.0  # "a murder case will be registered"
    assert _score("ہمیں ان لوگوں کو مارنا ہوگا") >= 0.6  # "we must kill those people": infinitive + ہوگا


def test_arabic_script_punctuation_is_a_word_boundary() -> None:
    # the Urdu full stop and the Arabic comma end a word like a space does
    assert _score("ان سب کو قتل کر دینا چاہیے۔") >= 0.6
    assert _score("ان سب کو قتل کر دینا چاہیے،") >= 0.6
