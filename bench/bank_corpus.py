"""The banks benchmark's corpus: synthetic-but-realistic passages recombined from real news text.

Real text is read at run time from ../shared/data/news-neutral (BBC news and AG News; nothing of
it is committed), normalised with tvec's normaliser and cut into word runs. A bank passage is
80-120 words made of 16 runs of 8-20 consecutive words taken from random places of the bank-side
articles, so passages read like news, repeat real word pairs, and yet almost never share long
stretches with each other (unlike whole recombined sentences, which at 10M passages would each
recur a thousand times). 10% of the articles are held out: "unrelated" queries are built the same
way from them only, so they share no run with the bank.

Everything is deterministic: passage ``i`` depends only on the seed and ``i`` (it is generated in
chunks of CHUNK with a generator seeded by the chunk number), so every benchmark process builds
the same bank without holding or exchanging the text, and query targets are edited with a
generator seeded by their number.

Edits (``edit``): ~10% of a passage's words, each a substitution (50%), an insertion (20%), a
deletion (20%) or a homoglyph (10%: one Latin letter of a word replaced by its Cyrillic
look-alike, which tvec's normaliser folds back and the raw-text matchers do not).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from tvec.banks.passages import words_of
from tvec.normalise import normalise

ROOT = Path(__file__).resolve().parents[1]
NEWS = Path(os.environ.get("TVEC_SHARED_DIR", ROOT.parent / "shared")) / "data" / "news-neutral"
SEED = 20251123
CHUNK = 50_000
EDIT_FRACTION = 0.10
RUNS, RUN_MIN, RUN_MAX = 16, 8, 20
LENGTH_MIN, LENGTH_MAX = 80, 120
HOMOGLYPHS = {"a": "\u0430", "e": "\u0435", "o": "\u043e", "c": "\u0441", "p": "\u0440", "x": "\u0445", "i": "\u0456"}


def _articles() -> list[str]:
    texts: list[str] = []
    with open(NEWS / "bbc_news_train.csv", newline="", encoding="utf-8") as fh:
        texts.extend(row["Text"] for row in csv.DictReader(fh))
    with open(NEWS / "ag_news_csv" / "test.csv", newline="", encoding="utf-8") as fh:
        texts.extend(f"{row[1]}. {row[2]}" for row in csv.reader(fh) if len(row) == 3 and row[0] != "label")
    return texts


class Corpus:
    """Bank passages, unrelated passages and edited copies, all by number."""

    def __init__(self, seed: int = SEED) -> None:
        if not (NEWS / "bbc_news_train.csv").is_file():
            raise SystemExit(f"the benchmark reads real text from {NEWS} (set TVEC_SHARED_DIR)")
        self.seed = seed
        articles = _articles()
        rng = np.random.default_rng([seed, 0])
        held = rng.random(len(articles)) < 0.10
        vocabulary: dict[str, int] = {}
        bank_ids: list[int] = []
        held_ids: list[int] = []
        for text, is_held in zip(articles, held.tolist(), strict=True):
            target = held_ids if is_held else bank_ids
            for word in words_of(normalise(text)).words:
                target.append(vocabulary.setdefault(word, len(vocabulary)))
        self.words = list(vocabulary)
        self.bank_flat = np.asarray(bank_ids, dtype=np.int32)
        self.held_flat = np.asarray(held_ids, dtype=np.int32)
        self.source = f"news-neutral: {len(articles)} articles, {len(self.bank_flat)} bank-side words, " \
                      f"{len(self.held_flat)} held-out words, {len(self.words)} distinct words"

    def _passages(self, flat: np.ndarray, stream: int, chunk: int, count: int) -> list[str]:
        rng = np.random.default_rng([self.seed, stream, chunk])
        lengths = rng.integers(LENGTH_MIN, LENGTH_MAX + 1, count)
        starts = rng.integers(0, len(flat) - RUN_MAX, (count, RUNS))
        run_lengths = rng.integers(RUN_MIN, RUN_MAX + 1, (count, RUNS))
        offsets = np.arange(RUN_MAX)
        positions = (starts[:, :, None] + offsets).reshape(count, RUNS * RUN_MAX)
        before = np.cumsum(run_lengths, axis=1) - run_lengths  # words in the earlier runs
        mask = (offsets[None, None, :] < run_lengths[:, :, None]) & (
            before[:, :, None] + offsets[None, None, :] < lengths[:, None, None]
        )
        mask = mask.reshape(count, RUNS * RUN_MAX)
        words = [self.words[i] for i in flat[positions[mask]].tolist()]
        bounds = np.concatenate(([0], np.cumsum(lengths))).tolist()
        return [" ".join(words[bounds[i] : bounds[i + 1]]) for i in range(count)]

    def bank_chunk(self, chunk: int) -> list[str]:
        """Passages ``chunk * CHUNK ..`` (CHUNK of them)."""
        return self._passages(self.bank_flat, 1, chunk, CHUNK)

    def bank(self, count: int) -> Iterator[tuple[int, list[str]]]:
        """(first passage number, passages) for the first ``count`` passages, chunk by chunk."""
        for chunk in range((count + CHUNK - 1) // CHUNK):
            keys = self.bank_chunk(chunk)
            yield chunk * CHUNK, keys[: count - chunk * CHUNK]

    def unrelated(self, count: int, stream: int = 2) -> list[str]:
        out: list[str] = []
        chunk = 0
        while len(out) < count:
            out.extend(self._passages(self.held_flat, stream, chunk, min(CHUNK, count - len(out))))
            chunk += 1
        return out

    def edit(self, key: str, number: int, fraction: float = EDIT_FRACTION) -> str:
        rng = np.random.default_rng([self.seed, 3, number])
        words = key.split(" ")
        for _ in range(max(1, round(fraction * len(words)))):
            kind = rng.random()
            at = int(rng.integers(0, len(words)))
            if kind < 0.5:
                words[at] = self.words[int(self.bank_flat[rng.integers(0, len(self.bank_flat))])]
            elif kind < 0.7:
                words.insert(at, self.words[int(self.bank_flat[rng.integers(0, len(self.bank_flat))])])
            elif kind < 0.9 and len(words) > 1:
                del words[at]
            else:
                letters = [i for i, ch in enumerate(words[at]) if ch in HOMOGLYPHS]
                if letters:
                    i = letters[int(rng.integers(0, len(letters)))]
                    word = words[at]
                    words[at] = word[:i] + HOMOGLYPHS[word[i]] + word[i + 1 :]
                else:
                    words[at] = self.words[int(self.bank_flat[rng.integers(0, len(self.bank_flat))])]
        return " ".join(words)

    def targets(self, bank_size: int, count: int, stream: int = 4) -> np.ndarray:
        """Which bank passages get an edited copy among the queries (sorted)."""
        rng = np.random.default_rng([self.seed, stream, bank_size])
        return np.sort(rng.choice(bank_size, size=min(count, bank_size), replace=False))
