"""Quran commentary (tafsir), Urdu: Ibn Kathir, Bayan ul Quran (Israr Ahmad), Tazkirul Quran (Wahiduddin Khan) -> normalised.tsv, as
evaluation-only hard negatives (label neutral, split test). Reader and source: _tafsir_api.py.
"""
from _tafsir_api import convert

NAME = "tafsir-ur"
EDITIONS = ('ur-tafseer-ibn-e-kaseer', 'ur-tafsir-bayan-ul-quran', 'ur-tazkirul-quran')


def main():
    convert(NAME, "ur", EDITIONS)


if __name__ == "__main__":
    main()
