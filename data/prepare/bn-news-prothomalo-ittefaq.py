"""Bengali news articles from Prothom Alo (its "Bangladesh" section: domestic politics, crime, security) and
the Daily Ittefaq (latest news), February 2026 -> normalised.tsv, as evaluation-only hard negatives (news
about politics, violence, the army and courts, in Bengali).

Source: mirazchowdhury/bengali-news-classifier @ 01725000b741b756df9849ee7d01ab42dca3a3cc,
``data/prothom_alo_bangladesh_real.csv`` (Title, Category, Author, Date_Time, Body, URL, Label; 212 articles,
all Category "Bangladesh", Label "Real"), ``data/ittefaq_real_news.csv`` (Title, Date_Time, Image_URL,
Image_Caption, Body, URL; 200 articles) and ``README.md``. The repository scraped them as the "real news"
side of a fake-news classifier; its fake-news file is not used. Every row is a published article ->
neutral, split test (never trained on); each row is "Title. Body", cut to its first 2,000 characters on a
sentence boundary (``cap_on_sentence``).
"""
import csv
import os

from _common import cap_on_sentence, clean, extract_from_mirror, join_title, write_normalised

NAME = "bn-news-prothomalo-ittefaq"
REPO = "mirazchowdhury/bengali-news-classifier"
COMMIT = "01725000b741b756df9849ee7d01ab42dca3a3cc"
FILES = ["README.md", "data/prothom_alo_bangladesh_real.csv", "data/ittefaq_real_news.csv"]
OUTLETS = (("prothom_alo_bangladesh_real.csv", "prothomalo:bangladesh"), ("ittefaq_real_news.csv", "ittefaq"))
MAX_CHARS = 2000


def main():
    raw = extract_from_mirror(NAME, REPO, COMMIT, FILES)
    csv.field_size_limit(1 << 24)
    rows = []
    for file, outlet in OUTLETS:
        with open(os.path.join(raw, file), encoding="utf-8-sig", newline="") as f:
            for art in csv.DictReader(f):
                title, body = clean(art["Title"]), clean(art["Body"])
                if body:
                    text = cap_on_sentence(join_title(title, body), MAX_CHARS)
                    rows.append((text, "neutral", "bn", "test", outlet))
    write_normalised(NAME, rows)


if __name__ == "__main__":
    main()
