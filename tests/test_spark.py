"""The Spark engine gives the rows the CLI gives: same ids, decisions, categories, signal spans,
and the same per-row errors, on a few thousand generic documents and the seeds.

One local[2] session serves the whole module (starting Spark costs 10-40 s); the module is
skipped with the reason when pyspark or a Java runtime is missing.
"""

from __future__ import annotations

import dataclasses
import io
import json
import random
import shutil
import subprocess

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from tvec.banks.bank import Bank
from tvec.banks.entries import make_entry
from tvec.cli import main
from tvec.detectors.base import Detector, PreparedDocument
from tvec.errors import ConfigurationError
from tvec.ingest import IngestOptions
from tvec.orgs.authorship import load_official_domains
from tvec.scanner import Scanner
from tvec.settings import TvecSettings
from tvec.spark import scan_dataframe, scan_inputs
from tvec.spark_rows import (
    INPUT_FIELDS,
    PER_FILE,
    RESULT_FIELDS,
    ScanJob,
    arrow_schema,
    display_path,
    executor_scanner,
    result_record,
    scan_rows,
    settings_json,
)
from tvec.types import Document, Signal


def _have_spark() -> str | None:
    """Why the Spark tests cannot run here, or None."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark not installed (pip install 'tvec[spark]')"
    if shutil.which("java") is None or subprocess.run(["java", "-version"], capture_output=True).returncode:
        return "no Java runtime for Spark (apt-get install openjdk-17-jre-headless)"
    return None


NO_SPARK = _have_spark()


def spark_test(test):
    """Marked ``spark`` (deselect with -m 'not spark') and skipped, with the reason, without
    pyspark or Java."""
    return pytest.mark.spark(pytest.mark.skipif(NO_SPARK is not None, reason=NO_SPARK or "")(test))


MAX_BYTES = 4000
FAST_DETECTORS = ["organisations", "banks"]
WARC_RECORDS = 30
SIGNOFF = "\n\nWritten for the Central Media Office of Hizb ut Tahrir"
SUBJECTS = [
    "The council",
    "Group X",
    "The village choir",
    "A local charity",
    "The football club",
    "Our school",
]
VERBS = ["invites residents to", "calls on people to attend", "announces", "will hold", "reports on"]
OBJECTS = [
    "the rally on Saturday.",
    "a meeting about the new library.",
    "the summer fair.",
    "a debate on transport.",
    "the annual general meeting.",
    "a clean-up of the river bank.",
]
BANKED = [
    " ".join(
        f"Item {k} of the archived bulletin lists the opening hours of hall number {k} and the"
        f" names of the volunteers who keep the garden tidy every week."
        for k in range(i, i + 6)
    )
    for i in (1, 20)
]  # generic, templated text standing in for two known releases


# A domain the shipped data (data/official_domains.csv) lists as an organisation's own, verified:
# a neutral notice published there is attributed to the organisation by its URL alone.
OFFICIAL = next(d for d in load_official_domains() if d.verification == "read")
OFFICIAL_URL = f"https://www.{OFFICIAL.domain}/en/press/1.html"
NOTICE = "The meeting will be held on Friday."
URL_ROWS: list[tuple[str, str | None]] = [
    (NOTICE, OFFICIAL_URL),
    (NOTICE, "https://example.org/p/2"),
    (NOTICE, None),
    ("Group X announces the summer fair.", f"https://{OFFICIAL.domain}/p/4"),
    (NOTICE, ""),
]


def _domain_attribution(row: dict) -> dict | None:
    """The evidence of a Spark row's attribution by official domain, or None."""
    for signal in row["signals"]:
        evidence = json.loads(signal["evidence_json"])
        kinds = [a["kind"] for a in evidence.get("authorship", [])]
        if signal["category"] == "attribution" and "official_domain" in kinds:
            return evidence
    return None


def _post(rng: random.Random, i: int) -> str:
    text = " ".join(
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}" for _ in range(rng.randint(1, 4))
    )
    if i % 40 == 0:
        text += SIGNOFF
    if i % 40 == 1:
        text = "A newspaper says Hizb ut-Tahrir was proscribed in the UK. " + text
    if i % 25 == 2:
        text += "\n\n" + BANKED[i % 2]
    return text


def _write_warc(path, texts: list[str]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for i, text in enumerate(texts):
            body = f"<html><body><article><p>{text}</p></article></body></html>".encode()
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                f"http://example.org/post/{i}", "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("spark")
    home = root / "home"
    # the big corpus runs the two cheap detectors (the classifier scans ~100 docs/s); the seeds
    # and the DataFrame test run the default set, so every detector's output is compared too
    settings = TvecSettings(home=home, max_document_bytes=MAX_BYTES, detectors=FAST_DETECTORS)
    bank = Bank(settings.resolved_bank_path)
    bank.add(
        [
            make_entry(t, bank.hasher, where=f"bank-{i}", entry_id=f"known-{i}", organisation="Group X")
            for i, t in enumerate(BANKED)
        ]
    )
    rng = random.Random(11)
    texts: list[str | None] = [_post(rng, i) for i in range(1600)]
    texts[5], texts[6], texts[7] = "", None, "word " * 1000  # empty, missing, too large
    pq.write_table(
        pa.table({"doc": [f"p{i}" for i in range(len(texts))], "text": texts}),
        root / "posts.parquet",
        row_group_size=500,
    )
    lines = [json.dumps({"text": _post(rng, i)}).encode() for i in range(400)]
    lines[3] = b'{"text": "broken'
    lines[4] = b'{"text": "caf\xe9 on the corner"}'  # Latin-1 byte: not UTF-8
    (root / "posts.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    _write_warc(root / "crawl.warc.gz", [_post(rng, i) for i in range(WARC_RECORDS)])
    return {
        "root": root,
        "home": home,
        "settings": settings,
        "full_settings": TvecSettings(home=home),
        "cli_env": {
            "TVEC_HOME": str(home),
            "TVEC_MAX_DOCUMENT_BYTES": str(MAX_BYTES),
            "TVEC_DETECTORS": json.dumps(FAST_DETECTORS),
        },
    }


@pytest.fixture(scope="module")
def spark():
    from tvec.spark import spark_session

    session = spark_session(
        "local[2]",
        app_name="tvec-tests",
        conf={"spark.sql.shuffle.partitions": "4", "spark.default.parallelism": "2"},
    )
    yield session
    session.stop()


def _cli_records(paths: list[str], cli_env: dict, *extra: str) -> list[dict]:
    result = CliRunner().invoke(
        main, ["scan", *paths, "--format", "jsonl", "-j", "UK,EU", *extra], env=cli_env
    )
    assert result.exit_code in (0, 1, 3), result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def _as_cli(row: dict) -> dict:
    """A Spark output row in the shape of the CLI's JSON record, for comparison."""
    src = {k: v for k, v in (row["source"] or {}).items() if v is not None and k != "location"}
    record: dict = {"document_id": row["id"], **({"source": src} if row["source"] else {})}
    record["decisions"] = {
        d["jurisdiction"]: {"document_id": row["id"], **{k: v for k, v in d.items()}}
        for d in row["decisions"]
    }
    record["signals"] = [
        {
            "detector": s["detector"],
            "category": s["category"],
            "score": round(s["score"], 4),
            "spans": s["spans"],
            "evidence": json.loads(s["evidence_json"]),
            "explanation": s["explanation"],
        }
        for s in row["signals"]
    ]
    return record


def _cli_doc(record: dict) -> dict:
    out = dict(record)
    out["signals"] = [
        {**s, "spans": [{"start": p["start"], "end": p["end"]} for p in s["spans"]]}
        for s in record["signals"]
    ]
    return out


def _cli_error(record: dict) -> str:
    source = record["source"]
    where = f"{source['path']} ({source['location']})" if source.get("location") else source["path"]
    return f"{where}: {record['error']}"


def _compare(cli: list[dict], rows: list[dict]) -> None:
    docs = {r["document_id"]: _cli_doc(r) for r in cli if "document_id" in r}
    errors = sorted(_cli_error(r) for r in cli if "error" in r)
    scanned = {r["id"]: _as_cli(r) for r in rows if r["action"] is not None}
    assert len(scanned) == sum(1 for r in rows if r["action"] is not None), "duplicate ids"
    assert sorted(scanned) == sorted(docs)
    for doc_id, record in docs.items():
        assert scanned[doc_id] == record, doc_id
    assert sorted(r["error"] for r in rows if r["action"] is None) == errors


@spark_test
def test_files_identical_to_cli(spark, env):
    """Parquet (read by Spark) and JSONL and WARC (read per file in the executors):
    every row, verdict, category, span and error as ``tvec scan --format jsonl`` gives it."""
    paths = [str(env["root"] / name) for name in ("posts.parquet", "posts.jsonl", "crawl.warc.gz")]
    rows = [
        r.asDict(recursive=True)
        for r in scan_inputs(spark, paths, settings=env["settings"], jurisdictions=["UK", "EU"]).collect()
    ]
    cli = _cli_records(paths, env["cli_env"])
    assert len(rows) == len(cli) == 2000 + WARC_RECORDS
    _compare(cli, rows)
    actions = {r["action"] for r in rows}
    assert {"allow", "review", None} <= actions, actions  # the corpus exercises verdicts and errors
    assert any(s["detector"] == "banks" for r in rows for s in r["signals"])
    errors = [r["error"] for r in rows if r["error"]]
    assert any("larger than" in e for e in errors) and any("UTF-8" in e for e in errors), errors


@spark_test
def test_dataframe_identical_to_scanner(spark, env):
    """``scan_dataframe`` on an in-memory DataFrame: full-precision rows equal to Scanner.scan,
    metadata columns passed through, bad rows as error rows."""
    rng = random.Random(5)
    data = [(f"d{i}", _post(rng, i), f"channel-{i % 3}") for i in range(300)] + [
        ("empty", "", "c"),
        ("none", None, "c"),
    ]
    df = spark.createDataFrame(data, "id string, text string, channel string")
    settings = env["full_settings"]
    rows = {r["id"]: r.asDict(recursive=True) for r in scan_dataframe(df, settings=settings).collect()}
    scanner = Scanner(settings)
    for doc_id, text, channel in data[:300]:
        expected = result_record(scanner.scan(Document(doc_id, text)))
        got = rows[doc_id]
        assert got.pop("channel") == channel
        assert got == expected, doc_id
    assert rows["empty"]["error"] == "DataFrame: text field 'text' is empty"
    assert rows["none"]["action"] is None and rows["none"]["flagged"] is False


@spark_test
def test_dataframe_ids_from_parquet_rows_and_clear_errors(spark, env):
    df = spark.read.parquet(str(env["root"] / "posts.parquet")).drop("doc")
    ids = [r["id"] for r in scan_dataframe(df, settings=env["settings"]).select("id").limit(3).collect()]
    assert all(i.endswith(f"posts.parquet#row={i.rsplit('=', 1)[1]}") for i in ids), ids
    with pytest.raises(ConfigurationError, match="no id column 'id'"):
        scan_dataframe(spark.createDataFrame([("x",)], "text string"), settings=env["settings"])
    with pytest.raises(ConfigurationError, match="no text column 'body'"):
        scan_dataframe(df, text_col="body", settings=env["settings"])


@spark_test
def test_seeds_identical_to_cli(spark, env, shared):
    """The seed texts (read in place, never copied), at the default size limit, with every
    default detector (the seeds have cue pairs like 'Solidarity'/'solidarity' whose order must
    not depend on the process's hash seed)."""
    seeds = str(shared / "seeds")
    detectors = list(TvecSettings().detectors)
    settings = TvecSettings(home=env["home"], detectors=detectors)
    rows = [
        r.asDict(recursive=True)
        for r in scan_inputs(
            spark, [seeds], settings=settings, jurisdictions=["UK", "EU"], options=IngestOptions()
        ).collect()
    ]
    cli = _cli_records([seeds], {"TVEC_HOME": str(env["home"]), "TVEC_DETECTORS": json.dumps(detectors)})
    assert len(rows) == len(cli) >= 5
    _compare(cli, rows)
    assert sum(r["flagged"] for r in rows) >= 3


@spark_test
def test_cli_engine_spark_partitioned_deterministic_and_report(spark, env, tmp_path):
    """`tvec scan --engine spark` writes Parquet partitioned by action, with the rows a second
    run through the API gives; `tvec spark-report` counts them and draws the plots."""
    source = env["root"] / "small.parquet"
    pq.write_table(pq.read_table(env["root"] / "posts.parquet").slice(0, 200), source)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        [
            "scan",
            "--engine",
            "spark",
            "--master",
            "local[2]",
            str(source),
            "--id-field",
            "doc",
            "-o",
            str(out),
        ],
        env=env["cli_env"],
    )
    assert result.exit_code == 1, result.output  # some documents are flagged
    assert "200 scanned" in result.output
    assert (out / "action=allow").is_dir() and (out / "action=review").is_dir()
    first = [r.asDict(recursive=True) for r in spark.read.parquet(str(out)).orderBy("id").collect()]
    again = scan_inputs(spark, [str(source)], options=IngestOptions(id_field="doc"), settings=env["settings"])
    assert first == [r.asDict(recursive=True) for r in again.orderBy("id").collect()]
    assert len(first) == 200
    report = tmp_path / "report"
    result = CliRunner().invoke(
        main, ["spark-report", str(out), "--report", str(report), "--master", "local[2]"]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads((report / "summary.json").read_text(encoding="utf-8"))
    assert summary["documents"] == 200
    assert summary["by_verdict"]["allow"] == sum(1 for r in first if r["action"] == "allow")
    assert {c["entry_id"] for c in summary["clusters"]} == {"known-0", "known-1"}
    assert any(o["organisation"] == "Hizb ut-Tahrir" for o in summary["organisations"])
    assert set(summary["by_jurisdiction"]) == {"UK", "EU"}
    for png in ("verdicts.png", "jurisdictions.png", "clusters.png"):
        assert (report / png).stat().st_size > 1000
    assert "Near-duplicate clusters" in (report / "report.md").read_text(encoding="utf-8")


@spark_test
def test_url_field_identical_to_cli(spark, env, tmp_path):
    """`tvec scan --engine spark --url-field` on JSONL, CSV (read in the executors) and Parquet
    (read by Spark): a notice on an organisation's official domain gets the attribution signal and
    decision the local engine gives it; a non-string URL is its row's error, on both engines."""
    root = tmp_path / "in"
    root.mkdir()
    lines = [json.dumps({"text": t, **({"url": u} if u is not None else {})}) for t, u in URL_ROWS]
    lines.append(json.dumps({"text": NOTICE, "url": 42}))  # not a string: this row's error
    (root / "site.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "site.csv").write_text(
        "text,url\n" + "".join(f"{t},{u or ''}\n" for t, u in URL_ROWS), encoding="utf-8"
    )
    pq.write_table(
        pa.table({"text": [t for t, _ in URL_ROWS], "url": [u for _, u in URL_ROWS]}), root / "site.parquet"
    )
    paths = [str(root / name) for name in ("site.jsonl", "site.csv", "site.parquet")]
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        ["scan", "--engine", "spark", "--master", "local[2]", *paths, "--url-field", "url", "-o", str(out)],
        env=env["cli_env"],
    )
    assert result.exit_code == 1, result.output  # the official-domain notices are flagged
    rows = [r.asDict(recursive=True) for r in spark.read.parquet(str(out)).collect()]
    cli = _cli_records(paths, env["cli_env"], "--url-field", "url")
    assert len(rows) == len(cli) == 3 * len(URL_ROWS) + 1
    _compare(cli, rows)
    by_id = {r["id"]: r for r in rows}
    for path in paths:
        official, other, none, named, empty = (by_id[f"{path}#row={n}"] for n in range(1, 6))
        for row in (official, named):
            evidence = _domain_attribution(row)
            assert evidence is not None and evidence["organisation_key"] == OFFICIAL.organisation_key, row
            assert {d["jurisdiction"]: d["action"] for d in row["decisions"]}["UK"] == "review", row
        for row in (other, none, empty):
            assert _domain_attribution(row) is None and row["action"] == "allow", row
    [bad] = [r for r in rows if r["error"]]
    assert bad["error"] == f"{paths[0]} (line 6): url field 'url' is an int, not a string"
    # a Parquet column that is not text: every row with a value is an error row, as in the CLI
    numbers = root / "numbers.parquet"
    pq.write_table(pa.table({"text": [NOTICE, NOTICE], "url": [7, None]}), numbers)
    scanned = scan_inputs(
        spark,
        [str(numbers)],
        options=IngestOptions(url_field="url"),
        settings=env["settings"],
        jurisdictions=["UK", "EU"],
    )
    rows = [r.asDict(recursive=True) for r in scanned.collect()]
    _compare(_cli_records([str(numbers)], env["cli_env"], "--url-field", "url"), rows)
    assert {r["id"]: r["error"] for r in rows} == {
        f"{numbers}#row=1": f"{numbers} (row 1): url field 'url' is an int, not a string",
        f"{numbers}#row=2": None,
    }


@spark_test
def test_dataframe_url_col_identical_to_scanner_and_clear_errors(spark, env):
    """``scan_dataframe(url_col=...)``: the URL reaches ``Document.meta["url"]`` (the rows equal
    Scanner.scan of documents carrying it), the column is passed through; a missing or
    non-string url column fails on the driver naming it."""
    from pyspark.sql import functions as F

    data = [(f"u{i}", text, url, "c") for i, (text, url) in enumerate(URL_ROWS)]
    df = spark.createDataFrame(data, "id string, body string, link string, channel string")
    settings = env["settings"]
    rows = {
        r["id"]: r.asDict(recursive=True)
        for r in scan_dataframe(df, text_col="body", url_col="link", settings=settings).collect()
    }
    scanner = Scanner(settings)
    for doc_id, text, url, channel in data:
        meta = {"url": url} if url else {}
        expected = result_record(scanner.scan(Document(doc_id, text, meta=meta)))
        got = rows[doc_id]
        assert (got.pop("channel"), got.pop("link")) == (channel, url)
        assert got == expected, doc_id
    assert _domain_attribution(rows["u0"]) is not None and rows["u0"]["action"] == "review"
    assert _domain_attribution(rows["u2"]) is None and rows["u2"]["action"] == "allow"
    with pytest.raises(ConfigurationError, match="DataFrame has no url column 'href'"):
        scan_dataframe(df, text_col="body", url_col="href", settings=settings)
    with pytest.raises(ConfigurationError, match="url column 'link' holds int, not a string"):
        scan_dataframe(df.withColumn("link", F.lit(1)), text_col="body", url_col="link", settings=settings)
    source = env["root"] / "posts.parquet"
    with pytest.raises(ConfigurationError, match="no url column 'href'"):
        scan_inputs(spark, [str(source)], options=IngestOptions(url_field="href"), settings=settings)


# -- the worker side, without Spark ----------------------------------------------------------


def _row(**values) -> dict:
    return {name: None for name, _ in INPUT_FIELDS} | {f"__tvec_{k}": v for k, v in values.items()}


def _job(settings: TvecSettings, fmt: str = "dataframe", id_field: str | None = "id") -> ScanJob:
    return ScanJob(
        settings_json(settings), ("UK", "EU"), None, "text", id_field, settings.max_document_bytes, fmt
    )


class _Broken(Detector):
    name = "broken"
    cost = 0.5

    def detect(self, doc: PreparedDocument) -> list[Signal]:
        raise RuntimeError("boom")


def test_rows_fit_the_arrow_schema_and_bad_rows_become_errors(settings):
    job = _job(settings)
    scanner = executor_scanner(job.settings_json)
    assert executor_scanner(job.settings_json) is scanner  # built once per worker process
    rows = [
        _row(id="ok", text="Group X calls on people to attend the rally."),
        _row(id="signed", text="Notice of the lecture series." + SIGNOFF),
        _row(id="latin1", text=b"caf\xe9 at noon"),
        _row(id="big", text="word " * (settings.max_document_bytes // 5 + 1)),
        _row(id=None, text="an id is missing"),
        _row(path="a.jsonl", location="line 3", error="a.jsonl (line 3): not valid JSON"),
    ]
    records = {r["id"]: r for r in scan_rows(job, rows, scanner)}
    pa.RecordBatch.from_pylist(list(records.values()), arrow_schema(RESULT_FIELDS))  # the declared types hold
    assert records["ok"]["action"] == "allow" and records["ok"]["error"] is None
    assert records["signed"]["flagged"] and records["signed"]["signals"][0]["spans"]
    assert records["latin1"]["error"] == "DataFrame: not valid UTF-8 at byte 3 of the text"
    assert "larger than" in records["big"]["error"] and records["big"]["action"] is None
    missing = [r for r in records.values() if r["id"].startswith("text-sha256:")]
    assert missing and "id field 'id' is empty" in missing[0]["error"]
    assert records["a.jsonl#line 3"]["source"] == {
        "path": "a.jsonl",
        "row": None,
        "record": None,
        "location": "line 3",
    }


def test_a_crash_costs_one_row_and_a_broken_detector_is_reported(settings):
    job = _job(settings)

    class Crashing:
        def scan(self, document, jurisdictions, as_of):
            raise MemoryError("out of memory") if document.id == "x" else RuntimeError("bad")

    [record] = scan_rows(job, [_row(id="x", text="text")], Crashing())
    assert record["error"] == "scan failed: MemoryError: out of memory" and record["id"] == "x"
    scanner = Scanner(settings, detectors=[_Broken(), *Scanner(settings).detectors])
    [record] = scan_rows(job, [_row(id="y", text="Notice." + SIGNOFF)], scanner)
    assert "detector broken" in record["error"] and record["action"] == "review"  # the others still ran


def test_per_file_rows_keep_the_ingest_ids_and_paths_are_given_back_as_typed(settings):
    job = _job(settings, fmt=PER_FILE, id_field=None)
    row = _row(id="d.warc#record=2", text="Group X reports on the fair.", path="d.warc", record=2, meta="{}")
    [record] = scan_rows(job, [row], executor_scanner(job.settings_json))
    assert record["id"] == "d.warc#record=2" and record["source"]["record"] == 2
    assert display_path("file:/data/my%20dir/x.parquet", [("/data/my dir", "in")]) == "in/x.parquet"
    assert display_path("file:/data/x.parquet", [("/data/x.parquet", "x.parquet")]) == "x.parquet"
    assert display_path("s3a://bucket/x.parquet", [("/data", "in")]) == "s3a://bucket/x.parquet"
    assert result_record(Scanner(settings).scan(Document("z", "Plain text about a fair.")))["source"] is None


def test_a_rows_url_reaches_the_document_and_a_bad_one_is_its_error(settings):
    """The URL column is given to the CLI's own row rules (``row_document``): a URL on an official
    domain attributes the text, a non-string one is the row's error in the CLI's words."""
    job = dataclasses.replace(_job(settings), url_field="url")
    scanner = executor_scanner(job.settings_json)
    rows = [
        _row(id="site", text=NOTICE, url=OFFICIAL_URL),
        _row(id="plain", text=NOTICE),
        _row(id="bad", text=NOTICE, url=42),
    ]
    records = {r["id"]: r for r in scan_rows(job, rows, scanner)}
    assert _domain_attribution(records["site"]) is not None and records["site"]["flagged"]
    assert records["site"] == result_record(
        scanner.scan(Document("site", NOTICE, meta={"url": OFFICIAL_URL}))
    )
    assert _domain_attribution(records["plain"]) is None
    assert records["bad"]["error"] == "DataFrame: url field 'url' is an int, not a string"
    parquet = dataclasses.replace(job, fmt="parquet", id_field=None)
    [record] = scan_rows(parquet, [_row(text=NOTICE, url=7, path="p.parquet", row=3)], scanner)
    assert record["id"] == "p.parquet#row=3"
    assert record["error"] == "p.parquet (row 3): url field 'url' is an int, not a string"


def test_engine_spark_needs_an_output_folder(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Group X announces the summer fair.", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["scan", "--engine", "spark", str(path)], env={"TVEC_HOME": str(tmp_path)}
    )
    assert result.exit_code == 2 and "name an output folder with --output" in result.output
