"""Who speaks (author, quoted, reported, scripture) and what kind of document it is.

Templates use the made-up group "Zorbians" and generic wording, never real propaganda."""

from __future__ import annotations

import pytest

from tvec.model.genre import assess_genre, voice_weight
from tvec.model.language import identify_language
from tvec.model.sentences import split_sentences
from tvec.model.speaker import AUTHOR, QUOTED, REPORTED, SCRIPTURE, sentence_voices


def _voices(text: str) -> dict[str, str]:
    spans = split_sentences(text)
    return {text[s.start : s.end]: v.kind for s, v in zip(spans, sentence_voices(text, spans), strict=True)}


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("We call on the soldiers to overthrow the regime.", AUTHOR),
        ("The group calls on followers to attack the city.", REPORTED),
        ("Police said the suspect had been arrested.", REPORTED),
        ("According to the ministry, three people died.", REPORTED),
        ("Selon le ministre, la situation est grave.", REPORTED),
        ("Der Sprecher sagte, die Lage sei ernst.", REPORTED),
        ("Según la policía, el sospechoso huyó.", REPORTED),
        ("Menurut polisi, pelaku sudah ditangkap.", REPORTED),
        ("وقال الوزير إن الوضع خطير", REPORTED),
        ("وزیر نے کہا کہ صورتحال سنگین ہے", REPORTED),
        ("मंत्री ने कहा कि स्थिति गंभीर है", REPORTED),
        ("Fight those who fight you [Al-Baqarah 2:190]", SCRIPTURE),
        ("قال تعالى: وقاتلوا في سبيل الله", SCRIPTURE),
    ],
)
def test_voice_of_single_sentences(sentence: str, kind: str) -> None:
    assert _voices(sentence)[sentence] == kind


def test_quotation_spanning_sentences_and_a_colon_frame() -> None:
    text = (
        "In the video, the speaker says:\n\n"
        "Rise up against the Zorbians. Take your weapons tonight.\n\n"
        "Analysts said the video was old.\n"
        '“Burn their houses, all of them. Leave nobody.” That is what the pamphlet said.'
    )
    voices = _voices(text)
    assert voices["Rise up against the Zorbians."] == QUOTED
    assert voices["Take your weapons tonight."] == QUOTED
    assert voices["Analysts said the video was old."] == REPORTED
    assert voices["“Burn their houses, all of them."] == QUOTED


def test_transcript_speaker_labels_but_not_header_fields() -> None:
    voices = _voices("Abu Zed: Take up your weapons now.\nRef: 1445/08\nDate: 3 March")
    assert voices["Abu Zed: Take up your weapons now."] == QUOTED
    assert voices["Ref: 1445/08"] == AUTHOR


def _genre(text: str):
    spans = split_sentences(text)
    return assess_genre(text, spans, sentence_voices(text, spans))


@pytest.mark.parametrize(
    ("text", "genre"),
    [
        ("CAPITAL (Reuters) - Officials said on Monday that talks would resume. The minister told reporters "
         "the plan was ready. Police said two men were held.", "news_report"),
        ("Special Dispatch No. 1234\nThe following are excerpts from a sermon delivered last week.\n"
         "Speaker: brothers, listen.", "monitoring_translation"),
        ("Abstract\nThis paper examines online propaganda (Smith, 2019). Prior work (Jones and Lee, 2020) "
         "found that ... Doe et al. argue ...\n\nReferences\nSmith, J. (2019).", "research"),
        ("Module 3: Extremist narratives\nLearning objectives: by the end of this module students will be able "
         "to identify recruitment messages.", "course_material"),
        ("Human Rights Watch documented cases of enforced disappearances. Survivors told researchers about "
         "abuses. Recommendations to the government follow.", "human_rights_documentation"),
        ("Tafsir of the verse. Ibn Kathir explains that this verse was revealed about a battle. "
         "The meaning of this verse is defence, scholars say.", "scripture_commentary"),
        ("Press Release\nRef: 1445 AH / 031\nThe Central Media Office of the Zorbian Movement announces ...",
         "official_statement"),
        ("By the grace of Allah, the soldiers of the caliphate attacked the base.", "claim_of_responsibility"),
        ("I had pasta for lunch and it was great.", "general"),
    ],
)
def test_genre(text: str, genre: str) -> None:
    assert _genre(text).genre == genre


def test_quoted_call_weighs_less_in_a_report_than_in_a_statement() -> None:
    news = _genre("CITY (Reuters) - Police said the video was old. Officials said it was fake.")
    statement = _genre("Press Release\nRef: 12/1445 AH\nThe Central Media Office of the movement declares ...")
    text = '"Take up arms against the Zorbians, all of you, now."'
    voice = sentence_voices(text, split_sentences(text))[0]
    assert voice.kind == QUOTED
    assert voice_weight(voice, news) < 0.5 <= voice_weight(voice, statement)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The minister said the talks would continue next week.", "en"),
        ("Le ministre a dit que les discussions continueraient.", "fr"),
        ("Der Minister sagte, die Gespräche würden fortgesetzt.", "de"),
        ("El ministro dijo que las conversaciones continuarían.", "es"),
        ("Menteri mengatakan pembicaraan akan dilanjutkan minggu depan.", "id"),
        ("main tumhe kal bataunga yaar, abhi kaam hai", "ur-Latn"),
        ("قال الوزير إن المحادثات ستستمر الأسبوع المقبل", "ar"),
        ("وزیر نے کہا کہ بات چیت اگلے ہفتے جاری رہے گی", "ur"),
        ("मंत्री ने कहा कि बातचीत अगले सप्ताह जारी रहेगी", "hi"),
        ("মন্ত্রী বলেন আলোচনা আগামী সপ্তাহে চলবে", "bn"),
        ("部长说会谈将在下周继续进行", "zh"),
        ("12 34 !!", "und"),
    ],
)
def test_language(text: str, lang: str) -> None:
    assert identify_language(text).lang == lang


def test_declared_language_is_trusted() -> None:
    guess = identify_language("anything at all here", declared="pt")
    assert guess.lang == "pt" and guess.declared


def test_fast_voices_equal_the_reference_on_real_and_mixed_text() -> None:
    from pathlib import Path

    texts = [
        "ISTANBUL (AP) - The Minister SAID: \"We will act.\" According to Police, 3 died. Allah Says: fight.",
        "Der Sprecher SAGTE, dass ... Selon le Ministre. MENURUT polisi. وقال الوزير. 2:190 [TMQ 2:190]",
        "İstanbul'da the imam said hello. K is a Kelvin sign. ſaid with a long s.",
    ]
    shared = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    texts += [p.read_text(encoding="utf-8") for p in sorted(shared.glob("*.txt"))]
    for text in texts:
        spans = split_sentences(text)
        assert sentence_voices(text, spans) == sentence_voices(text, spans, fast=False)


def test_the_word_dawn_is_not_the_newspaper() -> None:
    from tvec.model.genre import assess_genre
    from tvec.model.sentences import split_sentences
    from tvec.model.speaker import sentence_voices

    def genre(text: str) -> str:
        spans = split_sentences(text)
        return assess_genre(text, spans, sentence_voices(text, spans)).genre

    assert genre("We walked to the hill at dawn and watched the sun rise.") != "news_report"
    assert genre("Dawn reported on Monday that the talks had resumed.") == "news_report"


def test_vocalised_arabic_is_scripture_and_plain_arabic_prose_is_not() -> None:
    from tvec.model.sentences import split_sentences
    from tvec.model.speaker import SCRIPTURE, sentence_voices

    # a fully vocalised line (how commentaries quote a verse) inside Urdu prose; a generic
    # vocalised phrase written for the test, and the same words without marks
    vocalised = "اَلْحَمْدُ لِلّٰہِ الَّذِیْ خَلَقَ السَّمٰوٰتِ وَالْاَرْضَ"
    plain = "الحمد لله الذي خلق السماوات والأرض"
    text = f"{vocalised}۔ یہ آیت اللہ کی تعریف کے بارے میں ہے۔"
    spans = split_sentences(text)
    voices = sentence_voices(text, spans)
    assert voices[0].kind == SCRIPTURE and voices[0].cue == "vocalised Arabic"
    assert voices[-1].kind != SCRIPTURE
    assert sentence_voices(plain, split_sentences(plain))[0].kind != SCRIPTURE
    assert sentence_voices(vocalised, split_sentences(vocalised), fast=False)[0].kind == SCRIPTURE


def test_a_verse_numbered_commentary_in_urdu_and_bengali_reads_as_scripture_commentary() -> None:
    from tvec.model.genre import assess_genre
    from tvec.model.sentences import split_sentences
    from tvec.model.speaker import sentence_voices

    for text in ("آیت 12 یہاں اس آیت میں صبر کا ذکر ہے اور مفسرین کہتے ہیں کہ یہ مکہ میں نازل ہوئی۔",
                 "আয়াত ১২ এই আয়াতে ধৈর্যের কথা বলা হয়েছে। তাফসীর অনুযায়ী এটি মক্কায় অবতীর্ণ।"):
        spans = split_sentences(text)
        assert assess_genre(text, spans, sentence_voices(text, spans)).genre == "scripture_commentary", text


@pytest.mark.parametrize(
    "sentence",
    [
        "আল্লাহ তা'আলা বলেন, তোমরা ধৈর্য ধর।",  # "Allah says: be patient" (Bengali scripture frame)
        "নবী (সাঃ) বলেছেন, সত্য বল।",  # "the Prophet said: speak the truth"
        "এ কথা সহীহ হাদীসে আছে [বুখারীঃ ১২৩]।",  # a hadith collection cited with its number
        "Allah SWT berfirman bahwa manusia harus bersabar.",
        "Hal ini dijelaskan dalam QS. Al-Baqarah: 153 tentang sabar.",
    ],
)
def test_scripture_frames_and_citations_in_bengali_and_indonesian(sentence: str) -> None:
    assert _voices(sentence)[sentence] == SCRIPTURE


@pytest.mark.parametrize("ya", ["\u09af\u09bc", "\u09df"])
def test_bengali_nukta_letters_match_in_either_spelling(ya: str) -> None:
    # "আয়াত ৫" (verse 5) written with ya + nukta or with the precomposed letter: NFC keeps both
    text = f"আ{ya}াত ৫ এর অর্থ হল ধৈর্য ধরা। এই আ{ya}াতে ধৈর্যের কথা বলা হয়েছে।"
    assert _genre(text).genre == "scripture_commentary"


@pytest.mark.parametrize(
    "text",
    ["The QS Rankings 2024 were published today.", "QS World 100 is a list of universities."],
)
def test_a_qs_that_cites_no_surah_and_verse_is_not_scripture(text: str) -> None:
    assert _voices(text)[text] == AUTHOR


def test_indonesian_citation_abbreviations_end_no_sentence_but_hr_elsewhere_does() -> None:
    cited = "Dijelaskan dalam QS. Al-Baqarah: 153 tentang sabar. Lalu pulang."
    assert [cited[s.start : s.end] for s in split_sentences(cited)][0].endswith("tentang sabar.")
    office = "Please report it to HR. They will call you."
    assert len(split_sentences(office)) == 2


def test_no_bengali_nukta_letter_sits_where_both_spellings_cannot_be_added() -> None:
    # both_nukta_spellings rewrites "base + nukta" into an alternation: inside a character class,
    # or with a quantifier on the nukta alone, that would change what the pattern means
    import re

    from tvec.model import genre, speaker

    patterns = [p for _, _, p, _ in genre._CUES]
    patterns += [speaker._CITATION.pattern, speaker._REPORTING.pattern, speaker._SCRIPTURE_FRAME.pattern]
    for pattern in patterns:
        assert not re.search(r"\[[^\]]*\u09bc[^\]]*\]", pattern), pattern[:80]
        assert not re.search(r"\u09bc[?*+{]", pattern), pattern[:80]
        assert "\\u09bc" not in pattern.lower(), pattern[:80]
