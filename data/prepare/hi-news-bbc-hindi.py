"""BBC Hindi news articles (BBC News Hindi, c. 2013-2014; the "BBC Hindi" classification set released with
NirantK/hindi2vec) -> normalised.tsv, as evaluation-only hard negatives (world news and Indian politics,
in Hindi).

Source: danlobo1999/classification-of-hindi-news @ edf606fc4beb15a13c8dd963a7cbce5995400f8c,
``dataset/bbc_hindi_cleaned/hindi-cleaned-test.csv`` (header ``0,1``: column 0 the topic, column 1 the article;
345 articles of the original test split in five topics, the texts untouched - that repository's
``notebooks/DataPreProcessing.ipynb`` only drops topics and keeps the first 70 ``india`` and ``international``
articles), ``README.md``. The original ``hindi-test.csv`` is over the snapshot's size limit and absent, and
``NirantK/hindi2vec`` ships the set only as a release archive. Kept: the topics ``international`` and
``india``; ``sport``, ``entertainment`` and ``science`` are dropped. Every row is a published article ->
neutral, split test (never trained on); each article cut to its first 2,000 characters on a sentence
boundary (``cap_on_sentence``).
"""
import csv
import os

from _common import cap_on_sentence, clean, extract_from_mirror, write_normalised

NAME = "hi-news-bbc-hindi"
REPO = "danlobo1999/classification-of-hindi-news"
COMMIT = "edf606fc4beb15a13c8dd963a7cbce5995400f8c"
FILES = ["README.md", ("dataset/bbc_hindi_cleaned/hindi-cleaned-test.csv", "hindi-test.csv")]
TOPICS = ("international", "india")
MAX_CHARS = 2000


def main():
    raw = extract_from_mirror(NAME, REPO, COMMIT, FILES)
    csv.field_size_limit(1 << 24)
    rows = []
    with open(os.path.join(raw, "hindi-test.csv"), encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        assert next(reader) == ["0", "1"]
        for topic, text in reader:
            if topic in TOPICS:
                rows.append((cap_on_sentence(clean(text), MAX_CHARS), "neutral", "hi", "test", f"bbc-hindi:{topic}"))
    write_normalised(NAME, rows)


if __name__ == "__main__":
    main()
