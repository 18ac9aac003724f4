"""Hand-written look-alike tables used by :mod:`tvec.normalise`.

Why hand-written rather than Unicode's ``confusables.txt``: that file maps thousands of
characters, many of which are only similar in some fonts, and folding them all would turn large
parts of genuine Cyrillic, Greek and Armenian text into Latin noise. The tables below hold the
letters that are *actually used* to spoof Latin words (they look the same in ordinary fonts, in
the same case), and the common leetspeak substitutions. Everything here is a read-only mapping.

Rules the tables must keep, checked by the tests:

* every key is a single character that Unicode NFKD leaves unchanged (a key that NFKD rewrites
  would never be seen by the normaliser, which looks letters up after NFKD);
* Cyrillic/Greek keys are case-sensitive (``Н`` looks like ``H`` but ``н`` does not look like
  ``h``), and whenever a lowercase letter is a key its uppercase form is a key too. The second
  rule keeps normalisation idempotent: a word left unfolded is lower-cased, and lower-casing
  must not turn a non-look-alike into a look-alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

#: Cyrillic letters that look like a Latin letter of the same case, to that Latin letter.
CYRILLIC_LOOKALIKES: Mapping[str, str] = MappingProxyType(
    {
        # uppercase
        "А": "A",
        "В": "B",
        "Е": "E",
        "К": "K",
        "М": "M",
        "Н": "H",
        "О": "O",
        "Р": "P",
        "С": "C",
        "Т": "T",
        "Х": "X",
        "У": "Y",
        "І": "I",  # U+0406 Byelorussian-Ukrainian I
        "Ј": "J",  # U+0408 Je
        "Ѕ": "S",  # U+0405 Dze
        "Һ": "H",  # U+04BA Shha
        "Ӏ": "I",  # U+04C0 Palochka
        "Ԛ": "Q",  # U+051A Qa
        "Ԝ": "W",  # U+051C We
        "Ү": "Y",  # U+04AE Straight U
        "Ԁ": "D",  # U+0500 Komi De (capital of ԁ, listed for the case rule)
        "Ѵ": "V",  # U+0474 Izhitsa
        # lowercase
        "а": "a",
        "е": "e",
        "о": "o",
        "р": "p",
        "с": "c",
        "х": "x",
        "у": "y",
        "і": "i",  # U+0456 (with a diaeresis, ї, it reaches here as і + mark)
        "ј": "j",
        "ѕ": "s",
        "һ": "h",
        "ӏ": "l",  # U+04CF small palochka looks like l
        "ԛ": "q",
        "ԝ": "w",
        "ү": "y",
        "ԁ": "d",
        "ѵ": "v",
    }
)

#: Greek letters that look like a Latin letter of the same case, to that Latin letter.
GREEK_LOOKALIKES: Mapping[str, str] = MappingProxyType(
    {
        # uppercase
        "Α": "A",
        "Β": "B",
        "Ε": "E",
        "Ζ": "Z",
        "Η": "H",
        "Ι": "I",
        "Κ": "K",
        "Μ": "M",
        "Ν": "N",
        "Ο": "O",
        "Ρ": "P",
        "Τ": "T",
        "Υ": "Y",
        "Χ": "X",
        "Ϳ": "J",  # U+037F Yot
        # lowercase (kept short: κ, γ, τ, ε are visibly different in ordinary fonts)
        "α": "a",
        "ο": "o",
        "ι": "i",
        "ν": "v",
        "ρ": "p",
        "υ": "u",
        "ϳ": "j",  # U+03F3 yot
    }
)

#: Latin letters (outside a-z) that stand in for a plain letter and have no Unicode
#: decomposition (so stripping diacritics does not reach them). Always folded: they are
#: Latin already, so folding them cannot damage another script.
LATIN_LOOKALIKES: Mapping[str, str] = MappingProxyType(
    {
        "ı": "i",  # dotless i
        "ȷ": "j",  # dotless j
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ħ": "h",
        "ŧ": "t",
        "ƀ": "b",
        "ƒ": "f",
        "ɨ": "i",
        "ɩ": "i",  # Latin iota
        "ɑ": "a",  # Latin alpha
        "ɡ": "g",  # script g
        "ǀ": "l",  # dental click, looks like l or I
        "æ": "ae",
        "œ": "oe",
        # small capitals
        "ᴀ": "a",
        "ʙ": "b",
        "ᴄ": "c",
        "ᴅ": "d",
        "ᴇ": "e",
        "ꜰ": "f",
        "ɢ": "g",
        "ʜ": "h",
        "ɪ": "i",
        "ᴊ": "j",
        "ᴋ": "k",
        "ʟ": "l",
        "ᴍ": "m",
        "ɴ": "n",
        "ᴏ": "o",
        "ᴘ": "p",
        "ʀ": "r",
        "ꜱ": "s",
        "ᴛ": "t",
        "ᴜ": "u",
        "ᴠ": "v",
        "ᴡ": "w",
        "ʏ": "y",
        "ᴢ": "z",
    }
)

#: Leetspeak digits and symbols, applied only inside words that also hold a Latin letter
#: (so numbers, prices and mentions keep their meaning).
LEET: Mapping[str, str] = MappingProxyType(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)

#: Apostrophes, primes and the transliteration marks for ayn and hamza (ʿ ʾ). Inside a word they
#: are dropped (Qa'ida = Qaʿida = Qaida); elsewhere they are punctuation. Looked up after NFKD.
APOSTROPHES: frozenset[str] = frozenset(
    "'`"
    "\u02b9\u02ba\u02bb\u02bc\u02bd\u02be\u02bf"  # ʹ ʺ ʻ ʼ ʽ ʾ ʿ
    "\u02c8\u02ca\u02cb"  # ˈ ˊ ˋ
    "\u2018\u2019\u201b\u2032\u2035"  # ‘ ’ ‛ ′ ‵
    "\ua78b\ua78c"  # Ꞌ ꞌ saltillo
    "\u055a"  # Armenian apostrophe
)

#: Spacing accents that NFKD turns into "space + combining mark"; used as apostrophes in
#: transliterations (Qa´ida), so they are mapped to an apostrophe *before* NFKD.
SPACING_ACCENTS: frozenset[str] = frozenset(
    "\u00b4"  # ´ acute accent
    "\u1fbd\u1fbf\u1ffd\u1ffe"  # Greek koronis, psili, oxia, dasia
)
