"""Fifth Tribe "How ISIS uses Twitter" (Kaggle, CC0): tweets of 100+ pro-ISIS accounts -> normalised.tsv.

Source: the Kaggle file as an .xlsx in hanochk/Isis_tweet_detection_semantic_similarity_kaggle
@ 1848d3790b87a3114819356da063920dc73ee15c, data/tweets_isis_all.xlsx
(columns name, username, description, location, followers, numberstatuses, time, tweets).
Every row is a tweet from a pro-ISIS account, so every row is a positive (account-level label).
"""
import os
import re

from _common import extract_from_mirror, read_xlsx, write_normalised

NAME = "fifthtribe-isis-twitter"
REPO = "hanochk/Isis_tweet_detection_semantic_similarity_kaggle"
COMMIT = "1848d3790b87a3114819356da063920dc73ee15c"
FILES = ["data/tweets_isis_all.xlsx", ("README.md", "README.hanochk.md")]
ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
LATIN = re.compile(r"[A-Za-z]")


def lang_of(text):
    # Script heuristic: the tweets are mostly English, some Arabic.
    return "ar" if len(ARABIC.findall(text)) > len(LATIN.findall(text)) else "en"


def main():
    raw = extract_from_mirror(NAME, REPO, COMMIT, FILES)
    rows = read_xlsx(os.path.join(raw, "tweets_isis_all.xlsx"))
    header = rows[0]
    col = {v: k for k, v in header.items()}["tweets"]
    out = []
    for cells in rows[1:]:
        text = cells.get(col, "")
        out.append((text, "proscribed_support", lang_of(text), "train", "pro-ISIS account"))
    write_normalised(NAME, out)


if __name__ == "__main__":
    main()
