"""Dehumanising statements in 13 languages: group + copula + term in SVO, SOV (Hindi/Urdu) and
copula-less (Arabic, Urdu, Bengali, Indonesian) orders, and the blockers for negation,
counter-speech quoting or referring to the statement, reported speech, neutral and positive
mentions, and questions.

HateCheck-style functional templates written for these tests, with the made-up group
"Zorbians" (transliterated in Latin script) or generic "these people" / "they".
"""

from __future__ import annotations

import pytest

from tvec.model.cta import find_calls_to_action
from tvec.model.dehumanisation import CATEGORY, find_dehumanising_statements

#: lang -> dehumanising statements that must fire.
FIRE: dict[str, list[str]] = {
    "fr": ["Les Zorbiens sont des rats.", "Ces gens sont de la vermine.", "Les Zorbiens ne sont que des parasites.",
           "Ces gens sont un cancer.", "Les Zorbiens sont des animaux.", "Ils ne sont pas des êtres humains."],
    "de": ["Zorbianer sind Ungeziefer.", "Diese Leute sind Ratten.", "Zorbianer sind nichts als Parasiten.",
           "Diese Leute sind eine Plage.", "Zorbianer sind Tiere.", "Zorbianer sind keine Menschen."],
    "es": ["Los zorbianos son ratas.", "Esa gente es una plaga.", "Los zorbianos no son más que parásitos.",
           "Los zorbianos son cucarachas.", "Esa gente es basura.", "Los zorbianos son animales."],
    "pt": ["Os zorbianos são ratos.", "Essa gente é uma praga.", "Os zorbianos não passam de parasitas.",
           "Os zorbianos são baratas.", "Essa gente é lixo.", "Os zorbianos são animais."],
    "it": ["Gli zorbiani sono ratti.", "Questa gente è una piaga.", "Gli zorbiani non sono altro che parassiti.",
           "Gli zorbiani sono scarafaggi.", "Questa gente è feccia.", "Gli zorbiani sono animali."],
    "nl": ["Zorbianen zijn ongedierte.", "Die mensen zijn ratten.", "Zorbianen zijn niets meer dan parasieten.",
           "Die mensen zijn een plaag.", "Zorbianen zijn beesten.", "Zorbianen zijn geen mensen."],
    "pl": ["Zorbianie to szczury.", "Ci ludzie są robactwem.", "Zorbianie są pasożytami.",
           "Ci ludzie są zarazą.", "Zorbianie to zwierzęta.", "Zorbianie to śmieci."],
    "zh": ["这些人都是老鼠。", "他们是寄生虫。", "这些人就是一群蟑螂。", "他们是社会的毒瘤。", "这些人是畜生。", "他们不是人。"],
    "ar": ["هؤلاء حشرات.", "هؤلاء الناس مجرد جرذان.", "هم طفيليات.", "هؤلاء سرطان.", "هؤلاء حيوانات.", "هؤلاء ليسوا بشرا."],
    "hi": ["ये लोग कीड़े हैं।", "ये लोग चूहे हैं।", "ये लोग परजीवी हैं।", "ये लोग कैंसर हैं।", "ये लोग जानवर हैं।",
           "ये लोग कीड़ों के सिवा कुछ नहीं हैं।"],
    "ur": ["یہ لوگ کیڑے ہیں۔", "یہ لوگ چوہے ہیں۔", "یہ لوگ جانور ہیں۔", "یہ لوگ کینسر ہیں۔", "یہ لوگ گندگی ہیں۔"],
    "ur-latn": ["Ye log keede hain.", "Ye log choohe hain.", "Ye log janwar hain.", "Ye log cancer hain.",
                "Ye log gandagi hain."],
    "bn": ["ওরা কীট।", "এরা সব ইঁদুর।", "ওরা পরজীবী।", "এরা হলো ক্যান্সার।", "ওরা জানোয়ার।"],
    "id": ["Mereka adalah tikus.", "Orang Zorbia adalah parasit.", "Mereka semua kecoa.", "Orang Zorbia itu wabah.",
           "Mereka adalah binatang.", "Orang Zorbia bukan manusia."],
}

#: lang -> (text, expected blocker or None) that must not fire.
QUIET: dict[str, list[tuple[str, str | None]]] = {
    "fr": [("Les Zorbiens ne sont pas des rats.", "negation"),
           ("Dire que les Zorbiens sont des rats est dégoûtant.", "counter_speech"),
           ("Le ministre a dit que les Zorbiens sont des rats.", "reported_speech"),
           ("J'habite avec deux Zorbiens.", None), ("Les Zorbiens sont des rats ?", "question"),
           ("Les Zorbiens sont nos voisins.", None)],
    "de": [("Zorbianer sind keine Ratten.", "negation"),
           ("Zu sagen, dass Zorbianer Ratten sind, ist widerlich.", "counter_speech"),
           ("Der Minister sagte, Zorbianer sind Ratten.", "reported_speech"),
           ("Ich wohne mit zwei Zorbianern zusammen.", None), ("Sind Zorbianer Ratten?", None),
           ("Zorbianer sind nette Menschen.", None)],
    "es": [("Los zorbianos no son ratas.", "negation"),
           ("Decir que los zorbianos son ratas es repugnante.", "counter_speech"),
           ("El ministro dijo que los zorbianos son ratas.", "reported_speech"),
           ("Vivo con dos zorbianos.", None), ("¿Los zorbianos son ratas?", "question"),
           ("Los zorbianos son buenos vecinos.", None)],
    "pt": [("Os zorbianos não são ratos.", "negation"),
           ("Dizer que os zorbianos são ratos é nojento.", "counter_speech"),
           ("O ministro disse que os zorbianos são ratos.", "reported_speech"),
           ("Moro com dois zorbianos.", None), ("Os zorbianos são ratos?", "question"),
           ("Os zorbianos são ótimos vizinhos.", None)],
    "it": [("Gli zorbiani non sono ratti.", "negation"),
           ("Dire che gli zorbiani sono ratti è vergognoso.", "counter_speech"),
           ("Il ministro ha detto che gli zorbiani sono ratti.", "reported_speech"),
           ("Vivo con due zorbiani.", None), ("Gli zorbiani sono ratti?", "question"),
           ("Gli zorbiani sono brave persone.", None)],
    "nl": [("Zorbianen zijn geen ratten.", "negation"),
           ("Zeggen dat Zorbianen ratten zijn is walgelijk.", "counter_speech"),
           ("De minister zei dat Zorbianen ratten zijn.", "reported_speech"),
           ("Ik woon samen met twee Zorbianen.", None), ("Zijn Zorbianen ratten?", None),
           ("Zorbianen zijn aardige mensen.", None)],
    "pl": [("Zorbianie nie są szczurami.", "negation"),
           ("Mówienie, że Zorbianie to szczury, jest obrzydliwe.", "counter_speech"),
           ("Minister powiedział, że Zorbianie to szczury.", "reported_speech"),
           ("Mieszkam z dwoma Zorbianami.", None), ("Czy Zorbianie to szczury?", "question"),
           ("Zorbianie to dobrzy sąsiedzi.", None)],
    "zh": [("这些人不是老鼠。", "negation"), ("说这些人是老鼠是可耻的。", "counter_speech"),
           ("部长说这些人是老鼠。", "reported_speech"), ("我和两个邻居住在一起。", None),
           ("这些人是老鼠吗？", "question"), ("这些人是我们的好邻居。", None)],
    "ar": [("هؤلاء ليسوا حشرات.", "negation"), ("القول بأن هؤلاء حشرات أمر مقزز.", "counter_speech"),
           ("قال الوزير إن هؤلاء حشرات.", "reported_speech"), ("أعيش مع اثنين من جيراني.", None),
           ("هل هؤلاء حشرات؟", "question"), ("هؤلاء جيران طيبون.", None)],
    "hi": [("ये लोग कीड़े नहीं हैं।", "negation"), ("यह कहना कि ये लोग कीड़े हैं, घिनौना है।", "counter_speech"),
           ("मंत्री ने कहा कि ये लोग कीड़े हैं।", "reported_speech"), ("मैं दो पड़ोसियों के साथ रहता हूं।", None),
           ("क्या ये लोग कीड़े हैं?", "question"), ("ये लोग अच्छे पड़ोसी हैं।", None)],
    "ur": [("یہ لوگ کیڑے نہیں ہیں۔", "negation"), ("یہ کہنا کہ یہ لوگ کیڑے ہیں شرمناک ہے۔", "counter_speech"),
           ("وزیر نے کہا کہ یہ لوگ کیڑے ہیں۔", "reported_speech"), ("میں دو پڑوسیوں کے ساتھ رہتا ہوں۔", None),
           ("کیا یہ لوگ کیڑے ہیں؟", "question"), ("یہ لوگ اچھے پڑوسی ہیں۔", None)],
    "ur-latn": [("Ye log keede nahi hain.", "negation"), ("Yeh kehna ke ye log keede hain sharamnak hai.", "counter_speech"),
                ("Wazir ne kaha ke ye log keede hain.", "reported_speech"),
                ("Main do padosiyon ke saath rehta hoon.", None), ("Kya ye log keede hain?", "question"),
                ("Ye log achhe padosi hain.", None)],
    "bn": [("ওরা কীট নয়।", "negation"), ("ওরা কীট বলা জঘন্য।", "counter_speech"),
           ("মন্ত্রী বলেছেন যে ওরা কীট।", "reported_speech"), ("আমি দুজন প্রতিবেশীর সাথে থাকি।", None),
           ("ওরা কি কীট?", "question"), ("ওরা ভালো প্রতিবেশী।", None)],
    "id": [("Mereka bukan tikus.", "negation"),
           ("Mengatakan bahwa mereka adalah tikus itu menjijikkan.", None),
           ("Menteri itu mengatakan bahwa mereka adalah tikus.", None),
           ("Saya tinggal bersama dua orang Zorbia.", None), ("Apakah mereka tikus?", "question"),
           ("Mereka adalah tetangga yang baik.", None)],
}

FIRE_CASES = [(lang, text) for lang, texts in FIRE.items() for text in texts]
QUIET_CASES = [(lang, text, blocker) for lang, cases in QUIET.items() for text, blocker in cases]


@pytest.mark.parametrize(("lang", "text"), FIRE_CASES)
def test_dehumanising_statement_fires(lang: str, text: str) -> None:
    found = [c for c in find_dehumanising_statements(text) if c.score > 0]
    assert found, f"{lang}: nothing in {text!r}: {find_dehumanising_statements(text)}"
    assert found[0].category == CATEGORY and found[0].score >= 0.5
    assert found[0].cues["term_kind"] in {"vermin", "animal", "disease", "filth", "subhuman"}


@pytest.mark.parametrize(("lang", "text", "blocker"), QUIET_CASES)
def test_non_dehumanising_stays_quiet(lang: str, text: str, blocker: str | None) -> None:
    found = find_dehumanising_statements(text)
    assert all(c.score == 0 for c in found), f"{lang}: {found}"
    assert not any(c.score > 0 for c in find_calls_to_action(text))
    if blocker is not None:
        assert any(c.blocked_by == blocker and c.raw_score >= 0.5 for c in found), f"{lang}: {found}"


def test_every_language_has_enough_cases() -> None:
    for lang in FIRE:
        assert len(FIRE[lang]) + len(QUIET[lang]) >= 8, lang


def test_chinese_single_character_animals_need_an_end() -> None:
    assert not any(c.score > 0 for c in find_dehumanising_statements("他们是狗的主人。"))
    assert any(c.score > 0 for c in find_dehumanising_statements("他们是狗。"))


def test_an_indic_inflection_stops_at_the_danda() -> None:
    found = find_dehumanising_statements("ওরা কীট। আমরা মানুষ।")
    assert found and found[0].cues["term"] == "কীট"


def test_gates_are_a_superset_on_multilingual_text() -> None:
    """The literal gates (one scan of the document) change nothing on multilingual text."""
    import importlib.util
    import pathlib

    spec = importlib.util.spec_from_file_location("cta_ml", pathlib.Path(__file__).with_name("test_cta_multilingual.py"))
    assert spec is not None and spec.loader is not None
    cta_ml = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cta_ml)
    THREAT_CASES, THREAT_QUIET = cta_ml.FIRE_CASES, cta_ml.QUIET_CASES
    texts = [t for _, t in FIRE_CASES] + [t for _, t, _ in QUIET_CASES]
    texts += [t for _, t in THREAT_CASES] + [t for _, t in THREAT_QUIET]
    documents = texts + [" ".join(texts[k : k + 5]) for k in range(0, len(texts), 5)]
    for text in documents:
        assert find_dehumanising_statements(text) == find_dehumanising_statements(text, gated=False), text
        assert find_calls_to_action(text) == find_calls_to_action(text, gated=False), text


def test_bengali_denial_of_humanity_needs_the_whole_negator() -> None:
    # "মানুষ নামের" ("named human", of the species) starts with the letters of "মানুষ না" ("not human")
    assert find_dehumanising_statements("ওরা মানুষ না।")
    assert not find_dehumanising_statements("ওরা মানুষ নামের প্রজাতির অংশ।")
