"""The bank matching engine: compiled kernel against the numpy reference, on-disk segments,
incremental adds, tombstones, compaction, and recovery from a missing, stale or corrupt index.

Texts are generic templated sentences about committees and festivals (seeded word lists)."""

from __future__ import annotations

import json
import logging
import random
from pathlib import Path

import numpy as np
import pytest
import xxhash

from tvec.banks import index as index_module
from tvec.banks.bank import Bank
from tvec.banks.entries import make_entry
from tvec.banks.index import BankIndex, IndexUnavailable, index_directory
from tvec.banks.lsh import band_hashes, band_layout, band_salts
from tvec.banks.minhash import KERNEL_AVAILABLE, MinHasher
from tvec.banks.passages import words_of
from tvec.banks.segments import MIN_MATCH_WORDS, SegmentColumns
from tvec.errors import BankError
from tvec.normalise import normalise

needs_kernel = pytest.mark.skipif(not KERNEL_AVAILABLE, reason="the compiled kernel was not built")

WORDS = ["committee", "council", "charity", "library", "museum", "festival", "report", "budget", "bridge", "garden", "concert", "station", "harbour", "market", "river", "tuesday", "friday", "spring", "summer", "volunteers", "announced", "postponed", "reviewed", "published", "approved", "cancelled", "opening", "hours", "number", "annual", "programme", "repairs"]


def paragraph(seed: int, words: int = 60) -> str:
    rng = random.Random(seed)
    return " ".join(f"{rng.choice(WORDS)}{rng.randint(0, 40)}" for _ in range(words))


def edited(text: str, seed: int, fraction: float = 0.1) -> str:
    rng = random.Random(seed)
    words = text.split()
    for i in rng.sample(range(len(words)), int(len(words) * fraction)):
        words[i] = f"changed{i}"
    return " ".join(words)


def random_keys(rng: random.Random, count: int) -> list[str]:
    vocabulary = [*WORDS, "über", "слово", "x" * 40, "a", "9"]
    return [" ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 90))) for _ in range(count)]


def columns(keys: list[str], hasher: MinHasher, first: int = 0) -> SegmentColumns:
    n = len(keys)
    signatures = hasher.signatures_of_keys(keys)
    sha = np.zeros((n, 32), np.uint8)
    sha[:, :8] = np.arange(first, first + n, dtype=">u8").view(np.uint8).reshape(n, 8)
    return SegmentColumns(
        entry_ids=[f"e{first + i}" for i in range(n)], labels=["proscribed_support"] * n, organisations=[None] * n,
        sources=[""] * n, doc_sha=sha, entry_first=np.arange(n + 1), signatures=signatures, passage_sha=sha,
        n_words=np.asarray([max(1, len(k.split())) for k in keys], np.int32), passage_idx=np.zeros(n, np.int32),
        start=np.full(n, -1), end=np.full(n, -1),
    )


def lookup_all(index: BankIndex, signatures: np.ndarray, threshold: float) -> list[set[tuple[int, int, float]]]:
    return [set(found) for found in index._lookup(signatures, threshold, index._view)]


# -- the kernel against the reference ----------------------------------------------------------------


@needs_kernel
def test_kernel_xxh64_is_xxhash() -> None:
    from tvec.banks import _kernel

    rng = random.Random(1)
    for length in range(100):
        data = bytes(rng.randrange(256) for _ in range(length))
        assert _kernel.xxh64(data) == xxhash.xxh64_intdigest(data)


@needs_kernel
def test_kernel_signatures_equal_the_numpy_reference() -> None:
    rng = random.Random(2)
    keys = random_keys(rng, 300) + ["", "one", "two words", "  spaced\tout \n words  "]
    for hasher in (MinHasher(), MinHasher(k=3, num_perm=100, seed=7)):
        assert np.array_equal(hasher.signatures_of_keys(keys), hasher.reference_signatures(keys))
        engine = hasher._signing_engine()
        for key in keys[:50]:
            assert np.array_equal(np.frombuffer(engine.shingle_hashes(key), np.uint64), hasher.key_shingle_hashes(key))


@needs_kernel
def test_kernel_band_hashes_equal_the_numpy_reference() -> None:
    hasher = MinHasher()
    signatures = np.random.default_rng(3).integers(0, 2**32, (200, 128), dtype=np.uint64).astype(np.uint32)
    for bands, rows in ((48, 4), (32, 4), (20, 5), (7, 1), (100, 3)):
        out = np.empty((200, bands), np.uint32)
        hasher.engine(band_salts(bands), rows, band_layout(bands, rows, 128)).band_hashes(signatures, out)
        assert np.array_equal(out, band_hashes(signatures, bands, rows))


def test_band_layout_has_disjoint_bands_first_then_mixed_ones() -> None:
    layout = band_layout(48, 4, 128).reshape(48, 4)
    assert layout[:32].ravel().tolist() == list(range(128))
    for band in layout:
        assert len(set(band.tolist())) == 4  # distinct values in every band
    extra = layout[32:]
    assert all(len({v // 4 for v in band.tolist()}) == 4 for band in extra)  # from 4 different disjoint bands
    assert sorted(extra.ravel().tolist()) == sorted(set(extra.ravel().tolist()))
    with pytest.raises(ValueError):
        BankIndex(128, bands=10, rows=9)


@needs_kernel
def test_kernel_lookup_equals_the_reference_with_segments_and_tombstones() -> None:
    rng = random.Random(4)
    hasher = MinHasher()
    index = BankIndex(128, hasher=hasher)
    bank_keys = [paragraph(i) for i in range(600)]
    for first in range(0, 600, 200):  # three segments
        index.add_columns(columns(bank_keys[first : first + 200], hasher, first), merge=False)
    for i in range(0, 600, 7):
        index.remove(f"e{i}")
    queries = [edited(bank_keys[rng.randrange(600)], i, rng.choice([0.0, 0.1, 0.3, 0.6])) for i in range(150)]
    queries += random_keys(rng, 50)
    signatures = hasher.signatures_of_keys(queries)
    for threshold in (0.0, 0.3, 0.5, 0.9):
        compiled = lookup_all(index, signatures, threshold)
        reference = [set(index._lookup_reference(s, threshold, index.segments)) for s in signatures]
        assert compiled == reference
    assert any(compiled)  # the comparison is not vacuous
    # the whole hot path in one call agrees with signing + lookup
    fused = [set(f) for f in index._engine.lookup_keys(queries, index._view[1], 0.5)]
    assert fused == lookup_all(index, signatures, 0.5)


def test_numpy_fallback_matches_like_the_kernel(monkeypatch: pytest.MonkeyPatch) -> None:
    hasher = MinHasher()
    compiled = BankIndex(128, hasher=hasher)
    bank_keys = [paragraph(i) for i in range(100)]
    compiled.add_columns(columns(bank_keys, hasher))
    queries = [edited(k, i) for i, k in enumerate(bank_keys[:30])] + [paragraph(1000 + i) for i in range(10)]
    expected = compiled.lookup_keys(queries, 0.5)
    monkeypatch.setattr(compiled, "_engine", None)
    assert compiled.lookup_keys(queries, 0.5) == expected
    assert sum(bool(e) for e in expected) == 30


def test_short_passages_stay_out_of_the_lsh_but_match_exactly(tmp_path: Path) -> None:
    bank = Bank(tmp_path / "bank.sqlite")
    slogan = "committee1 announced2 the3 festival4"  # fewer than MIN_MATCH_WORDS words
    assert len(slogan.split()) < MIN_MATCH_WORDS
    entry = make_entry(slogan, bank.hasher, where="test", entry_id="slogan")
    bank.add([entry])
    passage = entry.passages[0]
    assert not bank.match_passages(passage.minhash[None, :], [passage.sha256], [passage.n_words], 0.5)
    exact = bank.match_passages(passage.minhash[None, :], [passage.sha256], [passage.n_words], 0.5, allow_short=True)
    assert [(m.entry_id, m.exact) for m in exact] == [("slogan", True)]


# -- persistence ---------------------------------------------------------------------------------


def make_bank(path: Path, first: int, count: int) -> Bank:
    bank = Bank(path)
    bank.add([make_entry(paragraph(i), bank.hasher, where="test", entry_id=f"item-{i}") for i in range(first, first + count)])
    return bank


def matched_ids(bank: Bank, text: str, threshold: float = 0.5) -> set[str]:
    """The raw lookup takes a passage key: the normalised words joined by spaces."""
    key = " ".join(words_of(normalise(text)).words)
    return {entry_id for entry_id, _, _ in bank.index.lookup_key(key, threshold)}


def test_index_survives_a_restart_without_a_rebuild(tmp_path: Path) -> None:
    path = tmp_path / "bank.sqlite"
    make_bank(path, 0, 40)
    directory = index_directory(path)
    assert (directory / "manifest.json").is_file()
    reopened = Bank(path)
    status = reopened.index.index_status()
    assert status["rebuilt_from_store"] is None
    assert status["entries"] == 40 and status["segment_count"] == 1
    assert status["disk_bytes"] > 0 and status["mapped_bytes"] > 0
    assert matched_ids(reopened, edited(paragraph(7), 1)) == {"item-7"}
    assert reopened.entry("item-7").label == "proscribed_support"


def test_adding_entries_writes_one_new_segment_and_leaves_the_old_ones(tmp_path: Path) -> None:
    path = tmp_path / "bank.sqlite"
    bank = make_bank(path, 0, 40)
    directory = index_directory(path)
    first = sorted(p.name for p in directory.iterdir() if p.is_dir())
    before = {f.name: f.stat().st_mtime_ns for f in (directory / first[0]).iterdir()}
    bank.add([make_entry(paragraph(i), bank.hasher, where="test", entry_id=f"item-{i}") for i in range(40, 60)])
    segments = sorted(p.name for p in directory.iterdir() if p.is_dir())
    assert len(segments) == 2 and segments[0] == first[0]
    assert {f.name: f.stat().st_mtime_ns for f in (directory / first[0]).iterdir()} == before
    reopened = Bank(path)
    assert reopened.index.index_status()["rebuilt_from_store"] is None
    assert matched_ids(reopened, edited(paragraph(50), 2)) == {"item-50"}
    assert matched_ids(reopened, edited(paragraph(5), 3)) == {"item-5"}


def test_removed_entries_stay_removed_across_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "bank.sqlite"
    bank = make_bank(path, 0, 30)
    bank.remove("item-3", removed_by="tester")
    assert matched_ids(bank, edited(paragraph(3), 1)) == set()
    reopened = Bank(path)
    assert reopened.index.index_status()["rebuilt_from_store"] is None
    assert matched_ids(reopened, edited(paragraph(3), 1)) == set()
    assert reopened.index.index_status()["tombstoned_passages"] == 1
    assert len(reopened.index) == 29
    with pytest.raises(KeyError):
        reopened.index.entry("item-3")


def test_compaction_merges_segments_and_drops_tombstones(tmp_path: Path) -> None:
    path = tmp_path / "bank.sqlite"
    bank = make_bank(path, 0, 20)
    for first in (20, 40):
        bank.add([make_entry(paragraph(i), bank.hasher, where="test", entry_id=f"item-{i}") for i in range(first, first + 20)])
    bank.remove("item-25")
    queries = [edited(paragraph(i), i) for i in range(60)]
    before = [matched_ids(bank, q) for q in queries]
    assert bank.index.index_status()["segment_count"] == 3
    bank.index.compact()
    status = bank.index.index_status()
    assert status["segment_count"] == 1 and status["tombstoned_passages"] == 0 and status["last_compaction"]
    assert [matched_ids(bank, q) for q in queries] == before
    assert before[25] == set() and before[26] == {"item-26"}
    directory = index_directory(path)
    assert len([p for p in directory.iterdir() if p.is_dir()]) == 1
    reopened = Bank(path)
    assert reopened.index.index_status()["rebuilt_from_store"] is None
    assert [matched_ids(reopened, q) for q in queries] == before


def test_many_small_adds_are_merged_automatically() -> None:
    hasher = MinHasher()
    index = BankIndex(128, hasher=hasher)
    for batch in range(index_module.MAX_SEGMENTS + 3):
        index.add_columns(columns([paragraph(batch * 10 + i) for i in range(10)], hasher, batch * 10))
    assert len(index.segments) <= index_module.MAX_SEGMENTS
    assert index.entry_count == 10 * (index_module.MAX_SEGMENTS + 3)
    assert {e for e, _, _ in index.lookup_key(edited(paragraph(3), 0), 0.5)} == {"e3"}


def test_a_stale_index_is_rebuilt_from_the_bank_file(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "bank.sqlite"
    make_bank(path, 0, 10)
    # another process changes the file but its index update is lost
    other = Bank(path)
    other.store.add([make_entry(paragraph(99), other.hasher, where="test", entry_id="late")])
    with caplog.at_level(logging.WARNING, logger="tvec.banks.index"):
        reopened = Bank(path)
    assert "out of date" in reopened.index.index_status()["rebuilt_from_store"]
    assert "rebuilding it from" in caplog.text
    assert matched_ids(reopened, edited(paragraph(99), 1)) == {"late"}
    assert Bank(path).index.index_status()["rebuilt_from_store"] is None  # written back


@pytest.mark.parametrize("damage", ["missing", "truncated", "manifest"])
def test_a_damaged_index_is_rebuilt_with_a_clear_message(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, damage: str
) -> None:
    path = tmp_path / "bank.sqlite"
    make_bank(path, 0, 10)
    directory = index_directory(path)
    segment = next(p for p in directory.iterdir() if p.is_dir())
    if damage == "missing":
        (segment / "sig16.npy").unlink()
    elif damage == "truncated":
        data = (segment / "band_hash.npy").read_bytes()
        (segment / "band_hash.npy").write_bytes(data[: len(data) // 2])
    else:
        (directory / "manifest.json").write_text("{not json", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="tvec.banks.index"):
        reopened = Bank(path)
    reason = reopened.index.index_status()["rebuilt_from_store"]
    assert reason and str(directory) in reason
    assert "rebuilding it from" in caplog.text and str(path) in caplog.text
    assert matched_ids(reopened, edited(paragraph(4), 1)) == {"item-4"}


def test_an_index_of_another_scheme_is_refused_and_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "bank.sqlite"
    make_bank(path, 0, 5)
    manifest_path = index_directory(path) / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["scheme"] = "tvec-minhash-v1:k=3:perm=128:seed=1953916259"
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexUnavailable, match="tvec-minhash-v1"):
        BankIndex.load(index_directory(path), MinHasher())
    reopened = Bank(path)
    assert "tvec-minhash-v1" in reopened.index.index_status()["rebuilt_from_store"]


def test_a_bank_file_of_another_scheme_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bank.sqlite"
    make_bank(path, 0, 3)
    with pytest.raises(BankError, match="scheme"):
        Bank(path, hasher=MinHasher(k=3))


def test_reading_a_missing_bank_creates_nothing(tmp_path: Path) -> None:
    bank = Bank(tmp_path / "none.sqlite")
    assert len(bank) == 0 and not list(tmp_path.iterdir())
    assert bank.index.index_status()["segment_count"] == 0


def test_index_status_reports_what_bank_status_shows(tmp_path: Path) -> None:
    bank = make_bank(tmp_path / "bank.sqlite", 0, 12)
    status = bank.index.index_status()
    assert {"segments", "passages", "entries", "memory_bytes", "mapped_bytes", "disk_bytes", "scheme",
            "last_compaction", "kernel", "segment_count"} <= set(status)
    assert status["scheme"] == bank.hasher.scheme
    assert status["passages"] == sum(s["live_passages"] for s in status["segments"]) == 12


def test_one_shared_band_makes_a_candidate_and_none_does_not() -> None:
    hasher = MinHasher()
    index = BankIndex(128, hasher=hasher)
    signatures = np.random.default_rng(5).integers(0, 2**32, (50, 128), dtype=np.uint64).astype(np.uint32)
    n = len(signatures)
    zeros = np.zeros((n, 32), np.uint8)
    index.add_columns(SegmentColumns(
        entry_ids=[f"e{i}" for i in range(n)], labels=["x"] * n, organisations=[None] * n, sources=[""] * n,
        doc_sha=zeros, entry_first=np.arange(n + 1), signatures=signatures, passage_sha=zeros,
        n_words=np.full(n, 50, np.int32), passage_idx=np.zeros(n, np.int32), start=np.full(n, -1), end=np.full(n, -1)))
    layout = band_layout(index.bands, index.rows, 128).reshape(index.bands, index.rows)
    for band in (0, 31, 40):  # a disjoint band and a mixed one
        query = np.full((1, 128), 7, dtype=np.uint32)
        query[0, layout[band]] = signatures[3, layout[band]]
        assert [{row for _, row, _ in found} for found in lookup_all(index, query, 0.0)] == [{3}]
    assert lookup_all(index, np.full((1, 128), 7, dtype=np.uint32), 0.0) == [set()]
