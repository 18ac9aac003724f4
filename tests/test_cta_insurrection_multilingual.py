"""Calls on the armed forces to seize power outside English and Arabic, glorification of an attack
by its epithet, and an author's claim of responsibility.

Short generic templates written for these tests: an unnamed "party" or "we" as the speaker, "the
government" or "the regime" as what is to fall; no real group or person is named.
"""

from __future__ import annotations

import pytest

from tvec.model.cta import find_calls_to_action


def _insurrection(text: str) -> float:
    return max((c.score for c in find_calls_to_action(text) if c.category == "insurrection"), default=0.0)


def _blocked(text: str) -> set[str]:
    return {str(c.blocked_by) for c in find_calls_to_action(text) if c.category == "insurrection" and c.blocked_by}


#: lang -> calls on the armed forces that must score as insurrection.
CALLS = {
    "fr": ["Nous appelons les officiers de l'armée à renverser le régime.",
           "Le parti appelle les officiers à donner la nusrah.",
           "Le parti appelle les soldats à prendre le pouvoir."],
    "de": ["Wir rufen die Soldaten auf, die Regierung zu stürzen.",
           "Die Partei ruft die Offiziere der Armee auf, die Nusra zu geben.",
           "Die Partei fordert die Offiziere auf, das Regime zu stürzen."],
    "id": ["Kami menyerukan kepada tentara untuk menggulingkan rezim.",
           "Partai itu menyerukan kepada para perwira untuk memberikan nushrah.",
           "Partai mendesak para perwira militer untuk merebut kekuasaan."],
    "bn": ["দলটি সেনা কর্মকর্তাদের প্রতি সরকার উৎখাত করতে আহ্বান জানাচ্ছে।",
           "আমরা সেনাবাহিনীর প্রতি নুসরাহ দিতে আহ্বান জানাচ্ছি।"],
    "hi": ["पार्टी सेना के अधिकारियों से तख्तापलट करने का आह्वान करती है।",
           "हम सैनिकों से सरकार को गिराने की अपील करते हैं।"],
    "ur-Latn": ["Party fauj ke afsran se mutalba karti hai ke woh hukumat gira dein.",
                "Hum fauj se apeel karte hain ke nusrat dein."],
    "ar": ["الحزب يدعو ضباط الجيش إلى إسقاط النظام"],
    "ur": ["پارٹی فوج کے افسران سے مطالبہ کرتی ہے کہ وہ حکومت گرا دیں"],
}


@pytest.mark.parametrize(("lang", "text"), [(lang, t) for lang, texts in CALLS.items() for t in texts])
def test_calls_on_the_armed_forces_to_seize_power(lang: str, text: str) -> None:
    assert _insurrection(text) >= 0.6, f"{lang}: {text}"


def test_a_third_person_call_weighs_less_than_the_speakers_own() -> None:
    """An organisation's statement and a news headline both say "the party calls on"; alone that
    goes to review, and removal needs attribution (the policy's designated-org rule)."""
    own = _insurrection("Nous appelons les officiers de l'armée à renverser le régime.")
    third = _insurrection("Le parti appelle les officiers de l'armée à renverser le régime.")
    assert own >= 0.85 > third >= 0.6


#: Reports of such calls: blocked by the multilingual reporting and condemnation cues.
REPORTED = [
    "Le ministre a déclaré que l'opposition appelle l'armée à renverser le régime.",
    "Laut Medienberichten fordert die Gruppe die Armee auf, die Regierung zu stürzen.",
    "Menurut laporan, kelompok itu menyerukan kepada tentara untuk menggulingkan pemerintah.",
    "Nous condamnons ceux qui appellent les officiers à renverser le régime.",
]


@pytest.mark.parametrize("text", REPORTED)
def test_reported_or_condemned_calls_are_blocked(text: str) -> None:
    assert _insurrection(text) == 0.0
    assert _blocked(text) & {"reported_speech", "condemnation"}


NEUTRAL = [
    "L'armée a organisé une cérémonie pour les officiers retraités.",
    "Die Soldaten der Bundeswehr helfen beim Hochwasser.",
    "Para perwira TNI menghadiri upacara kemerdekaan.",
    "Les élections ont renversé la majorité au parlement.",
    "Die Regierung wurde bei der Wahl abgewählt.",
    "Partai itu menyerukan kepada tentara untuk menjaga perdamaian.",
    "সেনাবাহিনী বন্যার্তদের সাহায্য করছে।",
    "सेना के अधिकारियों ने बाढ़ पीड़ितों की मदद की।",
]


@pytest.mark.parametrize("text", NEUTRAL)
def test_the_armed_forces_and_politics_without_a_call_to_seize_power(text: str) -> None:
    assert _insurrection(text) == 0.0


def _glorification(text: str) -> float:
    return max((c.score for c in find_calls_to_action(text) if c.category == "glorification"), default=0.0)


def test_an_epithet_of_the_attack_glorifies_it() -> None:
    assert _glorification("Our brothers carried out a blessed operation against the base.") >= 0.6
    assert _glorification("We salute this heroic attack on the base.") >= 0.6


@pytest.mark.parametrize("text", [
    "The brave fighters of the resistance defended the city.",
    "Heroic firefighters saved the children.",
    "A heroic rescue operation saved the miners.",
    "The noble strikers marched for better pay.",
])
def test_praise_of_people_or_of_a_rescue_is_not_glorification_of_an_attack(text: str) -> None:
    assert _glorification(text) == 0.0


def test_the_authors_claim_of_responsibility() -> None:
    assert _glorification("We claim responsibility for the attack on the base.") >= 0.6
    reported = [c for c in find_calls_to_action("He said: we claim responsibility for the attack.")
                if c.category == "glorification"]
    assert reported and reported[0].score == 0.0 and reported[0].blocked_by == "reported_speech"
