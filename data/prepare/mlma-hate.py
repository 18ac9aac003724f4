"""MLMA: Multilingual and Multi-Aspect Hate Speech (Ousidhoum et al., EMNLP 2019), ar/fr/en tweets -> normalised.tsv.

Source: HKUST-KnowComp/MLMA_hate_speech @ 479836984aebfbd8a0270ca92018980f745e4c44,
hate_speech_mlma.zip -> hate_speech_mlma/{ar_dataset,fr_dataset,en_dataset_with_stop_words}.csv
(HITId, tweet, sentiment, directness, annotator_sentiment, target, group).
`sentiment` is the hostility type, multi-label joined with "_" (e.g. "abusive_hateful").
"""
import csv
import io
import os
import zipfile

from _common import extract_from_mirror, write_normalised

NAME = "mlma-hate"
REPO = "HKUST-KnowComp/MLMA_hate_speech"
COMMIT = "479836984aebfbd8a0270ca92018980f745e4c44"
FILES = ["hate_speech_mlma.zip", "README.md", "LICENSE"]
MEMBERS = {"ar": "hate_speech_mlma/ar_dataset.csv",
           "fr": "hate_speech_mlma/fr_dataset.csv",
           # the plain en_dataset.csv has stop words stripped; this one keeps the tweet text whole
           "en": "hate_speech_mlma/en_dataset_with_stop_words.csv"}
GROUP_TARGETS = {"origin", "religion"}  # ethnicity/nationality and religion


def tvec_label(sentiment, target):
    kinds = set(sentiment.split("_"))
    if kinds == {"normal"}:
        return "neutral"  # the authors treat only single-labelled "normal" as non-toxic
    if "hateful" in kinds and target in GROUP_TARGETS:
        return "dehumanisation"
    return "abuse"  # offensive/abusive/disrespectful/fearful, or hate about gender, disability, ...


def main():
    raw = extract_from_mirror(NAME, REPO, COMMIT, FILES)
    rows = []
    with zipfile.ZipFile(os.path.join(raw, "hate_speech_mlma.zip")) as z:
        for lang, member in MEMBERS.items():
            text = z.read(member).decode("utf-8")
            for rec in csv.DictReader(io.StringIO(text)):
                source = f"{rec['sentiment']}|target={rec['target']}|group={rec['group']}"
                rows.append((rec["tweet"], tvec_label(rec["sentiment"], rec["target"]),
                             lang, "train", source))
    write_normalised(NAME, rows)


if __name__ == "__main__":
    main()
