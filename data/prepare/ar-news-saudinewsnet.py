"""SaudiNewsNet: Arabic articles from 14 Saudi online newspapers (21 Jul - 11 Aug 2015) -> normalised.tsv,
as evaluation-only hard negatives (news about terrorism, the war in Yemen, ISIS and armed groups, in Arabic).

Source: inparallel/SaudiNewsNet @ 4e39239966c2ae8a3faa591201acb9cd1f51199d, ``dataset/YYYY-MM-DD.zip`` (18
files, each one JSON array of articles: source, url, date_extracted, title, author, content) and ``README.md``
(licence CC BY-NC-SA 4.0, "for the sole purpose of aiding open scientific research"; the articles belong
to their newspapers). The set has no topic label, so articles are kept when title + body name at least two
distinct words of :data:`CONFLICT` (substring match, which also catches the Arabic clitic forms), and
:data:`CAP` of those are drawn with a fixed seed. Every row is a published article -> neutral, split test
(never trained on); each article is "Title. Body", cut to its first 2,000 characters on a sentence
boundary (``cap_on_sentence``).
"""
import json
import os
import random
import zipfile

from _common import cap_on_sentence, clean, extract_from_mirror, join_title, write_normalised

NAME = "ar-news-saudinewsnet"
REPO = "inparallel/SaudiNewsNet"
COMMIT = "4e39239966c2ae8a3faa591201acb9cd1f51199d"
DAYS = ["2015-07-21", "2015-07-22", "2015-07-23", "2015-07-24", "2015-07-25", "2015-07-26", "2015-07-27",
        "2015-07-31", "2015-08-01", "2015-08-02", "2015-08-03", "2015-08-04", "2015-08-06", "2015-08-07",
        "2015-08-08", "2015-08-09", "2015-08-10", "2015-08-11"]
FILES = ["README.md"] + [f"dataset/{d}.zip" for d in DAYS]
#: Terrorism, armed groups and armed conflict (ISIS, the Houthis, al-Qaeda, al-Nusra, Hezbollah, the Taliban,
#: attacks, bombings, suicide bombers, shelling, air strikes, gunmen, the army, militias, clashes, extremism).
CONFLICT = ("داعش", "الحوثي", "إرهاب", "الارهاب", "تفجير", "انتحاري", "قصف", "غارة", "غارات", "مسلح", "الجيش",
            "القاعدة", "ميليشي", "مليشي", "اشتباك", "حزب الله", "هجوم", "المتطرف", "التطرف", "جهادي", "النصرة",
            "طالبان")
MIN_TERMS = 2
CAP = 1500
SEED = 20261207
MAX_CHARS = 2000


def main():
    raw = extract_from_mirror(NAME, REPO, COMMIT, FILES)
    kept = []
    for day in DAYS:
        with zipfile.ZipFile(os.path.join(raw, f"{day}.zip")) as z:
            for member in z.namelist():
                for art in json.loads(z.read(member).decode("utf-8")):
                    title, body = clean(art.get("title") or ""), clean(art.get("content") or "")
                    if sum(term in f"{title} {body}" for term in CONFLICT) < MIN_TERMS or not body:
                        continue
                    text = cap_on_sentence(join_title(title, body), MAX_CHARS)
                    kept.append((text, "neutral", "ar", "test", f"saudinewsnet:{art.get('source', '')}|{day}"))
    print(f"{NAME}: {len(kept)} articles name at least {MIN_TERMS} conflict terms; sampling {CAP}")
    rows = random.Random(SEED).sample(kept, min(CAP, len(kept)))
    write_normalised(NAME, rows)


if __name__ == "__main__":
    main()
