"""Shared reader for the tafsir-<lang> converters: Quran commentary (tafsir) from spa5k/tafsir_api.

Source: spa5k/tafsir_api @ 0d94afb9dbcffbc3568156f08c4e9d589c4a72c6, ``tafsir/<edition>/<surah>.json``
(``{"ayahs": [{"surah", "ayah", "text"}, ...]}``; texts as served by quran.com / altafsir.com),
``tafsir/editions.json``, ``README.md``, ``LICENSE``. Every row is commentary on scripture ->
neutral, split ``test``: these sets are evaluation-only hard negatives, never trained on.

Rows: one per (edition, ayah) of the SURAHS below (the Medinan surahs that carry the verses on
fighting, jihad, treaties and punishments - the hard part - plus al-Hajj), the commentary cut
to at most 2,000 characters on a sentence boundary (``cap_on_sentence``). Where quran.com
groups several ayahs under one commentary the repeats are identical and dropped as duplicates;
texts under 20 characters (placeholders such as "0", cross-references) are dropped.
"""
import json
import os

from _common import cap_on_sentence, clean, extract_from_mirror, write_normalised

REPO = "spa5k/tafsir_api"
COMMIT = "0d94afb9dbcffbc3568156f08c4e9d589c4a72c6"
# al-Baqarah, Al Imran, an-Nisa, al-Ma'idah, al-Anfal, at-Tawbah, al-Hajj, al-Ahzab, Muhammad,
# al-Fath, al-Hashr, al-Mumtahanah, as-Saff
SURAHS = (2, 3, 4, 5, 8, 9, 22, 33, 47, 48, 59, 60, 61)
MAX_CHARS = 2000
# Surah files over the snapshot's 4 MiB limit, so absent from the mirror.
ABSENT = {("ar-tafsir-al-tabari", 2)}
# Shorter texts are placeholders ("0") or cross-references, not commentary.
MIN_CHARS = 20


def convert(name, lang, editions):
    files = ["README.md", "LICENSE", ("tafsir/editions.json", "editions.json")]
    wanted = [(ed, s) for ed in editions for s in SURAHS if (ed, s) not in ABSENT]
    files += [(f"tafsir/{ed}/{s}.json", f"{ed}__{s}.json") for ed, s in wanted]
    raw = extract_from_mirror(name, REPO, COMMIT, files)
    rows = []
    for ed, s in wanted:
        with open(os.path.join(raw, f"{ed}__{s}.json"), encoding="utf-8") as f:
            ayahs = json.load(f).get("ayahs") or []  # null in a few bn files
        for item in sorted(ayahs, key=lambda a: int(a["ayah"])):
            text = cap_on_sentence(clean(item.get("text") or ""), MAX_CHARS)
            if len(text) < MIN_CHARS:
                continue
            rows.append((text, "neutral", lang, "test", f"tafsir:{ed}|{item['surah']}:{item['ayah']}"))
    return write_normalised(name, rows)
