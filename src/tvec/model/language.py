"""Which language a text is in, so that each language is handled on purpose.

Script first, then a statistical identifier inside the script: the Unicode block of the letters
settles Devanagari (Hindi), Bengali, CJK (Chinese) and tells Arabic script from Latin; within
Arabic script, the letters Arabic does not have (``ے ں ٹ ڈ ڑ ھ ہ گ چ پ``) mark Urdu; within
Latin script, ``py3langid`` (langid.py's model, bundled with the package, numpy only) chooses
among the languages tvec supports. Roman Urdu and Romanised Hindi, which no off-the-shelf
identifier knows (langid calls them Shona or Indonesian), are recognised by the share of their
function words ("hai", "nahi", "ko", "ke", "aur"...).

Results are coarse on purpose: a code (``en``, ``ar``, ``ur``, ``ur-Latn``, ``hi``, ``bn``,
``id``, ``fr``, ``de``...), the script and a confidence. ``und`` means "cannot tell" (too
little text, digits, emoji).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

#: Languages the Latin-script identifier chooses among (the ones tvec has cues or data for).
#: Malay is left out: it is read as Indonesian, its close sibling, rather than split the two.
LATIN_LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "nl", "pl", "id", "tr", "sw", "so", "tl")
#: Fewer letters than this and the identifier is not asked (a Han character counts as three).
MIN_LETTERS = 8
#: Share of Roman Urdu/Hindi function words above which a Latin text is Roman Urdu.
ROMAN_URDU_SHARE = 0.12

_URDU_LETTERS = re.compile("[ےںٹڈڑھہگچپۓۃ]")
_PERSIAN_ONLY = re.compile("[ۀ]")
_WORD = re.compile(r"[^\W\d_]+")
# Function words of Roman Urdu / Romanised Hindi that are rare in the Latin-script languages
# above (not "to", "se", "me", "na", which are common elsewhere).
_ROMAN_URDU_WORDS = frozenset(
    "hai hain nahi nahin nhi ko ke ki ka kya aur mein bhi tha thi ho hota hoti wala wali walay "
    "kar karo karna karte kiya jata jaye yeh ye woh wo unka inka tum tumhe tumhara hum humein "
    "mujhe mera meri apna apni sab kuch koi kaise kyun kyu bohat bahut acha accha yaar bhai "
    "agar lekin phir abhi sirf chahiye hona hoga".split()
)


@dataclass(frozen=True)
class LanguageGuess:
    """A language code, the script it is written in, and how sure the guess is (0-1)."""

    lang: str = "und"
    script: str = "unknown"
    confidence: float = 0.0
    declared: bool = False

    def to_evidence(self) -> dict[str, object]:
        return {"lang": self.lang, "script": self.script, "lang_confidence": round(self.confidence, 3)}


@lru_cache(maxsize=1)
def _latin_identifier():  # type: ignore[no-untyped-def]
    """langid.py's bundled model restricted to :data:`LATIN_LANGUAGES` (loaded once; read-only)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LATIN_LANGUAGES))
    return identifier


_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Latin", re.compile(r"[A-Za-z\u00c0-\u024f]")),
    ("Arabic", re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")),
    ("Devanagari", re.compile("[\u0900-\u097f]")),
    ("Bengali", re.compile("[\u0980-\u09ff]")),
    ("Han", re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")),
    ("Cyrillic", re.compile("[\u0400-\u04ff]")),
    ("Hebrew", re.compile("[\u0590-\u05ff]")),
)
_OTHER_LETTER = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f\u0400-\u06ff\u0750-\u077f\u0900-\u09ff\u3400-\u4dbf\u4e00-\u9fff]")
#: English function words: a text this dense in them is English without asking the identifier.
_ENGLISH_WORDS = frozenset("the and is are was were to of in that it you i this for with not on be have".split())
ENGLISH_SHARE = 0.2
#: Characters the statistical identifier reads (its cost is linear in them).
IDENTIFIER_CHARS = 600


def _script_counts(text: str) -> dict[str, int]:
    """Letters (and combining marks) per script, counted by one regular expression each."""
    if text.isascii():
        return {"Latin": len(_SCRIPTS[0][1].findall(text))}
    counts = {name: len(pattern.findall(text)) for name, pattern in _SCRIPTS}
    other = len(_OTHER_LETTER.findall(text))
    if other:
        counts["Other"] = other
    return {k: v for k, v in counts.items() if v}


def identify_language(text: str, declared: str | None = None) -> LanguageGuess:
    """The language of ``text``; a ``declared`` code (from the caller) is trusted as given."""
    if declared:
        return LanguageGuess(declared, "declared", 1.0, declared=True)
    sample = text[:4000]
    counts = _script_counts(sample)
    letters = sum(counts.values()) + 2 * counts.get("Han", 0)
    if letters < MIN_LETTERS:
        return LanguageGuess()
    script, n = max(counts.items(), key=lambda kv: kv[1])
    share = n / sum(counts.values())
    if script == "Arabic":
        urdu = len(_URDU_LETTERS.findall(sample))
        if urdu >= max(2, 0.02 * n):
            return LanguageGuess("ur", script, share)
        return LanguageGuess("fa" if _PERSIAN_ONLY.search(sample) else "ar", script, share)
    fixed = {"Devanagari": "hi", "Bengali": "bn", "Han": "zh", "Cyrillic": "ru", "Hebrew": "he"}
    if script in fixed:
        return LanguageGuess(fixed[script], script, share)
    if script != "Latin":
        return LanguageGuess("und", script, share)
    words = [w.lower() for w in _WORD.findall(sample[:IDENTIFIER_CHARS * 2])]
    if words and sum(1 for w in words if w in _ROMAN_URDU_WORDS) / len(words) >= ROMAN_URDU_SHARE:
        return LanguageGuess("ur-Latn", script, share)
    if words and sum(1 for w in words if w in _ENGLISH_WORDS) / len(words) >= ENGLISH_SHARE:
        return LanguageGuess("en", script, share)
    lang, probability = _latin_identifier().classify(sample[:IDENTIFIER_CHARS])
    return LanguageGuess(str(lang), script, float(probability) * share)


def load_identifier() -> None:
    """Load the statistical identifier now (~0.5 s, once per process) rather than on the first
    Latin-script text that is not obviously English, so a scanner's first documents are not slow."""
    _latin_identifier()
