"""Identity and religious vocabulary, masked out of the n-gram model's features.

Why: the first stage learnt from hate-speech corpora, in which the words for a religion, an
ethnicity or a nationality appear far more often in hateful posts than in the rest. A model
trained on them scores "muslims", "jihad", "hindu", "akbar" or "taliban" as evidence of hate by
themselves, and then flags a human-rights report, a spiritual essay on jihad or a news story about
Kashmir. Masking drops every such word before features are hashed, at training and at scoring alike:
the model can still learn that "... are vermin" is hateful from the words around the gap, but
no longer *which* group or faith is named, nor that a text about a faith is likely hateful for
naming it. (Replacing the words with one placeholder was tried first and is worse: the
placeholder collects the correlation of every identity word with hate and becomes a hate
feature itself - on news sentences naming a faith or a people, 0.9% scored >= 0.5 for
dehumanisation with the placeholder, 0.2% before masking.)

French, German and Indonesian forms (written without accents: the normaliser folds them), the
French elided forms ("l'islam" normalises to "lislam"), and more Bengali and Urdu plurals were
added when French posts naming Arabs, Jews and Black people were seen scoring as dehumanisation
for the names alone (the evidence's top terms were the group words).

The terms are listed as written and compared after :func:`tvec.normalise.normalise_text`
(lowercase, confusables and leetspeak folded, letter runs squeezed: "allah" is "alah" there),
so every spelling the normaliser folds is masked too. Organisations are not listed: naming a
designated group is the organisations detector's business, which reports it as a mention.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

_TERMS = """
muslim muslims moslem moslems muslimah muslima islam islamic islamist islamists islamism
jihad jihads jihadi jihadis jihadist jihadists mujahid mujahideen mujahidin mujahedeen ummah umma
allah akbar allahu quran koran quranic mosque mosques masjid imam imams sharia shariah caliphate
khilafah khilafat khalifa caliph sunni sunnis shia shias shiite shiites salafi salafis wahhabi
hindu hindus hinduism hindutva sikh sikhs sikhism christian christians christianity catholic
catholics protestant protestants church churches jew jews jewish judaism synagogue rabbi
buddhist buddhists buddhism arab arabs arabic persian kurd kurds kurdish turk turks turkish
pakistani pakistanis pakistan indian indians india afghan afghans afghanistan kashmir kashmiri
kashmiris palestinian palestinians palestine israeli israelis israel iraqi iraqis syrian syrians
somali somalis bengali bengalis bangladeshi bangladeshis rohingya uyghur uyghurs chechen chechens
taliban immigrant immigrants migrant migrants refugee refugees asylum foreigners
musalman musalmaan musalmano hindustani kafir kafirs kuffar
مسلم مسلمين مسلمون المسلمين المسلمون الإسلام الاسلام إسلام اسلام الله جهاد الجهاد مجاهد المجاهدين
يهود اليهود يهودي نصارى النصارى مسيحي المسيحيين شيعة الشيعة سنة السنة هندوس الهندوس
مسلمان مسلمانوں ہندو ہندوؤں اسلام جہاد اللہ
मुसलमान मुसलमानों मुस्लिम मुस्लिमों हिंदू हिन्दू हिंदुओं इस्लाम जिहाद अल्लाह ईसाई सिख
মুসলিম মুসলমান হিন্দু ইসলাম জিহাদ আল্লাহ
হিন্দুরা হিন্দুদের মুসলমানদের মুসলিমদের মুসলমানরা ইহুদি খ্রিস্টান বৌদ্ধ
یہودی یہودیوں عیسائی عیسائیوں قادیانی شیعہ سنی ہندوستانی پاکستانی
musulman musulmans musulmane musulmanes islamisation lislamisation lislam islamiste islamistes
arabe arabes juif juifs juive juives noir noirs noire noires rebeu rebeus beur beurs maghrebin
maghrebins africain africains chretien chretiens immigre immigres etranger etrangers refugie refugies
muslime moslem moslems islamisierung juden jude judisch araber turke turken fluchtlinge fluchtling
auslander asylanten asylant migranten christen
yahudi kristen nasrani katolik syiah ahmadiyah cina tionghoa aseng
"""


@lru_cache(maxsize=1)
def masked_words() -> frozenset[str]:
    """The normalised forms of the terms (computed once; the normaliser is deterministic)."""
    from tvec.normalise import normalise_text

    words: set[str] = set()
    for term in _TERMS.split():
        words.update(normalise_text(term).split())
    return frozenset(words)


def mask_words(words: Iterable[str]) -> list[str]:
    """``words`` (of a normalised text) without its identity terms."""
    masked = masked_words()
    return [w for w in words if w not in masked]
