"""Urdu world news from four Pakistani outlets (Samaa, Jang, Express, Geo Urdu; late 2024) -> normalised.tsv,
as evaluation-only hard negatives (international news: wars in Gaza, Lebanon, Syria and Ukraine, attacks,
armies, elections, in Urdu).

Source: ha405/Urdu-News-Classification-with-ML @ fb1a184e987972561b2bc893f97524af33a94480,
``dataset/individual_website_articles/{samaa,jang,express,geo}_articles.csv`` (id, title, link, content,
gold_label; Geo spells the columns ID, Title, Link, Content, Gold Label) and ``README.md``: the scraped,
unprocessed articles of a course project (five topics per outlet). The merged ``Dataset-(2k).csv`` is not
used: its text has had stopwords and punctuation removed. Kept: the topic ``world`` (Samaa, Express, Geo)
or ``International`` (Jang); entertainment, business, sports and science are dropped. Every row is a
published article -> neutral, split test (never trained on); each row is "Title. Body", cut to its first
2,000 characters on a sentence boundary (``cap_on_sentence``).
"""
import csv
import os

from _common import cap_on_sentence, clean, extract_from_mirror, join_title, write_normalised

NAME = "ur-news-pk-world"
REPO = "ha405/Urdu-News-Classification-with-ML"
COMMIT = "fb1a184e987972561b2bc893f97524af33a94480"
OUTLETS = ("samaa", "jang", "express", "geo")
FILES = ["README.md"] + [f"dataset/individual_website_articles/{o}_articles.csv" for o in OUTLETS]
TOPICS = ("world", "international")
MAX_CHARS = 2000


def main():
    raw = extract_from_mirror(NAME, REPO, COMMIT, FILES)
    csv.field_size_limit(1 << 24)
    rows = []
    for outlet in OUTLETS:
        with open(os.path.join(raw, f"{outlet}_articles.csv"), encoding="utf-8-sig", newline="") as f:
            for art in csv.DictReader(f):
                art = {k.strip().lower().replace(" ", "_"): v for k, v in art.items()}
                if art["gold_label"].strip().lower() not in TOPICS:
                    continue
                title, body = clean(art["title"]), clean(art["content"])
                if body:
                    text = cap_on_sentence(join_title(title, body), MAX_CHARS)
                    rows.append((text, "neutral", "ur", "test", f"{outlet}:{art['gold_label'].strip()}"))
    write_normalised(NAME, rows)


if __name__ == "__main__":
    main()
