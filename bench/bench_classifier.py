"""Benchmark: the classifier cascade per core, against a BERT-base-sized transformer in the same run.

Corpora: ~1 KB posts, read from ../shared/data at run time (nothing of them is in the repo):

- ``ordinary_posts`` - the goal's "ordinary platform posts, most of them off-topic": held-out
  rows (test + validation splits, which the shipped models never trained on) of the Gab Hate
  Corpus, a sample of Gab posts kept in its own mixture (~9 % hateful), plus the HateXplain and
  Davidson rows annotated normal / neither (both sets are sampled for hate and profanity, so only
  their ordinary rows are representative). Honest limits: Gab is a far-right-leaning platform,
  so its "ordinary" posts talk about politics, migration and religion more than a general
  platform's would; the texts are English; several tweets or posts make one ~1 KB document.
- ``reddit_replies_to_hate`` - Reddit replies from a counter-speech corpus: replies TO hate
  speech, denser in hate and rebuttal than ordinary posts (the previous rounds' "ordinary" row,
  kept for comparison).
- ``ordinary_posts_not_english`` - held-out Roman Urdu, Arabic and Hindi posts labelled normal /
  not hateful / non-hostile, one language per document; every sentence of a text not in English
  goes to the semantic stage, so it runs on ``--multilingual-docs`` documents only.
- ``topic_dense`` - AG News "World" items about conflict and terrorism.

Without ../shared each corpus falls back to BBC news sentences (or is left out).

1. tvec: the documents go through ``tvec.scanner.Scanner`` with the detectors ``context`` and
   ``classifier`` (default cascade: linear first stage + call-to-action analysis, and the encoder
   second stage for uncertain sentences when ``tvec[encoder]`` is installed) and the shipped
   policy for UK and EU. When the classifier detector is not importable, the script times the
   stage it wraps instead (sentence split + ``LinearModel.predict_proba`` + call-to-action
   analysis) and says so in ``mode``.
2. transformer: the same documents through a BERT-base-sized encoder classifier (12 layers,
   hidden 768, 12 heads, FFN 3072, sequence length 256, 12 output categories) with RANDOM
   weights: speed does not depend on the weights. Tokens come from a hashing word tokenizer
   (no vocabulary download); every document is padded or cut to 256 tokens as a fine-tuned BERT
   classifier would be run. Needs PyTorch on CPU: ``.venv/bin/pip install torch==2.13.0``.

Both run in this one process on one core (BLAS/OpenMP threads and torch threads set to 1).
The headline rate is the first pass over the documents, with the scanner's word caches cold;
``steady_state_docs_per_s_per_core`` is a second pass over the same documents, as in a long
stream whose vocabulary the caches already hold. Each is the median of ``--repeats`` runs, each
with a new Scanner (so every first pass is cold): on a shared virtual machine single runs of
the same code vary by up to +-30 %, and the runs are listed (``tvec.cold_runs_docs_per_s``) so
the spread shows. After that, each part of the cascade is timed
on its own over the same documents
(``component_ms_per_doc``: sentence split, the shared per-document analyses - voices, genre,
language - each detector, the classifier's linear model, call-to-action and dehumanisation
analyses, the policy), to show where the time goes. The semantic stage's encoder is timed inside
the median cold pass (``semantic_stage_cold_pass``: sentences embedded per document, its CPU
time and share), since after one pass its cache holds every sentence.

    .venv/bin/python bench/bench_classifier.py [--docs N] [--multilingual-docs N] [--transformer-docs N] [--repeats N]

Writes bench/results/classifier.json and prints it as the last line.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"  # per-core figures: before numpy, torch or the encoder start their pools

import argparse
import csv
import json
import platform
import random
import re
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_pipeline import POST_BYTES, SEED, SHARED, posts, sentences

from tvec.errors import TvecError
from tvec.settings import TvecSettings
from tvec.types import Document

ROOT = Path(__file__).resolve().parents[1]
JURISDICTIONS = ["UK", "EU"]
SEQ_LEN = 256
VOCAB = 30522
N_CATEGORIES = 12


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


# ------------------------------------------------------------------------------------------- tvec


def tvec_runner(home: Path) -> tuple[Callable[[Sequence[Document]], int], dict[str, Any]]:
    """A function that scans documents and returns how many were flagged, and what it runs."""
    settings = TvecSettings(home=home)  # the default detectors
    try:
        import tvec.detectors.classifier as classifier_module
    except ImportError as exc:
        return _fallback_runner(f"tvec.detectors.classifier not importable ({exc})")

    from tvec.detectors.base import DetectorRegistry
    from tvec.errors import ConfigurationError
    from tvec.scanner import Scanner

    t0 = time.perf_counter()
    try:
        scanner = Scanner(settings)
        how = "Scanner(detectors=['context', 'classifier']) from the entry points"
    except ConfigurationError as exc:  # entry points not registered yet: build them directly
        import tvec.detectors.context as context_module

        detectors = [context_module.create(settings), classifier_module.create(settings)]
        scanner = Scanner(settings, detectors=detectors, registry=DetectorRegistry())
        how = f"Scanner with context/classifier built from their modules ({exc})"
    startup = time.perf_counter() - t0
    classifier = next(d for d in scanner.detectors if d.name == "classifier")
    info = {
        "mode": "scanner",
        "how": how,
        "detectors": [d.name for d in scanner.detectors],
        "second_stage": type(getattr(classifier, "second_stage", None)).__name__,
        "startup_s": round(startup, 3),
        "jurisdictions": JURISDICTIONS,
    }

    semantic = getattr(classifier, "semantic", None)
    timer = None
    if semantic is not None:
        timer = TimedEncoder(semantic.encoder)
        semantic.encoder = timer

    def run(documents: Sequence[Document]) -> int:
        return sum(r.flagged for r in scanner.scan_many(documents, JURISDICTIONS))

    info["components"] = lambda documents: component_times(scanner, documents)
    info["encoder_timer"] = timer
    return run, info


class TimedEncoder:
    """The semantic stage's sentence encoder, counting what it embeds and the CPU time it takes:
    the stage's cost shows only on a cold pass (its cache holds the sentences after one), so it
    is measured there, inside the timed run, rather than in ``component_ms_per_doc``."""

    def __init__(self, encoder: Any) -> None:
        self._encoder = encoder
        self.calls = 0
        self.sentences = 0
        self.seconds = 0.0

    def encode(self, texts: Sequence[str]) -> Any:
        t0 = time.process_time()
        try:
            return self._encoder.encode(texts)
        finally:
            self.seconds += time.process_time() - t0
            self.calls += 1
            self.sentences += len(texts)

    def reset(self) -> None:
        self.calls, self.sentences, self.seconds = 0, 0, 0.0


def component_times(scanner: Any, documents: Sequence[Document]) -> dict[str, float]:
    """CPU milliseconds per document of each part of the cascade, each timed on its own over the
    same documents (after the timed run, so every cache is as warm as in it): the sentence
    split shared by the detectors, each detector, the three parts of the classifier's first
    stage, and the policy for the benchmark's jurisdictions."""
    from tvec.detectors.base import PreparedDocument
    from tvec.model.cta import find_calls_to_action
    from tvec.model.dehumanisation import find_dehumanising_statements

    clock = time.process_time  # CPU time, like the per-core rates
    totals: dict[str, float] = {}

    def add(name: str, seconds: float) -> None:
        totals[name] = totals.get(name, 0.0) + seconds

    classifier = next((d for d in scanner.detectors if d.name == "classifier"), None)
    for document in documents:
        prepared = PreparedDocument(document)
        t0 = clock()
        spans = prepared.sentences
        add("sentence_split", clock() - t0)
        for name in ("voices", "genre", "language"):  # shared per-document analyses, computed once
            t0 = clock()
            getattr(prepared, name)
            add(f"document_{name}", clock() - t0)
        signals = []
        for detector in scanner.detectors:
            t0 = clock()
            signals.extend(detector.detect(prepared))
            add(f"detector_{detector.name}", clock() - t0)
        t0 = clock()
        scanner.engine.decide(document, signals, JURISDICTIONS)
        add("policy", clock() - t0)
        if classifier is not None:
            sentences = [document.text[s.start : s.end] for s in spans]
            t0 = clock()
            classifier.model.predict_proba(sentences)
            add("classifier_linear_with_normalisation", clock() - t0)
            t0 = clock()
            find_calls_to_action(document.text, spans)
            add("classifier_call_to_action", clock() - t0)
            t0 = clock()
            find_dehumanising_statements(document.text, spans)
            add("classifier_dehumanisation", clock() - t0)
    return {name: round(seconds / len(documents) * 1000, 4) for name, seconds in totals.items()}


def _fallback_runner(reason: str) -> tuple[Callable[[Sequence[Document]], int], dict[str, Any]]:
    from tvec.model.cta import find_calls_to_action
    from tvec.model.linear import LinearModel
    from tvec.model.sentences import split_sentences

    t0 = time.perf_counter()
    model = LinearModel.load()
    startup = time.perf_counter() - t0

    def run(documents: Sequence[Document]) -> int:
        flagged = 0
        for doc in documents:
            spans = split_sentences(doc.text)
            texts = [doc.text[s.start : s.end] for s in spans] or [doc.text]
            proba = model.predict_proba(texts)
            calls = [c for c in find_calls_to_action(doc.text) if c.blocked_by is None and c.score >= 0.6]
            flagged += bool(calls) or bool((proba >= 0.6).any())
        return flagged

    info = {
        "mode": f"fallback: LinearModel + call-to-action stage timed directly; {reason}",
        "startup_s": round(startup, 3),
    }
    return run, info


# ------------------------------------------------------------------------------------ transformer


def hash_tokens(text: str) -> list[int]:
    """Word-piece-like ids without a vocabulary: words and punctuation hashed into BERT's id range;
    long words count as several pieces, as WordPiece would split them."""
    ids = [101]
    for piece in re.findall(r"\w+|[^\w\s]", text.lower()):
        for k in range(0, len(piece), 6):
            ids.append(1000 + zlib.crc32(piece[k : k + 6].encode()) % (VOCAB - 1000))
    ids = ids[: SEQ_LEN - 1] + [102]
    return ids


def transformer_runner() -> tuple[Callable[[Sequence[Document]], int], dict[str, Any]]:
    import torch
    from torch import nn

    torch.set_num_threads(1)
    torch.manual_seed(SEED)

    class BertSizedClassifier(nn.Module):
        """BERT-base shapes: token + position + segment embeddings, 12 post-norm layers of hidden
        768, 12 heads, FFN 3072 with GELU, [CLS] pooler and a linear head."""

        def __init__(self) -> None:
            super().__init__()
            self.tokens = nn.Embedding(VOCAB, 768)
            self.positions = nn.Embedding(512, 768)
            self.segments = nn.Embedding(2, 768)
            self.norm = nn.LayerNorm(768, eps=1e-12)
            layer = nn.TransformerEncoderLayer(768, 12, 3072, dropout=0.0, activation="gelu", batch_first=True)
            self.encoder = nn.TransformerEncoder(layer, 12, enable_nested_tensor=False)
            self.pooler = nn.Linear(768, 768)
            self.head = nn.Linear(768, N_CATEGORIES)

        def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            positions = torch.arange(ids.shape[1]).unsqueeze(0)
            x = self.norm(self.tokens(ids) + self.positions(positions) + self.segments(torch.zeros_like(ids)))
            x = self.encoder(x, src_key_padding_mask=~mask)
            return torch.sigmoid(self.head(torch.tanh(self.pooler(x[:, 0]))))

    model = BertSizedClassifier().eval()
    parameters = sum(p.numel() for p in model.parameters())
    batch = 8

    def run(documents: Sequence[Document]) -> int:
        flagged = 0
        with torch.inference_mode():
            for start in range(0, len(documents), batch):
                chunk = [hash_tokens(d.text) for d in documents[start : start + batch]]
                ids = torch.zeros((len(chunk), SEQ_LEN), dtype=torch.long)
                mask = torch.zeros((len(chunk), SEQ_LEN), dtype=torch.bool)
                for row, toks in enumerate(chunk):
                    ids[row, : len(toks)] = torch.tensor(toks)
                    mask[row, : len(toks)] = True
                flagged += int((model(ids, mask) >= 0.5).any(dim=1).sum())
        return flagged

    info = {
        "model": "BERT-base-sized encoder classifier, RANDOM weights (torch.nn.TransformerEncoder)",
        "layers": 12, "hidden": 768, "heads": 12, "ffn": 3072, "seq_len": SEQ_LEN, "batch": batch,
        "parameters": parameters, "torch": torch.__version__, "threads": torch.get_num_threads(),
    }  # fmt: skip
    return run, info


# ------------------------------------------------------------------------------------------- main


def timed(
    run: Callable[[Sequence[Document]], int], documents: Sequence[Document]
) -> tuple[float, float, int]:
    """``(cpu_seconds, wall_seconds, flagged)``. The per-core figures use the CPU time of this
    single-threaded process: on a shared machine (other jobs, a CI runner) wall time also counts
    the time other processes held the core, CPU time does not; on an idle machine they agree."""
    run(documents[:2])  # warm-up: lazy loads, first-call allocations
    c0, t0 = time.process_time(), time.perf_counter()
    flagged = run(documents)
    return time.process_time() - c0, time.perf_counter() - t0, flagged


#: The ordinary-posts corpus: held-out rows (test and validation splits, which the shipped models
#: were never trained on) of the social-media sets in ../shared/data. The Gab Hate Corpus is a
#: sample of Gab posts, so all its rows are kept in their own mixture (~9 % hateful, the rest
#: off-topic for tvec: politics, news links, daily life, jokes); HateXplain and Davidson sample
#: hate- and profanity-dense tweets and Gab posts, so only the rows their annotators called
#: "normal" / "neither" are kept. Label sets: None keeps every row.
ORDINARY_SETS: dict[str, frozenset[str] | None] = {
    "gab-hate-corpus": None,
    "hatexplain": frozenset({"normal"}),
    "davidson": frozenset({"neither"}),
}
#: The same for posts not in English (Roman Urdu, Arabic, Hindi tweets the annotators called
#: normal / not hateful / non-hostile): every sentence of a non-English text goes to the
#: semantic stage, so this row is slow and measured on fewer documents (``--multilingual-docs``).
MULTILINGUAL_SETS: dict[str, frozenset[str] | None] = {
    "ruhsold": frozenset({"normal"}),
    "osact2022-arabic": frozenset({"NOT_HS|NOT_VIO"}),
    "constraint2021-hindi": frozenset({"non-hostile"}),
}
HELD_OUT = ("test", "validation")


def held_out_rows(sets: dict[str, frozenset[str] | None]) -> list[str]:
    """The held-out rows of ``sets`` with at least five words, read from ../shared at run time
    through the trainer's own readers and split rules (so "held out" means what it means there);
    [] when ../shared or the readers are absent."""
    try:
        from tvec.training.data import load_dataset
    except ImportError:
        return []
    rows: list[str] = []
    for name, labels in sets.items():
        if not (SHARED / "data" / name).is_dir():
            continue
        try:
            found = load_dataset(name, SHARED)
        except TvecError:
            continue
        rows += [r.text.strip() for r in found
                 if r.split in HELD_OUT and (labels is None or r.source_label in labels) and len(r.text.split()) >= 5]
    return rows


def compose(items: list[str], n: int, rng: random.Random) -> list[str]:
    """~1 KB posts, each a run of consecutive items of the shuffled pool: no item is repeated
    until the pool is used up, so a cold pass does not meet sentences the caches already hold
    (``bench_pipeline.posts`` draws with replacement)."""
    pool = list(items)
    rng.shuffle(pool)
    out, k = [], 0
    for _ in range(n):
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < POST_BYTES:
            parts.append(pool[k % len(pool)])
            k += 1
        out.append(" ".join(parts)[: POST_BYTES + 200])
    return out


def ordinary_posts(n: int, rng: random.Random) -> tuple[list[str], str]:
    """~1 KB posts of ordinary social-media text, most of it off-topic for tvec (see
    :data:`ORDINARY_SETS`); BBC news sentences where those sets are absent."""
    rows = held_out_rows(ORDINARY_SETS)
    if not rows:
        pool, source = sentences(rng)
        return posts(pool, n, rng), source
    return compose(rows, n, rng), (
        f"held-out social posts ({len(rows)} rows): Gab Hate Corpus test+validation, all rows (~9% hateful); "
        "HateXplain and Davidson test+validation rows labelled normal / neither"
    )


def multilingual_posts(n: int, rng: random.Random) -> tuple[list[str], str]:
    """~1 KB posts of ordinary Roman Urdu, Arabic and Hindi tweets (:data:`MULTILINGUAL_SETS`),
    each post in one language as a thread would be; [] where those sets are absent."""
    by_language = [held_out_rows({name: labels}) for name, labels in MULTILINGUAL_SETS.items()]
    by_language = [rows for rows in by_language if rows]
    if not by_language:
        return [], "absent"
    out: list[str] = []
    per = -(-n // len(by_language))
    for rows in by_language:
        out += compose(rows, per, rng)
    rng.shuffle(out)
    return out[:n], (f"held-out posts labelled normal / not hateful / non-hostile: RUHSOLD (Roman Urdu), "
                     f"OSACT2022 (Arabic), CONSTRAINT-2021 (Hindi), {sum(map(len, by_language))} rows")


def reddit_replies(n: int, rng: random.Random) -> tuple[list[str], str]:
    """~1 KB posts of Reddit replies from a counter-speech corpus (counterspeech-reddit, all its
    files): replies TO hate speech, so denser in hate, rebuttal and slurs than ordinary posts -
    the row the previous rounds called "ordinary posts", kept for comparison."""
    folder = SHARED / "data" / "counterspeech-reddit" / "data" / "model_training"
    replies: list[str] = []
    if folder.is_dir():
        csv.field_size_limit(sys.maxsize)
        for path in sorted(folder.glob("*.csv")):
            with path.open(newline="", encoding="utf-8") as fh:
                replies += [r["reply"].strip() for r in csv.DictReader(fh) if len(r.get("reply", "").split()) >= 5]
    if not replies:
        return [], "absent"
    rng.shuffle(replies)
    return posts(replies, n, rng), "counterspeech-reddit replies (data/model_training/*.csv)"


def topic_dense(n: int, rng: random.Random) -> tuple[list[str], str]:
    """~1 KB documents of news about conflict and terrorism (AG News "World" items naming attacks,
    militants or terrorism): the text that makes every violence-related stage work."""
    path = SHARED / "data" / "news-neutral" / "ag_news_csv" / "test.csv"
    pattern = re.compile(r"\b(?:terror|militant|insurgen|bomb|attack|killed|troops|rebels|jihad|qaeda|taliban|"
                         r"hamas|gunmen|army|soldiers|war)\w*", re.IGNORECASE)
    items: list[str] = []
    if path.is_file():
        with path.open(newline="", encoding="utf-8") as fh:
            items = [f"{t}. {b}" for c, t, b in csv.reader(fh) if c == "1" and pattern.search(t + " " + b)]
    if not items:
        pool, source = sentences(rng)
        return posts(pool, n, rng), source
    rng.shuffle(items)
    return posts(items, n, rng), "AG News World items (ag_news_csv/test.csv) about conflict and terrorism"


def measure(documents: list[Document], repeats: int) -> dict[str, Any]:
    """Cold first passes (each with a new Scanner) and a warm second pass; medians over ``repeats``."""
    n = len(documents)
    cold: list[tuple[float, float, int]] = []
    steady: list[float] = []
    component_ms: dict[str, float] | None = None
    tvec_info: dict[str, Any] = {}
    encoder_runs: list[tuple[int, float, int]] = []
    for _ in range(max(1, repeats)):
        with tempfile.TemporaryDirectory() as home:
            try:
                run_tvec, tvec_info = tvec_runner(Path(home))  # a new Scanner: its caches are empty
            except TvecError as exc:
                raise SystemExit(f"bench_classifier: cannot build the scanner: {exc}") from exc
            timer = tvec_info.pop("encoder_timer", None)
            if timer is not None:
                run_tvec(documents[:2])  # timed() warms up on these; keep them out of the count
                timer.reset()
            cold.append(timed(run_tvec, documents))
            if timer is not None:
                encoder_runs.append((timer.sentences, timer.seconds, timer.calls))
            c0 = time.process_time()
            run_tvec(documents)
            steady.append(time.process_time() - c0)
            components = tvec_info.pop("components", None)
            if component_ms is None and components is not None:
                component_ms = components(documents)
    tvec_s, tvec_wall_s, flagged = sorted(cold)[len(cold) // 2]
    steady_s = sorted(steady)[len(steady) // 2]
    total_bytes = sum(len(d.text.encode()) for d in documents)
    return {
        "documents": n,
        "mean_bytes": round(total_bytes / n),
        "docs_per_s_per_core": round(n / tvec_s, 1),
        "ms_per_doc": round(tvec_s / n * 1000, 4),
        "steady_state_docs_per_s_per_core": round(n / steady_s, 1),
        "cold_runs_docs_per_s": [round(n / c[0], 1) for c in cold],
        "flagged_uk_or_eu": flagged,
        "wall_docs_per_s": round(n / tvec_wall_s, 1),
        "component_ms_per_doc": component_ms,
        "semantic_stage_cold_pass": semantic_cost(encoder_runs, n, cold),
        "scanner": tvec_info,
    }


def semantic_cost(runs: list[tuple[int, float, int]], n: int,
                  cold: list[tuple[float, float, int]]) -> dict[str, Any] | None:
    """What the semantic stage's encoder cost in the median cold pass: sentences embedded per
    document, encoder CPU ms per document and per sentence, and its share of the pass."""
    if not runs:
        return None
    order = sorted(range(len(cold)), key=lambda k: cold[k][0])
    k = order[len(order) // 2]
    sentences, seconds, calls = runs[k]
    return {
        "sentences_embedded_per_doc": round(sentences / n, 3),
        "encoder_ms_per_doc": round(seconds / n * 1000, 3),
        "encoder_ms_per_sentence": round(seconds / sentences * 1000, 2) if sentences else None,
        "encoder_calls": calls,
        "share_of_cold_pass": round(seconds / cold[k][0], 3),
        "docs_per_s_without_encoder": round(n / max(cold[k][0] - seconds, 1e-9), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="documents per corpus through tvec")
    parser.add_argument("--multilingual-docs", type=int, default=60,
                        help="documents of the not-English ordinary posts (every sentence is embedded: slow)")
    parser.add_argument("--transformer-docs", type=int, default=64, help="documents through the transformer")
    parser.add_argument("--repeats", type=int, default=5, help="cold and warm passes, each with a new Scanner (median)")
    args = parser.parse_args()
    corpora: dict[str, dict[str, Any]] = {}
    documents_of: dict[str, list[Document]] = {}
    rows = (("ordinary_posts", ordinary_posts, args.docs), ("reddit_replies_to_hate", reddit_replies, args.docs),
            ("ordinary_posts_not_english", multilingual_posts, args.multilingual_docs),
            ("topic_dense", topic_dense, args.docs))
    for name, build, count in rows:
        if count <= 0:
            continue
        texts, source = build(count, random.Random(SEED))
        if not texts:
            continue
        documents_of[name] = [Document(f"{name}-{i}", t) for i, t in enumerate(texts)]
        corpora[name] = {"source": source, **measure(documents_of[name], args.repeats)}

    transformer_docs = documents_of["topic_dense"][: args.transformer_docs]
    try:
        run_bert, bert_info = transformer_runner()
        bert_s, bert_wall_s, _ = timed(run_bert, transformer_docs)
        bert_rate: float | None = len(transformer_docs) / bert_s
        bert_info["cpu_seconds"] = round(bert_s, 3)
        bert_info["wall_seconds"] = round(bert_wall_s, 3)
        bert_info["mean_tokens_before_padding"] = round(
            sum(len(hash_tokens(d.text)) for d in transformer_docs) / len(transformer_docs), 1)
    except ImportError as exc:
        bert_rate, bert_info = None, {"error": f"PyTorch not installed ({exc}): pip install torch==2.13.0"}
    for corpus in corpora.values():
        corpus["ratio_vs_transformer"] = round(corpus["docs_per_s_per_core"] / bert_rate, 1) if bert_rate else None

    result = {
        "benchmark": "classifier",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "platform": platform.platform(), "cpu": cpu_name(), "python": platform.python_version(),
            "cpu_count": os.cpu_count(), "threads_used": 1,
        },
        "seed": SEED,
        "goal": {"ordinary_posts_docs_per_s_per_core": 1000, "topic_dense_docs_per_s_per_core": 100},
        "corpora": corpora,
        "docs_per_s_per_core": corpora["ordinary_posts"]["docs_per_s_per_core"],
        "topic_dense_docs_per_s_per_core": corpora["topic_dense"]["docs_per_s_per_core"],
        "transformer": {**bert_info, "documents": len(transformer_docs)},
        "transformer_docs_per_s_per_core": round(bert_rate, 3) if bert_rate else None,
        "note": (
            "one process, one core; the default detectors (organisations, banks with an empty bank, context, "
            "classifier incl. the semantic stage when installed) and the shipped policy for UK and EU; per-core "
            "rates are documents per CPU-second; the transformer's weights are random (its speed does not "
            "depend on them) and it reads the topic-dense documents, padded or cut to 256 tokens"
        ),
    }  # fmt: skip
    out = ROOT / "bench" / "results" / "classifier.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
