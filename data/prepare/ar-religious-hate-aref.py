"""Arabic religious hate speech tweets (Aref et al. 2020), as re-organised by
Vanetik, Al-Afawi, Litvak & Liebeskind (Arabic offensive-language taxonomy) -> normalised.tsv.

Source: NataliaVanetik/ArabicOffensiveLanguage_TaxonomyAndData @ 5912eda0a20f638168ce69cb92775e2c5f98b0a0,
translated-datasets-repo/arabic_off_lang_dataset_ID12.xlsx (columns: dataset name, text ID, dialect,
text, offensive, target, ..., religion; only `offensive` is annotated for this set, the rest is "null").
"""
import os

from _common import extract_from_mirror, read_xlsx, write_normalised

NAME = "ar-religious-hate-aref"
REPO = "NataliaVanetik/ArabicOffensiveLanguage_TaxonomyAndData"
COMMIT = "5912eda0a20f638168ce69cb92775e2c5f98b0a0"
FILES = [("translated-datasets-repo/arabic_off_lang_dataset_ID12.xlsx", "arabic_off_lang_dataset_ID12.xlsx"),
         "README.md", "LICENSE"]
# The source set is religious (sectarian) hate speech vs not: 1 = hate speech aimed at a
# religious group or sect -> dehumanisation; 0 = not hate (same religious/sectarian topics).
MAP = {"1": ("dehumanisation", "religious hate speech"), "0": ("neutral", "not hate speech")}


def main():
    raw = extract_from_mirror(NAME, REPO, COMMIT, FILES)
    sheet = read_xlsx(os.path.join(raw, "arabic_off_lang_dataset_ID12.xlsx"))
    header = {v.strip(): k for k, v in sheet[0].items()}
    rows = []
    for cells in sheet[1:]:
        flag = cells.get(header["offensive"], "").strip()
        if flag not in MAP:
            continue  # 4 rows have no label
        label, source = MAP[flag]
        rows.append((cells.get(header["text"], ""), label, "ar", "train", source))
    write_normalised(NAME, rows)


if __name__ == "__main__":
    main()
