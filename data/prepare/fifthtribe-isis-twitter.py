"""Fifth Tribe "How ISIS uses Twitter" (Kaggle, CC0): tweets of 100+ pro-ISIS accounts -> normalised.tsv.

Source: the Kaggle file as an .xlsx in hanochk/Isis_tweet_detection_semantic_similarity_kaggle
@ 1848d3790b87a3114819356da063920dc73ee15c, data/tweets_isis_all.xlsx
(columns name, username, description, location, followers, numberstatuses, time, tweets).
Every row is a tweet from a pro-ISIS account, so every row is a positive (account-level label).
The .xlsx is read with the standard library (zipfile + ElementTree).
"""
import re
import xml.etree.ElementTree as ET
import zipfile
import os

from _common import extract_from_mirror, write_normalised

NAME = "fifthtribe-isis-twitter"
REPO = "hanochk/Isis_tweet_detection_semantic_similarity_kaggle"
COMMIT = "1848d3790b87a3114819356da063920dc73ee15c"
FILES = ["data/tweets_isis_all.xlsx", ("README.md", "README.hanochk.md")]
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
LATIN = re.compile(r"[A-Za-z]")


def read_xlsx(path):
    """Rows of the first sheet as lists of strings (shared strings and inline values)."""
    with zipfile.ZipFile(path) as z:
        shared = []
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
            shared.append("".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")))
        sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    rows = []
    for row in sheet.find("m:sheetData", NS).findall("m:row", NS):
        cells = {}
        for c in row.findall("m:c", NS):
            col = re.match(r"[A-Z]+", c.get("r")).group()
            v = c.find("m:v", NS)
            value = "" if v is None else v.text or ""
            if c.get("t") == "s":
                value = shared[int(value)]
            cells[col] = value
        rows.append(cells)
    return rows


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
