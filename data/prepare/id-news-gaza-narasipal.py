"""Narasipal: Indonesian news headlines on the war in Gaza (Oct 2023 - Jan 2025) -> normalised.tsv,
as evaluation-only hard negatives (news about conflict, attacks and armed groups, in Indonesian).

Source: salmadanu/narasipal @ 79a2fbde4eefe42643c7c7715f92a3cd218f864a, ``dataset.xlsx`` (columns
id, judul_berita = headline, sumber_berita = outlet, url, tanggal_publikasi, jumlah_kata) and
``README.md``. Headlines from Kompas, Tempo, Detik, Republika, CNN Indonesia and CNBC Indonesia.
Every row is a published news headline -> neutral, split test (never trained on).
"""
import os

from _common import extract_from_mirror, read_xlsx, write_normalised

NAME = "id-news-gaza-narasipal"
REPO = "salmadanu/narasipal"
COMMIT = "79a2fbde4eefe42643c7c7715f92a3cd218f864a"
FILES = ["README.md", "dataset.xlsx"]


def main():
    raw = extract_from_mirror(NAME, REPO, COMMIT, FILES)
    sheet = read_xlsx(os.path.join(raw, "dataset.xlsx"))
    assert sheet[0].get("B") == "judul_berita", sheet[0]
    rows = [(cells.get("B", ""), "neutral", "id", "test", f"headline:{cells.get('C', '').strip()}")
            for cells in sheet[1:]]
    write_normalised(NAME, rows)


if __name__ == "__main__":
    main()
