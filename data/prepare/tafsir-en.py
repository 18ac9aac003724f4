"""Quran commentary (tafsir), English: Ibn Kathir (abridged), al-Jalalayn, Ma'arif al-Qur'an, Tazkirul Quran, Asbab al-Nuzul of al-Wahidi -> normalised.tsv, as
evaluation-only hard negatives (label neutral, split test). Reader and source: _tafsir_api.py.
"""
from _tafsir_api import convert

NAME = "tafsir-en"
EDITIONS = ('en-tafisr-ibn-kathir', 'en-al-jalalayn', 'en-tafsir-maarif-ul-quran', 'en-tazkirul-quran', 'en-asbab-al-nuzul-by-al-wahidi')


def main():
    convert(NAME, "en", EDITIONS)


if __name__ == "__main__":
    main()
