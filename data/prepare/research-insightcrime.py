"""InSight Crime articles (research and analysis on organised crime and armed groups in Latin
America: cartels, FARC/ELN guerrillas, gangs) -> normalised.tsv, as evaluation-only hard negatives
of the "research about violent groups" kind.

Source: eventdata/ConfliBERT @ 0b630014885b9597622082034cc5ab5471b57e5b, ``data/insightCrime/
{train,dev,test}.tsv`` (no header; column 1 the article, "Title. Body"; columns 2-8 ConfliBERT's
seven multi-label topic flags, 0/1), ``data/readme.md``, ``README.md``, ``LICENSE``. The
original set is on figshare (ConfliBERT, Hu et al., NAACL 2022). Every row is a published
article -> neutral, split test whatever ConfliBERT's split (never trained on); each article is
cut to its first 2,000 characters on a sentence boundary (``cap_on_sentence``).
"""
import csv
import os

from _common import cap_on_sentence, clean, extract_from_mirror, write_normalised

NAME = "research-insightcrime"
REPO = "eventdata/ConfliBERT"
COMMIT = "0b630014885b9597622082034cc5ab5471b57e5b"
SPLITS = ("train", "dev", "test")
FILES = ["README.md", "LICENSE", ("data/readme.md", "data_readme.md")] + [
    (f"data/insightCrime/{s}.tsv", f"{s}.tsv") for s in SPLITS]
MAX_CHARS = 2000


def main():
    raw = extract_from_mirror(NAME, REPO, COMMIT, FILES)
    csv.field_size_limit(1 << 24)
    rows = []
    for split in SPLITS:
        with open(os.path.join(raw, f"{split}.tsv"), encoding="utf-8", newline="") as f:
            for cols in csv.reader(f, delimiter="\t"):
                text = cap_on_sentence(clean(cols[0]), MAX_CHARS)
                rows.append((text, "neutral", "en", "test", f"insightcrime:{split}|flags={''.join(cols[1:])}"))
    write_normalised(NAME, rows)


if __name__ == "__main__":
    main()
