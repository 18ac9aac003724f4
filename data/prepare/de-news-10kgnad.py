"""10kGNAD (Ten Thousand German News Articles Dataset, DER STANDARD, Austria, 2015-2016) -> normalised.tsv,
as evaluation-only hard negatives (news about international conflict, domestic politics and crime, in German).

Source: tblock/10kGNAD @ da845fe4a16f02a8de10903ffbc636d1c8d21862, ``test.csv`` (``label;'text'``,
semicolon-separated, text quoted with single quotes; 1,028 articles in nine topics), ``README.md``,
``LICENSE``. ``train.csv`` is over the snapshot's size limit and absent, so only the original test split
is used. Kept: the topics ``International`` (world news), ``Inland`` (Austrian politics) and ``Panorama``
(crime, accidents, society); the others (Web, Wirtschaft, Sport, Kultur, Etat, Wissenschaft) are dropped.
Every row is a published article -> neutral, split test (never trained on); each article cut to its first
2,000 characters on a sentence boundary (``cap_on_sentence``).
"""
import csv
import os

from _common import cap_on_sentence, clean, extract_from_mirror, write_normalised

NAME = "de-news-10kgnad"
REPO = "tblock/10kGNAD"
COMMIT = "da845fe4a16f02a8de10903ffbc636d1c8d21862"
FILES = ["README.md", "LICENSE", "test.csv"]
TOPICS = ("International", "Inland", "Panorama")
MAX_CHARS = 2000


def main():
    raw = extract_from_mirror(NAME, REPO, COMMIT, FILES)
    csv.field_size_limit(1 << 24)
    rows = []
    with open(os.path.join(raw, "test.csv"), encoding="utf-8", newline="") as f:
        for cols in csv.reader(f, delimiter=";", quotechar="'"):
            label, text = cols[0], ";".join(cols[1:])
            if label in TOPICS:
                rows.append((cap_on_sentence(clean(text), MAX_CHARS), "neutral", "de", "test", f"10kgnad:{label}"))
    write_normalised(NAME, rows)


if __name__ == "__main__":
    main()
