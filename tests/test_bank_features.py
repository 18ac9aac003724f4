"""Bank features: named banks, schema upgrade, enable/ramp/snooze/negative/feedback semantics,
CSV and python-threatexchange import, TLSH and paraphrase matching, and the CLI for all of it.

All text is generic templated sentences about clubs and markets, generated from fixed word lists.
"""

from __future__ import annotations

import hashlib
import json
import random
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from tvec.banks import semantic as semantic_module
from tvec.banks.bank import Bank
from tvec.banks.cli import bank as bank_cli
from tvec.banks.entries import make_entry
from tvec.banks.pytx import read_pytx
from tvec.banks.semantic import ParaphraseIndex
from tvec.banks.store import BankInfo
from tvec.banks.tlsh_match import TlshMatcher, check_digest, digest_of
from tvec.detectors.banks import DEMOTED_SCORE, BanksDetector, create, ramp_fraction
from tvec.detectors.base import PreparedDocument
from tvec.errors import BankError, ConfigurationError, InputError
from tvec.scanner import Scanner
from tvec.settings import TvecSettings
from tvec.types import Action, Document, Span

WHO = ["The chess club", "The town choir", "A cycling group", "The farmers market", "The book circle",
       "The rowing team", "A gardening society", "The film society", "The youth orchestra", "The bakery"]
DID = ["organised", "moved", "advertised", "planned", "welcomed", "funded", "praised", "rescheduled"]
WHAT = ["the spring fair", "a night of music", "the autumn tournament", "a tasting evening",
        "the charity walk", "a workshop for beginners", "the open day", "a photography contest"]
WHEN = ["on Monday", "this weekend", "after the holidays", "in late June", "next month", "on Sunday morning"]
WHERE = ["near the old mill", "in the main square", "at the village hall", "beside the lake",
         "in the library garden", "at the sports ground", "behind the church"]


def paragraph(seed: int, sentences: int = 4) -> str:
    rng = random.Random(seed)
    return " ".join(
        f"{rng.choice(WHO)} {rng.choice(DID)} {rng.choice(WHAT)} number {rng.randint(1, 999)} "
        f"{rng.choice(WHEN)} {rng.choice(WHERE)}."
        for _ in range(sentences)
    )


def item(seed: int, paragraphs: int = 3) -> str:
    return "\n\n".join(paragraph(seed * 100 + i) for i in range(paragraphs))


def scan(detector: BanksDetector, text: str, doc_id: str = "doc"):
    return detector.detect(PreparedDocument(Document(doc_id, text)))


@pytest.fixture()
def path(tmp_path: Path) -> Path:
    return tmp_path / "banks.sqlite"


@pytest.fixture()
def bank(path: Path) -> Bank:
    b = Bank(path)
    b.add([make_entry(item(1), b.hasher, where="t", entry_id="known-1", organisation="Group X")])
    return b


# -- schema and named banks ---------------------------------------------------------------------

V1_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entries (id TEXT PRIMARY KEY, label TEXT NOT NULL, organisation TEXT, source TEXT NOT NULL DEFAULT '',
    added_by TEXT NOT NULL DEFAULT '', added_at TEXT NOT NULL, sha256 BLOB NOT NULL, text TEXT, removed_at TEXT,
    removed_by TEXT);
CREATE TABLE passages (entry_id TEXT NOT NULL REFERENCES entries(id), idx INTEGER NOT NULL, sha256 BLOB NOT NULL,
    minhash BLOB NOT NULL, n_words INTEGER NOT NULL, start_offset INTEGER, end_offset INTEGER,
    PRIMARY KEY (entry_id, idx));
CREATE INDEX passages_sha256 ON passages (sha256);
"""


def write_v1_bank(path: Path, entry) -> None:
    """A bank file exactly as schema 1 wrote it."""
    conn = sqlite3.connect(path)
    conn.executescript(V1_SCHEMA)
    conn.executemany("INSERT INTO meta VALUES (?, ?)", [("schema_version", "1"), ("scheme", entry.scheme)])
    conn.execute(
        "INSERT INTO entries (id, label, organisation, source, added_by, added_at, sha256, text)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (entry.id, entry.label, entry.organisation, entry.source, entry.added_by, entry.added_at, entry.sha256,
         entry.text),
    )
    conn.executemany(
        "INSERT INTO passages VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(entry.id, i, p.sha256, np.asarray(p.minhash, dtype="<u4").tobytes(), p.n_words, p.start, p.end)
         for i, p in enumerate(entry.passages)],
    )
    conn.commit()
    conn.close()


def test_schema_1_file_is_upgraded_in_place_and_keeps_matching(path: Path) -> None:
    hasher = Bank(path).hasher
    write_v1_bank(path, make_entry(item(2), hasher, where="t", entry_id="old-1", organisation="Group Y"))
    upgraded = Bank(path)
    assert upgraded.store.schema_version() == "2"
    (info,) = upgraded.list_entries()
    assert info.id == "old-1" and info.bank == "default" and info.organisation == "Group Y"
    (signal,) = scan(BanksDetector(upgraded), item(2))
    assert signal.evidence["match"] == "exact" and signal.evidence["bank"] == "default"
    upgraded.create_bank(BankInfo("news", kind="negative"))
    assert [b.name for b in Bank(path).banks()] == ["default", "news"]


def test_newer_schema_is_refused_and_left_alone(path: Path, bank: Bank) -> None:
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(BankError, match="schema 99 is newer"):
        Bank(path)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == ("99",)
    conn.close()


def test_named_banks_hold_their_own_entries(bank: Bank, path: Path) -> None:
    bank.create_bank(BankInfo("trial", default_label="recruitment", created_by="tester"))
    with pytest.raises(BankError, match="already exists"):
        bank.create_bank(BankInfo("trial"))
    with pytest.raises(BankError, match="no bank named 'nope'"):
        bank.add([make_entry(item(3), bank.hasher, where="t", bank="nope")])
    bank.add([make_entry(item(3), bank.hasher, where="t", entry_id="t-1", bank="trial")])
    assert [e.id for e in bank.list_entries(bank="trial")] == ["t-1"]
    assert [e.id for e in bank.list_entries(bank="default")] == ["known-1"]
    counts = {c.bank.name: c for c in Bank(path).counts()}
    assert counts["trial"].entries == 1 and counts["trial"].passages == 3 and counts["default"].entries == 1
    with pytest.raises(BankError, match="outside 0..1"):
        bank.set_ramp("trial", 1.5)


# -- matching semantics -------------------------------------------------------------------------


def test_disabled_bank_never_matches_and_applies_to_a_running_detector(bank: Bank, path: Path) -> None:
    detector = BanksDetector(bank)
    assert scan(detector, item(1))
    Bank(path).set_enabled("default", False)  # another process, e.g. the CLI
    assert scan(detector, item(1)) == []
    Bank(path).set_enabled("default", True)
    assert scan(detector, item(1))


def test_snoozed_entry_does_not_match_until_the_date(bank: Bank) -> None:
    detector = BanksDetector(bank)
    bank.snooze("known-1", "2999-01-01")
    assert scan(detector, item(1)) == []
    assert bank.list_entries()[0].snoozed_until == "2999-01-01T00:00:00+00:00"
    bank.snooze("known-1", "2000-01-01T10:00:00+02:00")  # in the past: matches again
    assert scan(detector, item(1))
    with pytest.raises(BankError, match="not an ISO 8601"):
        bank.snooze("known-1", "next tuesday")
    with pytest.raises(BankError, match="no entry 'nope'"):
        bank.snooze("nope", None)


def test_ramp_matches_a_fixed_fraction_of_documents(bank: Bank) -> None:
    bank.create_bank(BankInfo("trial", ramp=0.3))
    texts = [item(i, paragraphs=1) for i in range(200, 400)]
    bank.add([make_entry(t, bank.hasher, where="t", bank="trial") for t in texts])
    detector = BanksDetector(bank)
    hit = [bool(scan(detector, t)) for t in texts]
    assert 0.2 < sum(hit) / len(hit) < 0.4
    # the same document always gets the same answer, whatever its id
    assert [bool(scan(detector, t, doc_id="other")) for t in texts[:40]] == hit[:40]
    signal = scan(detector, texts[hit.index(True)])[0]
    assert signal.evidence["ramped"] is True and signal.evidence["ramp"] == 0.3
    assert "ramped bank" in signal.explanation
    bank.set_ramp("trial", 0.0)
    assert not any(scan(detector, t) for t in texts[:40])
    bank.set_ramp("trial", 1.0)
    assert all(scan(detector, t) for t in texts[:40])
    assert "ramped" not in scan(detector, texts[0])[0].evidence
    assert 0.0 <= ramp_fraction("trial", b"x" * 32) < 1.0


def test_negative_bank_suppresses_matches_on_the_same_passage(bank: Bank) -> None:
    bank.create_bank(BankInfo("legit", kind="negative", default_label="news_reporting"))
    shared = paragraph(101)  # the second paragraph of known-1 is also known-legitimate text
    bank.add([make_entry(shared + "\n\n" + paragraph(7000), bank.hasher, where="t", entry_id="wire-1",
                         bank="legit", label="news_reporting", source="wire service")])
    detector = BanksDetector(bank)
    post = f"{paragraph(5000)}\n\n{shared}\n\n{paragraph(100)}"
    signals = scan(detector, post)
    kept = [s for s in signals if s.score > 0]
    (suppression,) = [s for s in signals if s.score == 0]
    assert [s.evidence["entry_id"] for s in kept] == ["known-1"]
    assert kept[0].evidence["document_passages"] == [2]  # paragraph(100) still counts
    assert suppression.evidence["known_legitimate"] is True
    assert suppression.evidence["entry_id"] == "wire-1" and suppression.evidence["suppressed_entries"] == ["known-1"]
    start = post.index(shared)
    assert suppression.spans == (Span(start, start + len(shared) - 1),)
    assert "known-legitimate" in suppression.explanation
    # a negative match alone says nothing
    assert scan(detector, paragraph(7000)) == []


def test_false_positive_feedback_demotes_to_review(bank: Bank, path: Path, settings: TvecSettings) -> None:
    detector = BanksDetector(bank, demote_after=2)
    scanner = Scanner(settings, detectors=[detector])
    assert scanner.scan(item(1), ["UK"]).action is Action.REMOVE
    assert bank.report_false_positive("known-1", "reviewer-a", note="a festival notice") == 1
    assert scan(detector, item(1))[0].score == 1.0  # one report is not enough at demote_after=2
    with pytest.raises(BankError, match="reviewer"):
        bank.report_false_positive("known-1", " ")
    bank.report_false_positive("known-1", "reviewer-b")
    (signal,) = scan(detector, item(1))
    assert signal.score == DEMOTED_SCORE and signal.evidence["demoted"] is True
    assert signal.evidence["fp_reports"] == 2
    assert scanner.scan(item(1), ["UK"]).action is Action.REVIEW
    assert Bank(path).counts(demote_after=2)[0].reported == 1


def test_exact_matches_need_the_configured_passage_length(bank: Bank) -> None:
    short = "The chess club organised the spring fair near the old mill today"  # 12 words
    bank.add([make_entry(short, bank.hasher, where="t", entry_id="short")])
    post = f"{paragraph(5001)}\n\n{short}\n\n{paragraph(5002)}"
    assert [s.evidence["entry_id"] for s in scan(BanksDetector(bank), post)] == ["short"]
    assert scan(BanksDetector(bank, exact_min_words=13), post) == []
    assert scan(BanksDetector(bank, exact_min_words=13), short)  # the whole document: still matches


# -- CSV ----------------------------------------------------------------------------------------


def test_csv_round_trip_with_and_without_text(bank: Bank, tmp_path: Path) -> None:
    bank.create_bank(BankInfo("trial"))
    bank.add([make_entry(item(4), bank.hasher, where="t", entry_id="t-4", bank="trial", source="a, b \"c\"")])
    full, sigs = tmp_path / "full.csv", tmp_path / "sigs.csv"
    assert bank.export_csv(full) == 2
    assert bank.export_csv(sigs, signatures_only=True, bank="trial") == 1
    assert paragraph(400)[:30] not in sigs.read_text(encoding="utf-8")
    other = Bank(tmp_path / "other.sqlite")
    other.create_bank(BankInfo("trial"))
    assert sorted(other.import_csv(full)) == ["known-1", "t-4"]
    assert {e.id: e.bank for e in other.list_entries()} == {"known-1": "default", "t-4": "trial"}
    assert other.list_entries(bank="trial")[0].source == 'a, b "c"'
    third = Bank(tmp_path / "third.sqlite")
    assert third.import_csv(sigs, bank="default") == ["t-4"]
    (signal,) = scan(BanksDetector(third), item(4))
    assert signal.evidence["match"] == "exact" and "bank_passage_text" not in signal.evidence


def test_bad_csv_names_file_line_and_column_and_imports_nothing(bank: Bank, path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "id,label,text\n"
        f"ok-1,recruitment,{paragraph(9)}\n"
        '"multi",proscribed_support,"first line\n\nsecond line of the text here"\n'
        f"bad-1,nonsense,{paragraph(10)}\n"
        "bad-2,,...\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        bank.import_csv(bad)
    message = str(info.value)
    assert info.value.source == str(bad) and info.value.location == "line 6, column 2 (label)"
    assert "line 6, column 2 (label): unknown label 'nonsense'" in message
    assert "line 7, column 3 (text): no words to match on" in message
    assert [e.id for e in Bank(path).list_entries()] == ["known-1"]

    unknown = tmp_path / "unknown.csv"
    unknown.write_text("id,colour\nx,red\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"line 1, column 2 \(colour\)"):
        bank.import_csv(unknown)


# -- python-threatexchange and TLSH -------------------------------------------------------------


def test_tlsh_matcher_scans_by_distance() -> None:
    texts = [item(i) for i in range(20, 30)]
    digests = [digest_of(t) for t in texts]
    assert all(d is not None and check_digest(d, "t") == d for d in digests)
    matcher = TlshMatcher([(f"e{i}", d) for i, d in enumerate(digests)])
    assert [(m.entry_id, m.distance) for m in matcher.match([digests[3]], 30)] == [("e3", 0)]
    assert matcher.match([digest_of(item(99))], 30) == []
    assert digest_of("too short") is None
    matcher.remove("e3")
    assert matcher.match([digests[3]], 0) == []
    with pytest.raises(BankError, match="not a TLSH digest"):
        check_digest("T1XYZ", "t")


STRICT_TLSH = 30


def _lines(tmp_path: Path, content: str) -> Path:
    out = tmp_path / "lines.txt"
    out.write_text(content + "\n", encoding="utf-8")
    return out


def test_pytx_exports_import_raw_text_and_tlsh(bank: Bank, tmp_path: Path) -> None:
    raw = paragraph(61) + " " + paragraph(62)
    tlsh_text = item(63)
    digest = digest_of(tlsh_text)
    csv_file = tmp_path / "collab.csv"
    csv_file.write_text(
        "signal_type,signal_str,collab,category,tags\n"
        f'raw_text,"{raw}",Example Collab,ADVERSARIAL,tag1\n'
        f"text_tlsh,{digest},Example Collab,ADVERSARIAL,\n"
        "pdq,abcdef,Example Collab,ADVERSARIAL,\n",
        encoding="utf-8",
    )
    found = read_pytx(csv_file, bank.hasher, label="recruitment")
    assert [e.kind for e in found.entries] == ["text", "text_tlsh"] and dict(found.skipped) == {"pdq": 1}
    assert found.entries[0].source == "threatexchange:Example Collab"
    bank.add(found.entries)
    # every test paragraph comes from one template, so their bytes look alike to TLSH; the
    # calibrated default (115, on news) would let them match each other: use pytx's strict 30
    detector = BanksDetector(bank, tlsh_threshold=STRICT_TLSH)
    (exact,) = scan(detector, raw)
    assert exact.evidence["match"] == "exact" and exact.evidence["label"] == "recruitment"
    (by_tlsh,) = scan(detector, tlsh_text)
    assert by_tlsh.evidence["match"] == "tlsh" and by_tlsh.evidence["tlsh_distance"] == 0
    assert by_tlsh.score == 1.0 and by_tlsh.evidence["whole_document"] is True
    # a banked single post quoted inside a longer one: found through the passage's own digest
    one_post = paragraph(67, sentences=5)
    bank.add(read_pytx(_lines(tmp_path, f"text_tlsh {digest_of(one_post)}"), bank.hasher).entries)
    quoted = f"{paragraph(8000)}\n\n{one_post}\n\n{paragraph(8001)}"
    (inside,) = [s for s in scan(BanksDetector(bank, tlsh_threshold=STRICT_TLSH), quoted)
                 if s.evidence["match"] == "tlsh"]
    start = quoted.index(one_post)
    assert inside.spans == (Span(start, start + len(one_post) - 1),) and inside.evidence["whole_document"] is False

    lines = tmp_path / "signals.txt"
    lines.write_text(f"raw_text {paragraph(64)}\ntext_tlsh {digest}\n", encoding="utf-8")
    assert [e.kind for e in read_pytx(lines, bank.hasher).entries] == ["text", "text_tlsh"]
    api = tmp_path / "descriptors.json"
    api.write_text(json.dumps({"data": [
        {"id": "123", "type": "TEXT_STRING", "indicator": {"indicator": paragraph(65), "type": "TEXT_STRING"},
         "owner": {"name": "Example Org"}},
        {"id": "124", "type": "HASH_TEXT_TLSH", "raw_indicator": digest},
    ]}), encoding="utf-8")
    api_entries = read_pytx(api, bank.hasher).entries
    assert api_entries[0].source == "threatexchange:Example Org descriptor 123" and api_entries[1].tlsh == digest

    bad = tmp_path / "bad.txt"
    bad.write_text(f"raw_text {paragraph(66)}\ntext_tlsh T1NOTAHASH\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 2: 'T1NOTAHASH' is not a TLSH digest"):
        read_pytx(bad, bank.hasher)


def test_tlsh_entries_survive_reopen_export_and_removal(bank: Bank, path: Path, tmp_path: Path) -> None:
    text = item(70)
    lines = tmp_path / "signals.txt"
    lines.write_text(f"text_tlsh {digest_of(text)}\n", encoding="utf-8")
    (entry,) = read_pytx(lines, bank.hasher).entries
    bank.add([entry])
    reopened = Bank(path)
    assert len(reopened) == 2 and scan(BanksDetector(reopened, tlsh_threshold=STRICT_TLSH), text)
    out = tmp_path / "out.jsonl"
    reopened.export_jsonl(out, signatures_only=True)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records[1]["signatures"] == {"tlsh": digest_of(text)}
    copy = Bank(tmp_path / "copy.sqlite")
    copy.import_jsonl(out)
    assert scan(BanksDetector(copy, tlsh_threshold=STRICT_TLSH), text)[0].evidence["match"] == "tlsh"
    reopened.remove(entry.id, "tester")
    assert scan(BanksDetector(reopened, tlsh_threshold=STRICT_TLSH), text) == []
    assert scan(BanksDetector(Bank(path), tlsh_threshold=STRICT_TLSH), text) == []


# -- paraphrase ---------------------------------------------------------------------------------


class SynonymAwareEncoder:
    """A stand-in for the sentence encoder: it undoes this module's REWORDING and embeds the bag of
    words, so a reworded passage lands on its original and a different one does not. It tests the
    index plumbing (persistence, growth, ANN lookup, spans), not the model."""

    name = "synonym-aware-test"
    dim = 1024

    def __init__(self) -> None:
        self.calls = 0

    def encode(self, texts):
        self.calls += len(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for old, new in sorted(REWORDING.items(), key=lambda kv: -len(kv[1])):
                text = text.replace(new, old)
            for word in text.lower().replace(".", " ").split():
                slot = int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim
                out[i, slot] += 5.0 if word.isdigit() else 1.0  # the item numbers tell paragraphs apart
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)


REWORDING = {
    "organised": "put on", "moved": "shifted", "advertised": "promoted", "planned": "prepared",
    "welcomed": "greeted", "funded": "paid for", "praised": "applauded", "rescheduled": "postponed",
    "on Monday": "Monday", "this weekend": "over the weekend", "after the holidays": "once the holidays end",
    "in late June": "towards the end of June", "next month": "in the coming month",
    "on Sunday morning": "early Sunday", "near the old mill": "close to the former mill",
    "in the main square": "on the central square", "at the village hall": "inside the village hall",
    "beside the lake": "next to the lake", "in the library garden": "within the garden of the library",
    "at the sports ground": "on the playing field", "behind the church": "at the back of the church",
    "number": "item", "The ": "Our ", "A ": "One ",
}


def reworded(text: str, seed: int) -> str:
    """Synonyms for most template phrases, then the sentences in another order: few word pairs of
    the original survive, the meaning does."""
    for old, new in REWORDING.items():
        text = text.replace(old, new)
    sentences = [s.strip() for s in text.split(". ") if s.strip()]
    random.Random(seed).shuffle(sentences)
    return ". ".join(s.rstrip(".") for s in sentences) + "."


@pytest.mark.skipif(not semantic_module.semantic_available(), reason="tvec[semantic] not installed")
def test_paraphrase_index_grows_incrementally_and_matches_with_spans(bank: Bank, path: Path) -> None:
    encoder = SynonymAwareEncoder()
    index = ParaphraseIndex(path, encoder)
    assert index.sync(list(bank.store.passage_texts())) == 3 and encoder.calls == 3
    bank.add([make_entry(item(2), bank.hasher, where="t", entry_id="known-2")])
    again = ParaphraseIndex(path, encoder)  # loads vectors and the HNSW graph from disk
    assert len(again) == 3 and again.sync(list(bank.store.passage_texts())) == 3 and encoder.calls == 6
    assert semantic_module.paraphrase_status(path)["passages"] == 6
    bank.remove("known-2", "tester")
    assert again.sync(list(bank.store.passage_texts())) == 0 and len(again) == 3

    reordered = reworded(paragraph(101), seed=1)
    post = f"{paragraph(5003)}\n\n{reordered}"
    plain = BanksDetector(bank)
    assert plain.detect(PreparedDocument(Document("d", post))) == []  # no shared word triples left
    detector = BanksDetector(bank, paraphrases=again, semantic_threshold=0.95)
    (signal,) = scan(detector, post)
    assert signal.evidence["match"] == "paraphrase" and signal.evidence["entry_id"] == "known-1"
    assert 0.5 <= signal.score <= 0.85
    start = post.index(reordered)
    assert signal.spans == (Span(start, start + len(reordered) - 1),)
    assert signal.evidence["passage_index"] == 1 and signal.evidence["bank_passage_text"] == paragraph(101)[:-1]
    assert scan(detector, item(77)) == []


def test_semantic_setting_without_the_extra_is_a_clear_error(settings: TvecSettings, monkeypatch) -> None:
    monkeypatch.setattr(semantic_module.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ConfigurationError, match=r"tvec\[semantic\]"):
        create(settings.model_copy(update={"bank_semantic": True}))
    assert create(settings).paraphrases is None


@pytest.mark.skipif(not semantic_module.semantic_available(), reason="tvec[semantic] not installed")
def test_real_encoder_finds_a_reordered_passage(tmp_path: Path) -> None:
    settings = TvecSettings(home=tmp_path, bank_semantic=True)
    b = Bank(settings.resolved_bank_path)
    b.add([make_entry(paragraph(301), b.hasher, where="t", entry_id="p")])
    detector = create(settings)
    (signal,) = scan(detector, reworded(paragraph(301), seed=3))
    assert signal.evidence["match"] == "paraphrase" and signal.evidence["similarity"] >= 0.9
    assert scan(detector, "The weather was cold and grey for most of the week, and the roads were icy.") == []


# -- CLI ----------------------------------------------------------------------------------------


def test_cli_manages_named_banks_snooze_feedback_and_status(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TVEC_HOME", str(tmp_path / "home"))
    runner = CliRunner()
    file = str(tmp_path / "cli.sqlite")
    text = tmp_path / "item.txt"
    text.write_text(item(5), encoding="utf-8")

    def run(*args: str) -> str:
        result = runner.invoke(bank_cli, [*args, "--file", file])
        assert result.exit_code == 0, result.output
        return result.output

    assert "no bank file yet" in run("status")
    assert "created negative bank 'wire'" in run("create", "wire", "--negative", "--label", "news_reporting")
    run("create", "trial", "--organisation", "Group Z", "--source", "list v1")
    assert "added 1 entry to bank 'trial'" in run("add", str(text), "--bank", "trial", "--id", "i5")
    listed = run("list", "--bank", "trial")
    assert "i5" in listed and "Group Z" in listed and "list v1" in listed
    assert "ramped to 0.25" in run("ramp", "trial", "0.25")
    assert "disabled" in run("disable", "trial")
    assert "snoozed until 2999-01-01T00:00:00+00:00" in run("snooze", "i5", "--until", "2999-01-01")
    assert "1 false-positive report(s), demoted" in run("feedback", "i5", "--false-positive", "--by", "rev")
    status = run("status")
    assert "trial" in status and "0.25" in status and "wire" in status and "negative" in status
    assert "index:" in status
    listed = run("list")
    assert "snoozed until" in listed and "(demoted)" in listed
    out = tmp_path / "trial.csv"
    assert "exported 1 entry" in run("export", str(out), "--bank", "trial")
    assert out.read_text(encoding="utf-8").startswith("id,bank,label")
    result = runner.invoke(bank_cli, ["import", str(out), "--bank", "default", "--file", str(tmp_path / "b.sqlite")])
    assert result.exit_code == 0 and "imported 1 entry" in result.output

    result = runner.invoke(bank_cli, ["remove", "i5", "--bank", "wire", "--file", file])
    assert result.exit_code == 1 and "is in bank 'trial', not 'wire'" in result.output
    assert "removed i5" in run("remove", "i5", "--bank", "trial")
    result = runner.invoke(bank_cli, ["ramp", "nope", "0.5", "--file", file])
    assert result.exit_code == 1 and "no bank named 'nope'" in result.output
    result = runner.invoke(bank_cli, ["snooze", "i5", "--file", file])
    assert result.exit_code == 2 and "--until" in result.output


def test_jsonl_carries_bank_and_snooze_and_checks_the_bank(bank: Bank, path: Path, tmp_path: Path) -> None:
    bank.create_bank(BankInfo("trial"))
    bank.add([make_entry(item(8), bank.hasher, where="t", entry_id="t-8", bank="trial")])
    bank.snooze("t-8", "2999-06-01")
    out = tmp_path / "out.jsonl"
    bank.export_jsonl(out, bank="trial")
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["bank"] == "trial" and record["snoozed_until"] == "2999-06-01T00:00:00+00:00"
    other = Bank(tmp_path / "other.sqlite")
    with pytest.raises(BankError, match="no bank named 'trial'"):
        other.import_jsonl(out)
    assert not (tmp_path / "other.sqlite").exists() or other.list_entries() == []
    assert other.import_jsonl(out, bank="default") == ["t-8"]
    (info,) = other.list_entries()
    assert info.bank == "default" and info.snoozed_until == "2999-06-01T00:00:00+00:00"
    assert scan(BanksDetector(other), item(8)) == []  # still snoozed after the move
