"""Urdu Threatening Tweet dataset (Amjad et al., IEEE Access 2021; FIRE 2022 shared task) -> normalised.tsv.

Source: MaazAmjad/Urdu-threat-detection-FIRE2022 @ 219e32e16dd8b7800fd483a2c1106ede67a7efba,
"Training Dataset.xlsx" (Tweets, label, S/G) and Test_data_with_truth_labels.xltx (Tweet, Threat, G/S).
label/Threat: 1 threatening, 0 non-threatening. S/G: target of the threat (0/1), 2 = not a threat.
"""
import os

from _common import extract_from_mirror, read_xlsx, write_normalised

NAME = "urdu-threat-fire2022"
REPO = "MaazAmjad/Urdu-threat-detection-FIRE2022"
COMMIT = "219e32e16dd8b7800fd483a2c1106ede67a7efba"
FILES = ["README.md", ("Training Dataset.xlsx", "train.xlsx"),
         ("Test_data_with_truth_labels.xltx", "test_with_truth_labels.xltx")]
# A threat to an individual or a group is a threat of violence -> incitement.
MAP = {"1": "incitement", "0": "neutral"}
NAMES = {"1": "threatening", "0": "non-threatening"}


def main():
    raw = extract_from_mirror(NAME, REPO, COMMIT, FILES)
    rows = []
    for split, fname in (("train", "train.xlsx"), ("test", "test_with_truth_labels.xltx")):
        sheet = read_xlsx(os.path.join(raw, fname))
        for cells in sheet[1:]:  # row 0 is the header (A text, B threat, C target)
            threat = cells.get("B", "").strip()
            if threat not in MAP:
                continue
            source = f"{NAMES[threat]}|target={cells.get('C', '').strip()}"
            rows.append((cells.get("A", ""), MAP[threat], "ur", split, source))
    write_normalised(NAME, rows)


if __name__ == "__main__":
    main()
