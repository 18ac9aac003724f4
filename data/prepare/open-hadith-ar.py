"""Open Hadith Data (Arabic hadith collections, no diacritics) -> normalised.tsv, as hard negatives.

Source: mhashim6/Open-Hadith-Data @ 1515f6cba21efed20d8916bf55acef1dffa0d2d5, the
<book>/<book>_ahadith.utf8.csv files (no header; columns: number, hadith text) that are under
4 MiB and so present in the snapshot. Every row is scripture-adjacent religious text -> neutral.
"""
import csv
import os

from _common import extract_from_mirror, write_normalised

NAME = "open-hadith-ar"
REPO = "mhashim6/Open-Hadith-Data"
COMMIT = "1515f6cba21efed20d8916bf55acef1dffa0d2d5"
BOOKS = {  # folder/file stem -> collection name used in source_label
    "Maliks_Muwataa/maliks_muwataa": "muwatta_malik",
    "Sunan_Abu-Dawud/sunan_abu-dawud": "sunan_abu_dawud",
    "Sunan_Al-Darimi/sunan_al-darimi": "sunan_al_darimi",
    "Sunan_Al-Nasai/sunan_al-nasai": "sunan_al_nasai",
    "Sunan_Al-Tirmidhi/sunan_al-tirmidhi": "jami_al_tirmidhi",
    "Sunan_Ibn-Maja/sunan_ibn-maja": "sunan_ibn_maja",
}
FILES = ["README.md", "LICENSE"] + [f"{stem}_ahadith.utf8.csv" for stem in BOOKS]


def main():
    raw = extract_from_mirror(NAME, REPO, COMMIT, FILES)
    rows = []
    for stem, book in BOOKS.items():
        path = os.path.join(raw, os.path.basename(stem) + "_ahadith.utf8.csv")
        with open(path, encoding="utf-8", newline="") as f:
            for number, text in csv.reader(f):
                rows.append((text, "neutral", "ar", "train", f"hadith:{book}"))
    write_normalised(NAME, rows)


if __name__ == "__main__":
    main()
