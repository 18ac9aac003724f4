"""Threats in 13 languages: the call-to-action slots (directive x act x human target) outside
English, and the blockers that keep negation, counter-speech, reported speech, neutral mentions
and questions quiet.

HateCheck-style functional templates, short and generic, written for these tests: the made-up
group "Zorbians" (transliterated where the script is Latin) or generic "these people" / "them";
no real group is attacked and no real person is named.
"""

from __future__ import annotations

import pytest

from tvec.model.cta import find_calls_to_action
from tvec.model.dehumanisation import find_dehumanising_statements

#: lang -> (direct threats, normative threats) that must fire.
THREATS: dict[str, tuple[list[str], list[str]]] = {
    "fr": (["Je vais tuer tous ces Zorbiens.", "Nous allons les abattre, tous.", "Je les tuerai tous.",
            "Tuez-les tous !", "Tuons les Zorbiens."],
           ["Les Zorbiens devraient être abattus.", "Il faut pendre tous ces gens."]),
    "de": (["Ich werde alle Zorbianer töten.", "Wir werden sie alle erschießen.", "Tötet sie alle!",
            "Lasst uns die Zorbianer umbringen."],
           ["Zorbianer sollten erschossen werden.", "Diese Leute müssen alle aufgehängt werden."]),
    "es": (["Voy a matar a todos los zorbianos.", "Los mataré a todos.", "¡Matadlos a todos!",
            "Matemos a los zorbianos."],
           ["Los zorbianos deberían ser fusilados.", "Hay que colgar a esa gente."]),
    "pt": (["Vou matar todos os zorbianos.", "Eu vou matá-los todos.", "Matem todos eles!",
            "Vamos matar os zorbianos."],
           ["Os zorbianos deveriam ser fuzilados.", "Essa gente tem que ser enforcada."]),
    "it": (["Ucciderò tutti gli zorbiani.", "Li ammazzeremo tutti.", "Uccideteli tutti!", "Uccidiamoli tutti."],
           ["Gli zorbiani dovrebbero essere fucilati.", "Questa gente va impiccata."]),
    "nl": (["Ik ga alle Zorbianen vermoorden.", "We zullen ze allemaal doodschieten.", "Dood ze allemaal!",
            "Laten we de Zorbianen uitroeien."],
           ["Zorbianen moeten worden opgehangen.", "Die mensen moeten allemaal gedood worden."]),
    "pl": (["Zabiję wszystkich Zorbian.", "Zamierzam ich wszystkich zastrzelić.", "Zabijcie ich wszystkich!",
            "Zabijmy ich wszystkich."],
           ["Zorbianie powinni zostać rozstrzelani.", "Tych ludzi trzeba powiesić."]),
    "zh": (["我要杀光这些人。", "我会把他们全部枪毙。", "杀了他们！", "让我们把他们都杀了。"],
           ["这些人都应该被枪毙。", "这些人必须被消灭。"]),
    "ar": (["سأقتلهم جميعا.", "سوف نذبح كل هؤلاء الناس.", "اقتلوهم جميعا!", "فلنقتلهم جميعا."],
           ["يجب قتلهم جميعا.", "هؤلاء الناس يجب أن يعدموا."]),
    "hi": (["मैं इन सब लोगों को मार दूंगा।", "हम उन्हें गोली मार देंगे।", "उन्हें मार डालो!"],
           ["इन लोगों को फांसी दी जानी चाहिए।", "इन सबको मार डालना चाहिए।"]),
    "ur": (["میں ان سب کو مار دوں گا۔", "ہم انہیں گولی مار دیں گے۔", "ان سب کو مار ڈالو!"],
           ["ان لوگوں کو پھانسی دی جانی چاہیے۔", "ان سب کو قتل کر دینا چاہیے۔"]),
    "ur-latn": (["Main in sab logon ko maar dunga.", "Hum unhe goli maar denge.", "Unhe maar dalo!"],
                ["In logon ko phansi di jani chahiye.", "In sab ko qatl kar dena chahiye."]),
    "bn": (["আমি ওদের সবাইকে মেরে ফেলব।", "আমরা তাদের গুলি করে মারব।", "ওদের মেরে ফেলো!"],
           ["এই লোকদের ফাঁসি দেওয়া উচিত।", "ওদের সবাইকে মেরে ফেলা উচিত।"]),
    "id": (["Aku akan membunuh semua orang Zorbia.", "Kami akan menembak mereka semua.", "Bunuh mereka semua!",
            "Mari kita bantai mereka."],
           ["Orang-orang itu harus digantung.", "Mereka semua harus dibunuh."]),
}

#: lang -> cases that must not fire: negation, counter-speech quoting a threat, reported speech,
#: a neutral mention, a question, a negated obligation.
QUIET: dict[str, list[str]] = {
    "fr": ["Je ne vais jamais tuer ces gens.", "Dire « je vais tuer tous les Zorbiens » est ignoble.",
           "Le ministre a dit : « Je vais tuer tous les Zorbiens. »", "J'habite avec deux Zorbiens.",
           "Faut-il vraiment abattre ces gens ?", "Les Zorbiens ne devraient pas être abattus."],
    "de": ["Ich werde die Zorbianer niemals töten.", "Zu sagen „Ich werde alle Zorbianer töten“ ist widerlich.",
           "Der Minister sagte, er werde alle Zorbianer töten.", "Ich wohne mit zwei Zorbianern zusammen.",
           "Sollten Zorbianer erschossen werden?", "Zorbianer sollten nicht erschossen werden."],
    "es": ["Nunca voy a matar a los zorbianos.", "Decir «voy a matar a todos los zorbianos» es repugnante.",
           "El ministro dijo que iba a matar a todos los zorbianos.", "Vivo con dos zorbianos.",
           "¿Deberían ser fusilados los zorbianos?", "Los zorbianos no deberían ser fusilados."],
    "pt": ["Eu nunca vou matar os zorbianos.", "Dizer \"vou matar todos os zorbianos\" é nojento.",
           "O ministro disse que vai matar todos os zorbianos.", "Moro com dois zorbianos.",
           "Os zorbianos deveriam ser fuzilados?", "Os zorbianos não deveriam ser fuzilados."],
    "it": ["Non ucciderò mai gli zorbiani.", "Dire \"ucciderò tutti gli zorbiani\" è vergognoso.",
           "Il ministro ha detto che ucciderà tutti gli zorbiani.", "Vivo con due zorbiani.",
           "Gli zorbiani dovrebbero essere fucilati?", "Gli zorbiani non dovrebbero essere fucilati."],
    "nl": ["Ik ga de Zorbianen nooit vermoorden.", "Zeggen \"ik ga alle Zorbianen vermoorden\" is walgelijk.",
           "De minister zei dat hij alle Zorbianen zou vermoorden.", "Ik woon samen met twee Zorbianen.",
           "Moeten Zorbianen worden opgehangen?", "Zorbianen moeten niet worden opgehangen."],
    "pl": ["Nigdy nie zabiję Zorbian.", "Mówienie \"zabiję wszystkich Zorbian\" jest obrzydliwe.",
           "Minister powiedział, że zabije wszystkich Zorbian.", "Mieszkam z dwoma Zorbianami.",
           "Czy Zorbianie powinni zostać rozstrzelani?", "Zorbianie nie powinni zostać rozstrzelani."],
    "zh": ["我绝不会杀这些人。", "说“我要杀光这些人”是可耻的。", "部长说他要杀光这些人。", "我和两个邻居住在一起。",
           "这些人应该被枪毙吗？", "这些人不应该被枪毙。"],
    "ar": ["لن أقتلهم أبدا.", "قول 'سأقتلهم جميعا' أمر مقزز.", "قال الوزير إنه سيقتلهم جميعا.",
           "أعيش مع اثنين من هؤلاء الناس.", "هل يجب قتلهم جميعا؟", "لا يجب قتلهم."],
    "hi": ["मैं इन लोगों को कभी नहीं मारूंगा।", "यह कहना कि 'मैं इन सबको मार दूंगा' घिनौना है।",
           "मंत्री ने कहा कि वह इन सबको मार देगा।", "मैं दो पड़ोसियों के साथ रहता हूं।",
           "क्या इन लोगों को फांसी दी जानी चाहिए?", "इन लोगों को फांसी नहीं दी जानी चाहिए।"],
    "ur": ["میں ان لوگوں کو کبھی نہیں ماروں گا۔", "یہ کہنا کہ 'میں ان سب کو مار دوں گا' شرمناک ہے۔",
           "وزیر نے کہا کہ وہ ان سب کو مار دے گا۔", "میں دو پڑوسیوں کے ساتھ رہتا ہوں۔",
           "کیا ان لوگوں کو پھانسی دی جانی چاہیے؟", "ان لوگوں کو پھانسی نہیں دی جانی چاہیے۔"],
    "ur-latn": ["Main in logon ko kabhi nahi maarunga.", "Yeh kehna ke 'main in sab ko maar dunga' sharamnak hai.",
                "Wazir ne kaha ke woh in sab ko maar dega.", "Main do padosiyon ke saath rehta hoon.",
                "Kya in logon ko phansi di jani chahiye?", "In logon ko phansi nahi di jani chahiye."],
    "bn": ["আমি ওদের কখনো মারব না।", "'আমি ওদের মেরে ফেলব' বলা জঘন্য।", "মন্ত্রী বলেছেন যে তিনি ওদের মেরে ফেলবেন।",
           "আমি দুজন প্রতিবেশীর সাথে থাকি।", "এই লোকদের কি ফাঁসি দেওয়া উচিত?", "এই লোকদের ফাঁসি দেওয়া উচিত নয়।"],
    "id": ["Aku tidak akan pernah membunuh mereka.", "Mengatakan 'aku akan membunuh mereka semua' itu menjijikkan.",
           "Menteri itu mengatakan bahwa dia akan membunuh mereka semua.", "Saya tinggal bersama dua orang Zorbia.",
           "Apakah mereka harus dibunuh?", "Mereka tidak harus dibunuh."],
}

FIRE_CASES = [(lang, text) for lang, (direct, normative) in THREATS.items() for text in (*direct, *normative)]
QUIET_CASES = [(lang, text) for lang, texts in QUIET.items() for text in texts]


def _fired(text: str) -> bool:
    return any(c.score > 0 for c in find_calls_to_action(text))


@pytest.mark.parametrize(("lang", "text"), FIRE_CASES)
def test_threat_fires(lang: str, text: str) -> None:
    calls = [c for c in find_calls_to_action(text) if c.score > 0]
    assert calls, f"{lang}: no call in {text!r}: {find_calls_to_action(text)}"
    assert calls[0].category == "incitement"
    assert calls[0].score >= 0.5


@pytest.mark.parametrize(("lang", "text"), QUIET_CASES)
def test_non_threat_stays_quiet(lang: str, text: str) -> None:
    assert not _fired(text), f"{lang}: {find_calls_to_action(text)}"
    assert not any(c.score > 0 for c in find_dehumanising_statements(text))


def test_every_language_has_enough_cases() -> None:
    for lang in THREATS:
        assert len(THREATS[lang][0]) + len(THREATS[lang][1]) + len(QUIET[lang]) >= 8, lang


def test_blocked_threats_say_why() -> None:
    negated = find_calls_to_action("Ich werde die Zorbianer niemals töten.")
    assert negated and negated[0].blocked_by == "negation" and negated[0].raw_score >= 0.5
    reported = find_calls_to_action("Le ministre a dit : « Je vais tuer tous les Zorbiens. »")
    assert reported and reported[0].blocked_by == "reported_speech"
    post_verbal = find_calls_to_action("আমি ওদের কখনো মারব না।")
    assert post_verbal and post_verbal[0].blocked_by == "negation"


def test_a_violent_verb_without_a_human_target_is_no_threat() -> None:
    for text in ("Je vais brûler ces vieux papiers.", "Ich werde den Fehler beheben.", "我要杀时间。",
                 "Voy a quemar la basura."):
        assert not _fired(text), text
