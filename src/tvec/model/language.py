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
import unicodedata
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


def _script_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for ch in text:
        if not ch.isalpha() and not unicodedata.category(ch).startswith("M"):
            continue
        code = ord(ch)
        if code < 0x250:
            script = "Latin"
        elif 0x600 <= code <= 0x6FF or 0x750 <= code <= 0x77F or 0xFB50 <= code <= 0xFEFF:
            script = "Arabic"
        elif 0x900 <= code <= 0x97F:
            script = "Devanagari"
        elif 0x980 <= code <= 0x9FF:
            script = "Bengali"
        elif 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF:
            script = "Han"
        elif 0x400 <= code <= 0x4FF:
            script = "Cyrillic"
        elif 0x590 <= code <= 0x5FF:
            script = "Hebrew"
        else:
            script = unicodedata.name(ch, "OTHER").split(" ", 1)[0].title()
        counts[script] = counts.get(script, 0) + 1
    return counts


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
    words = [w.lower() for w in _WORD.findall(sample)]
    if words and sum(1 for w in words if w in _ROMAN_URDU_WORDS) / len(words) >= ROMAN_URDU_SHARE:
        return LanguageGuess("ur-Latn", script, share)
    lang, probability = _latin_identifier().classify(sample)
    return LanguageGuess(str(lang), script, float(probability) * share)
