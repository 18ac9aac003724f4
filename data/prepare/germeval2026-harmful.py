"""GermEval 2025/2026 "Harmful Content Detection" (German tweets/posts) -> normalised.tsv.

Source: Communication-Forensics-Lab/harmful-content-detection @ 807e1bf29ac5dce5eb2c70b12621b3f664abb5ab,
GermEval2026/data/{c2a,dbo,vio}/*_train_26.csv (semicolon-separated: id;description;label).
The three subtasks annotate overlapping sets of the same posts; they are joined on `id` so that
each post gets one tvec label. The test sets are unlabelled and the trial files are samples of
train, so only the train files are used (split = train).
"""
import csv
import os

from _common import extract_from_mirror, write_normalised

NAME = "germeval2026-harmful"
REPO = "Communication-Forensics-Lab/harmful-content-detection"
COMMIT = "807e1bf29ac5dce5eb2c70b12621b3f664abb5ab"
TASKS = ("dbo", "vio", "c2a")
FILES = ["README.md", "LICENSE", ("GermEval2026/readme.md", "GermEval2026_readme.md")]
for _t in TASKS:
    FILES += [f"GermEval2026/data/{_t}/{_t}_train_26.csv",
              (f"GermEval2026/data/{_t}/readme.md", f"{_t}_readme.md")]

# Strongest label wins when the subtasks disagree (order = priority).
DBO = {"subversive": "insurrection",        # will to overthrow the government by force
       "agitation": "proscribed_support",   # propaganda of unconstitutional/terrorist orgs (see MANIFEST)
       "criticism": "neutral",              # legitimate criticism of the government
       "nothing": "neutral"}
VIO = {"call2violence": "incitement",       # inciting others to commit violence
       "prospensity": "incitement",         # (sic) the author's own will to use violence: a threat
       "glorification": "glorification",
       "support": "glorification",          # approval of violence or a violent event
       "other": "abuse",                    # other worrying violence-related statements
       "nothing": "neutral"}
PRIORITY = ("insurrection", "incitement", "glorification", "proscribed_support", "abuse", "neutral")


def main():
    raw = extract_from_mirror(NAME, REPO, COMMIT, FILES)
    posts = {}  # id -> {"text": ..., task: label}
    for task in TASKS:
        with open(os.path.join(raw, f"{task}_train_26.csv"), encoding="utf-8", newline="") as f:
            reader = csv.reader(f, delimiter=";")
            next(reader)
            for pid, text, label in reader:
                rec = posts.setdefault(pid, {"text": text})
                rec[task] = label
    rows = []
    for pid, rec in posts.items():
        candidates = []
        if "dbo" in rec:
            candidates.append(DBO[rec["dbo"]])
        if "vio" in rec:
            candidates.append(VIO[rec["vio"]])
        if not candidates:
            # Only the call-to-action label: a call to action may or may not be violent,
            # so only the FALSE ones are usable (as neutral).
            if rec["c2a"] != "FALSE":
                continue
            candidates.append("neutral")
        label = min(candidates, key=PRIORITY.index)
        source = "|".join(f"{t}={rec[t]}" for t in TASKS if t in rec)
        rows.append((rec["text"], label, "de", "train", source))
    write_normalised(NAME, rows)


if __name__ == "__main__":
    main()
