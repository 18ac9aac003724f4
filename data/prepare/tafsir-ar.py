"""Quran commentary (tafsir), Arabic: Ibn Kathir, al-Tabari (no al-Baqarah: its file is over the snapshot limit), al-Qurtubi (classical), al-Muyassar, al-Sa'di (modern) -> normalised.tsv, as
evaluation-only hard negatives (label neutral, split test). Reader and source: _tafsir_api.py.
"""
from _tafsir_api import convert

NAME = "tafsir-ar"
EDITIONS = ('ar-tafsir-ibn-kathir', 'ar-tafsir-al-tabari', 'ar-tafseer-al-qurtubi', 'ar-tafsir-muyassar', 'ar-tafseer-al-saddi')


def main():
    convert(NAME, "ar", EDITIONS)


if __name__ == "__main__":
    main()
