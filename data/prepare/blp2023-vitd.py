"""BLP-2023 Task 1, Violence Inciting Text Detection (Bangla YouTube comments) -> normalised.tsv.

Source: blp-workshop/blp_task1 @ 0f92f632ff1c2d79de67e63a9cdec384d941cee3 (dataset/*.csv).
Labels: 2 Direct Violence, 1 Passive Violence, 0 Non-Violence.
"""
import csv
import os

from _common import extract_from_mirror, write_normalised

NAME = "blp2023-vitd"
REPO = "blp-workshop/blp_task1"
COMMIT = "0f92f632ff1c2d79de67e63a9cdec384d941cee3"
FILES = ["README.md", "dataset/train.csv", "dataset/dev.csv", "dataset/test.csv"]

# Direct violence = explicit threats/calls to kill, rape, burn, expel, convert -> incitement.
# Passive violence = derogatory or abusive language aimed at people or communities, plus
# justification of violence: not a call to violence, so it is mapped to abuse (see MANIFEST).
MAP = {
    "2": ("incitement", "Direct Violence"),
    "1": ("abuse", "Passive Violence"),
    "0": ("neutral", "Non-Violence"),
}


def main():
    raw = extract_from_mirror(NAME, REPO, COMMIT, FILES)
    rows = []
    for split in ("train", "dev", "test"):
        with open(os.path.join(raw, f"{split}.csv"), encoding="utf-8", newline="") as f:
            for rec in csv.DictReader(f):
                label, source = MAP[rec["label"].strip()]
                rows.append((rec["text"], label, "bn", split, source))
    write_normalised(NAME, rows)


if __name__ == "__main__":
    main()
