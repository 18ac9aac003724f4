"""Indonesian multi-label hate speech and abusive language (Ibrohim & Budi, ALW 2019) -> normalised.tsv.

Source: okkyibrohim/id-multi-label-hate-speech-and-abusive-language-detection
@ be98de98e974b65838d2b5145ee2c89e9bf53a6b, re_dataset.csv (Tweet, HS, Abusive, HS_Individual,
HS_Group, HS_Religion, HS_Race, HS_Physical, HS_Gender, HS_Other, HS_Weak, HS_Moderate, HS_Strong).
The file is not valid UTF-8 everywhere (341 lines have broken emoji bytes): bad bytes become U+FFFD.
"""
import csv
import io
import os

from _common import extract_from_mirror, write_normalised

NAME = "id-multilabel-hate"
REPO = "okkyibrohim/id-multi-label-hate-speech-and-abusive-language-detection"
COMMIT = "be98de98e974b65838d2b5145ee2c89e9bf53a6b"
FILES = ["re_dataset.csv", "README.md", "citation.bib"]
FLAGS = ("HS", "Abusive", "HS_Individual", "HS_Group", "HS_Religion", "HS_Race", "HS_Physical",
         "HS_Gender", "HS_Other", "HS_Weak", "HS_Moderate", "HS_Strong")


def tvec_label(rec):
    on = lambda k: rec[k].strip() == "1"
    if on("HS") and on("HS_Group") and (on("HS_Religion") or on("HS_Race")):
        return "dehumanisation"  # hate aimed at a religious or ethnic group
    if on("HS") or on("Abusive"):
        return "abuse"  # hate at individuals, or other targets; abusive language
    return "neutral"


def main():
    raw = extract_from_mirror(NAME, REPO, COMMIT, FILES)
    with open(os.path.join(raw, "re_dataset.csv"), "rb") as f:
        text = f.read().decode("utf-8", errors="replace")
    rows = []
    for rec in csv.DictReader(io.StringIO(text)):
        source = ",".join(k for k in FLAGS if rec[k].strip() == "1") or "none"
        rows.append((rec["Tweet"], tvec_label(rec), "id", "train", source))
    write_normalised(NAME, rows)


if __name__ == "__main__":
    main()
