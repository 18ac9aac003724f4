"""Quran commentary (tafsir), Bengali: Ibn Kathir, Ahsanul Bayaan, Abu Bakr Zakaria, Fathul Majid -> normalised.tsv, as
evaluation-only hard negatives (label neutral, split test). Reader and source: _tafsir_api.py.
"""
from _tafsir_api import convert

NAME = "tafsir-bn"
EDITIONS = ('bn-tafseer-ibn-e-kaseer', 'bn-tafsir-ahsanul-bayaan', 'bn-tafsir-abu-bakr-zakaria', 'bn-tafisr-fathul-majid')


def main():
    convert(NAME, "bn", EDITIONS)


if __name__ == "__main__":
    main()
