"""Le Monde RSS items of the "International" section, 2022 (title + standfirst) -> normalised.tsv, as
evaluation-only hard negatives (world news: the war in Ukraine, the Sahel, the Middle East, armed groups,
attacks, in French).

Source: Yidi-Huang/LeMondeTopic2022 @ 534edde706ad7496df2b7cc90a39966d0b3b5ff0 (a student project of the
M1 TAL "PPE2" course, 2022-2023, built on the course's corpus of Le Monde RSS feeds for 2022),
``articles_par_international.xml`` (``<category name="international"><date month day><article><title>
<description>``; 354 days, 7,074 items, of which 6,860 distinct) and ``README.md``. The file is gone from
the repository's later commits, hence the older commit. :data:`CAP` items are drawn with a fixed seed.
Every row is a published headline and standfirst -> neutral, split test (never trained on); each row is
"Title. Description".
"""
import os
import random
import xml.etree.ElementTree as ET

from _common import clean, extract_from_mirror, join_title, write_normalised

NAME = "fr-news-lemonde-international"
REPO = "Yidi-Huang/LeMondeTopic2022"
COMMIT = "534edde706ad7496df2b7cc90a39966d0b3b5ff0"
FILES = ["README.md", "articles_par_international.xml"]
CAP = 1500
SEED = 20261207


def main():
    raw = extract_from_mirror(NAME, REPO, COMMIT, FILES)
    root = ET.parse(os.path.join(raw, "articles_par_international.xml")).getroot()
    assert root.get("name") == "international", root.attrib
    items, seen = [], set()
    for day in root.findall("date"):
        for art in day.findall("article"):
            title, desc = clean(art.findtext("title") or ""), clean(art.findtext("description") or "")
            text = join_title(title, desc)
            if text and text not in seen:
                seen.add(text)
                items.append((text, "neutral", "fr", "test", f"lemonde-rss:international|2022-{day.get('month')}-{day.get('day')}"))
    print(f"{NAME}: {len(items)} distinct items; sampling {CAP}")
    write_normalised(NAME, random.Random(SEED).sample(items, min(CAP, len(items))))


if __name__ == "__main__":
    main()
