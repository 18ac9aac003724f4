"""Input readers: every format's good input, every kind of bad input, and mixed runs.

Fixtures are generated in tmp_path from short, neutral sentences written for these tests.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tvec.errors import InputError
from tvec.ingest import IngestOptions, file_type, iter_documents
from tvec.ingest.html import fallback_text
from tvec.ingest.lines import Oversized, iter_bounded_lines
from tvec.types import Document, Source

MB = 1024 * 1024
SENTENCE = "Group X calls on people to attend the rally on Saturday."


def run(paths, **options) -> tuple[list[Document], list[InputError]]:
    items = list(iter_documents([str(p) for p in paths], IngestOptions(**options)))
    for item in items:
        assert isinstance(item, Document | InputError), item
    return (
        [i for i in items if isinstance(i, Document)],
        [i for i in items if isinstance(i, InputError)],
    )


def only_error(paths, **options) -> InputError:
    docs, errors = run(paths, **options)
    assert docs == []
    assert len(errors) == 1, errors
    return errors[0]


# --------------------------------------------------------------------------- plain text


def test_txt_and_md_are_one_document_with_the_path_as_id(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SENTENCE + "\n", encoding="utf-8")
    (tmp_path / "b.md").write_bytes(b"\xef\xbb\xbf# Title\n\nCaf\xc3\xa9 opens at noon.\n")
    docs, errors = run([tmp_path / "a.txt", tmp_path / "b.md"])
    assert errors == []
    assert [d.id for d in docs] == [str(tmp_path / "a.txt"), str(tmp_path / "b.md")]
    assert docs[0].text == SENTENCE + "\n"
    assert docs[1].text == "# Title\n\nCafé opens at noon.\n"  # BOM stripped
    assert docs[0].source == Source(str(tmp_path / "a.txt"))


def test_relative_paths_stay_relative(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(SENTENCE)
    monkeypatch.chdir(tmp_path)
    docs, _ = run(["sub/a.txt", "sub"])
    assert [d.id for d in docs] == ["sub/a.txt", os.path.join("sub", "a.txt")]
    assert docs[0].source == Source("sub/a.txt")


def test_invalid_utf8_names_the_file_and_the_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"Ordinary words then caf\xe9 here")
    error = only_error([path])
    assert error.source == str(path)
    assert error.location == "byte 23"
    assert "not valid UTF-8" in error.problem and "0xe9" in error.problem


def test_invalid_utf8_offset_counts_the_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfab\xff")
    assert only_error([path]).location == "byte 5"


@pytest.mark.parametrize("content", [b"", b"  \n\t \r\n"])
def test_empty_or_whitespace_file_is_an_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    error = only_error([path])
    assert error.source == str(path) and "empty" in error.problem


def test_oversized_text_file_is_refused_by_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * (3 * MB))

    def no_reading(self: Path) -> bytes:
        raise AssertionError("an oversized file must not be read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    error = only_error([path], max_document_bytes=MB)
    assert error.problem == "document is 3.0 MB, larger than the 1.0 MB limit"


def test_unknown_extension_named_explicitly(tmp_path: Path) -> None:
    (tmp_path / "notes.log").write_text(SENTENCE)
    (tmp_path / "image.bin").write_bytes(bytes(range(256)))
    docs, errors = run([tmp_path / "notes.log", tmp_path / "image.bin"])
    assert [d.text for d in docs] == [SENTENCE]
    assert len(errors) == 1
    assert errors[0].source == str(tmp_path / "image.bin")
    assert "unknown file type" in errors[0].problem


def test_stdin_is_one_plain_text_document(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SENTENCE.encode())))
    docs, errors = run(["-"])
    assert errors == [] and len(docs) == 1
    assert docs[0].text == SENTENCE and docs[0].id == "-"


def test_oversized_stdin_reports_its_full_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 5000)))
    error = only_error(["-"], max_document_bytes=1000)
    assert error.problem == "document is 4.9 KB, larger than the 1000 bytes limit"


def test_missing_file_is_an_error_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(SENTENCE)
    docs, errors = run([tmp_path / "missing.txt", tmp_path / "ok.txt", tmp_path / "missing.csv"])
    assert [d.text for d in docs] == [SENTENCE]
    assert [(e.source, e.problem) for e in errors] == [
        (str(tmp_path / "missing.txt"), "no such file or directory"),
        (str(tmp_path / "missing.csv"), "no such file or directory"),
    ]


def test_permission_denied_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.jsonl"
    path.write_text(json.dumps({"text": SENTENCE}))
    real_open = open

    def guarded_open(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", guarded_open)
    error = only_error([path])
    assert (error.source, error.problem) == (str(path), "permission denied")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_permission_denied_for_real(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(SENTENCE)
    path.chmod(0)
    try:
        assert only_error([path]).problem == "permission denied"
    finally:
        path.chmod(0o644)


# --------------------------------------------------------------------------- HTML

PAGE = """<!doctype html>
<html><head><title>Town news</title><script>var tracker = "script words";</script></head>
<body>
<header><nav><ul>
  <li><a href="/">Homepage link</a></li><li><a href="/sport">Sport section</a></li>
  <li><a href="/weather">Weather page</a></li>
</ul></nav></header>
<div class="menu"><ul>
  <li><a href="/a">Menu entry alpha</a></li><li><a href="/b">Menu entry beta</a></li>
</ul></div>
<main><article>
  <h1>Council approves new library</h1>
  <p>The town council voted on Tuesday to approve a new public library near the market square.</p>
  <p>Residents said the current building is too small for the growing number of visitors.</p>
  <p>Construction is expected to start next spring and to finish within two years.</p>
</article></main>
<footer><p>Copyright footer text</p><a href="/contact">Contact us</a></footer>
<script>console.log("more script words");</script>
</body></html>"""


def test_html_keeps_the_article_and_drops_nav_menu_footer_scripts(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    docs, errors = run([path])
    assert errors == [] and len(docs) == 1
    text = docs[0].text
    assert "approve a new public library" in text
    assert "finish within two years" in text
    for boilerplate in ("Homepage link", "Sport section", "Menu entry alpha", "Copyright footer",
                        "Contact us", "script words"):
        assert boilerplate not in text
    assert docs[0].id == str(path) and docs[0].meta["format"] == "html"


def test_html_fallback_skips_boilerplate_even_with_unclosed_tags() -> None:
    html = ("<html><body><nav><ul><li>Home<li>About</ul></nav><p>Short notice.<p>Second line."
            "<footer>Footer words</footer><script>x()</script></body></html>")
    assert fallback_text(html) == "Short notice.\nSecond line."


def test_short_html_page_and_declared_charset(tmp_path: Path) -> None:
    short = tmp_path / "short.htm"
    short.write_text("<html><body><p>Short notice.</p></body></html>")
    legacy = tmp_path / "legacy.html"
    legacy.write_bytes(b'<html><head><meta charset="iso-8859-1"></head><body><p>Caf\xe9 opens at noon.</p>'
                       b"</body></html>")
    scripts_only = tmp_path / "scripts.html"
    scripts_only.write_text("<html><head><script>x()</script><style>p {}</style></head><body> </body></html>")
    docs, errors = run([short, legacy, scripts_only])
    assert [d.text for d in docs] == ["Short notice.", "Café opens at noon."]
    assert [(e.source, e.problem) for e in errors] == [(str(scripts_only), "no text found in the HTML page")]


# --------------------------------------------------------------------------- PDF


def _pdf(pages: list[str | None], encrypt: str | None = None) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt=encrypt)
    for text in pages:
        if text is None:
            pdf.rect(72, 72, 200, 200, fill=1)  # a drawing, no text
        else:
            pdf.drawString(72, 720, text)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_pdf_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(_pdf(["The council met on Tuesday.", "The library opens next year."]))
    docs, errors = run([path])
    assert errors == [] and len(docs) == 1
    assert "The council met on Tuesday." in docs[0].text
    assert "The library opens next year." in docs[0].text
    assert docs[0].id == str(path) and docs[0].source == Source(str(path))
    assert docs[0].meta["pages"] == 2


def test_bad_pdfs_are_errors_naming_file_and_reason(tmp_path: Path) -> None:
    good = _pdf(["The council met on Tuesday."])
    (tmp_path / "corrupt.pdf").write_bytes(good[: len(good) // 2])
    (tmp_path / "scan.pdf").write_bytes(_pdf([None]))
    (tmp_path / "locked.pdf").write_bytes(_pdf(["Hidden words."], encrypt="secret"))
    (tmp_path / "fake.pdf").write_text("this is not a pdf at all")
    docs, errors = run([tmp_path])
    assert docs == []
    problems = {Path(e.source).name: e.problem for e in errors}
    assert set(problems) == {"corrupt.pdf", "scan.pdf", "locked.pdf", "fake.pdf"}
    assert problems["corrupt.pdf"].startswith("corrupt or unreadable PDF")
    assert problems["fake.pdf"].startswith("corrupt or unreadable PDF")
    assert "no text layer" in problems["scan.pdf"]
    assert "encrypted" in problems["locked.pdf"]


def test_pdf_larger_than_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.pdf"
    path.write_bytes(_pdf(["A line of ordinary report text. " * 5] * 3))
    error = only_error([path], max_document_bytes=200)
    assert error.problem.startswith("document is at least") and "200 bytes limit" in error.problem
    assert error.location == "page 2 of 3"


# --------------------------------------------------------------------------- JSONL


def _jsonl(path: Path, lines: list[str | dict]) -> Path:
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n")
    return path


def test_jsonl_documents_ids_and_sources(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "posts.jsonl", [
        {"id": "p1", "text": "First post about the market."},
        {"id": 7, "text": "Second post about the weather.", "extra": [1, 2]},
    ])
    docs, errors = run([path], id_field="id")
    assert errors == []
    assert [(d.id, d.text, d.source) for d in docs] == [
        ("p1", "First post about the market.", Source(str(path), row=1)),
        ("7", "Second post about the weather.", Source(str(path), row=2)),
    ]
    docs, _ = run([path])
    assert [d.id for d in docs] == [f"{path}#row=1", f"{path}#row=2"]


def test_jsonl_bad_lines_are_errors_and_the_other_lines_are_read(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "posts.ndjson", [
        {"id": "a", "body": "Good line one."},
        '{"id": "b", "body": "broken',
        {"id": "c", "title": "no body here"},
        {"id": "d", "body": 42},
        "[1, 2]",
        "",
        {"id": "f", "body": "Good line six."},
    ])
    with path.open("ab") as f:
        f.write(b'{"id": "g", "body": "caf\xe9"}\r\n{"id": "h", "body": "Good line nine."}\r\n')
    docs, errors = run([path], id_field="id", text_field="body")
    assert [(d.id, d.text) for d in docs] == [("a", "Good line one."), ("f", "Good line six."),
                                              ("h", "Good line nine.")]
    assert [e.location for e in errors] == ["line 2", "line 3", "line 4", "line 5", "line 8, byte 24"]
    assert all(e.source == str(path) for e in errors)
    assert "not valid JSON" in errors[0].problem
    assert "no text field 'body' (fields: id, title)" == errors[1].problem
    assert "is an int, not a string" in errors[2].problem
    assert "not a JSON object" in errors[3].problem
    assert "not valid UTF-8" in errors[4].problem


def test_jsonl_id_field_missing_in_first_row_is_one_file_error(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "posts.jsonl", [{"uid": i, "text": f"Post {i}."} for i in range(50)])
    error = only_error([path], id_field="post_id")
    assert error.source == str(path)
    assert "'post_id'" in error.problem and "uid, text" in error.problem


def test_jsonl_id_field_missing_in_a_later_row_is_a_row_error(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "posts.jsonl", [
        {"id": 1, "text": "One."},
        {"text": "Two."},
        {"id": 3, "text": "Three."},
    ])
    docs, errors = run([path], id_field="id")
    assert [d.id for d in docs] == ["1", "3"]
    assert [(e.location, e.problem) for e in errors] == [("line 2", "no id field 'id' (fields: text)")]


def test_jsonl_oversized_line_is_skipped_without_stopping(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    with path.open("w") as f:
        f.write(json.dumps({"text": "Before the long line."}) + "\n")
        f.write(json.dumps({"text": "x" * (3 * MB)}) + "\n")
        f.write(json.dumps({"text": "After the long line."}) + "\n")
    docs, errors = run([path], max_document_bytes=MB)
    assert [(d.text, d.source.row) for d in docs] == [
        ("Before the long line.", 1),
        ("After the long line.", 3),
    ]
    assert len(errors) == 1
    assert errors[0].location == "line 2"
    assert errors[0].problem == "document is 3.0 MB, larger than the 1.0 MB limit"


@pytest.mark.slow
def test_jsonl_real_200mb_line(tmp_path: Path) -> None:
    import tracemalloc

    path = tmp_path / "huge.jsonl"
    with path.open("w") as f:
        f.write(json.dumps({"text": "Short first line."}) + "\n")
        f.write('{"text": "')
        chunk = "y" * MB
        for _ in range(200):
            f.write(chunk)
        f.write('"}\n')
        f.write(json.dumps({"text": "Short last line."}) + "\n")
    tracemalloc.start()
    docs, errors = run([path])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [d.text for d in docs] == ["Short first line.", "Short last line."]
    assert [(e.location, e.problem) for e in errors] == [
        ("line 2", "document is 200.0 MB, larger than the 20.0 MB limit")
    ]
    assert peak < 50 * MB, f"peak {peak / MB:.1f} MB: the line was slurped"


@hypothesis_settings(max_examples=200, deadline=None)
@given(
    lines=st.lists(st.binary(max_size=20).map(lambda b: b.replace(b"\n", b"")), max_size=8),
    trailing_newline=st.booleans(),
    limit=st.integers(min_value=1, max_value=25),
    chunk=st.integers(min_value=1, max_value=30),
)
def test_bounded_lines_match_a_plain_split(lines, trailing_newline, limit, chunk) -> None:
    data = b"\n".join(lines) + (b"\n" if trailing_newline and lines else b"")
    got = list(iter_bounded_lines(io.BytesIO(data), limit, chunk_size=chunk))
    expected_lines = data.split(b"\n")
    if expected_lines and expected_lines[-1] == b"":
        expected_lines.pop()
    expected = []
    for number, line in enumerate(expected_lines, start=1):
        stripped = line[:-1] if line.endswith(b"\r") else line
        if len(stripped) > limit:
            # the size counts the line as stored; a trailing \r may or may not be included
            assert isinstance(got[number - 1][1], Oversized)
            assert got[number - 1][1].size in (len(line), len(stripped))
            expected.append(got[number - 1])
        else:
            expected.append((number, stripped))
    assert got == expected


# --------------------------------------------------------------------------- CSV / TSV


def test_csv_documents_with_ids_and_large_fields(tmp_path: Path) -> None:
    import csv

    big = "word " * 60_000  # 300 KB, over the csv module's default 128 KB field limit
    path = tmp_path / "posts.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["post_id", "author", "body"])
        writer.writerow(["p1", "ann", "A post, with a comma and\na newline."])
        writer.writerow([])
        writer.writerow(["p2", "bob", big])
        writer.writerow(["p3", "cat", ""])
        writer.writerow(["p4"])
    docs, errors = run([path], id_field="post_id", text_field="body")
    assert [(d.id, d.source) for d in docs] == [
        ("p1", Source(str(path), row=1)),
        ("p2", Source(str(path), row=2)),
    ]
    assert docs[0].text == "A post, with a comma and\na newline."
    assert docs[1].text == big
    assert [(e.location, e.problem) for e in errors] == [
        ("row 3", "text field 'body' is empty"),
        ("row 4", "no value in text field 'body'"),
    ]


def test_csv_without_the_text_column_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    path.write_text("id,title,body\n" + "".join(f"{i},t{i},Body {i}.\n" for i in range(100)))
    error = only_error([path])
    assert error.source == str(path)
    assert error.problem == "no text column 'text' (available: id, title, body)"


def test_csv_without_the_id_column_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    path.write_text("uid,text\n1,One.\n2,Two.\n")
    assert only_error([path], id_field="id").problem == "no id column 'id' (available: uid, text)"


def test_tsv_and_row_ids(tmp_path: Path) -> None:
    path = tmp_path / "posts.tsv"
    path.write_bytes("\ufefftext\tlang\nFirst, with comma.\ten\nSecond.\tfr\n".encode())
    docs, errors = run([path])
    assert errors == []
    assert [(d.id, d.text) for d in docs] == [
        (f"{path}#row=1", "First, with comma."),
        (f"{path}#row=2", "Second."),
    ]


def test_csv_empty_and_invalid_utf8(tmp_path: Path) -> None:
    (tmp_path / "empty.csv").write_text("")
    (tmp_path / "latin.csv").write_bytes(b"text\nfine row\ncaf\xe9\nlast row\n")
    docs, errors = run([tmp_path / "empty.csv", tmp_path / "latin.csv"])
    assert [d.text for d in docs] == ["fine row", "last row"]
    assert [(e.source, e.location, e.problem) for e in errors] == [
        (str(tmp_path / "empty.csv"), None, "empty (no header row)"),
        (str(tmp_path / "latin.csv"), "row 2", "not valid UTF-8: byte 0xe9"),
    ]


def test_csv_oversized_field(tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    path.write_text("text\nsmall\n" + "z" * 3000 + "\nsmall again\n")
    docs, errors = run([path], max_document_bytes=1000)
    assert [d.text for d in docs] == ["small", "small again"]
    assert [(e.location, e.problem) for e in errors] == [
        ("row 2", "document is 2.9 KB, larger than the 1000 bytes limit")
    ]


# --------------------------------------------------------------------------- Parquet


def test_parquet_reads_in_batches(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = 2500  # more than one record batch
    table = pa.table({
        "doc": [f"d{i}" for i in range(rows)],
        "content": [f"Post number {i} about the market." if i != 1300 else None for i in range(rows)],
        "score": list(range(rows)),
    })
    path = tmp_path / "posts.parquet"
    pq.write_table(table, path, row_group_size=700)
    docs, errors = run([path], id_field="doc", text_field="content")
    assert len(docs) == rows - 1
    assert (docs[0].id, docs[0].text, docs[0].source) == ("d0", "Post number 0 about the market.",
                                                          Source(str(path), row=1))
    assert docs[-1].id == "d2499" and docs[-1].source.row == 2500
    assert [(e.location, e.problem) for e in errors] == [("row 1301", "no value in text field 'content'")]


def test_parquet_column_checks_and_corrupt_file(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"body": ["One."], "n": [1]}), tmp_path / "a.parquet")
    (tmp_path / "b.parquet").write_bytes(b"PAR1 not really parquet")
    docs, errors = run([tmp_path / "a.parquet", tmp_path / "b.parquet"])
    assert docs == []
    assert (errors[0].source, errors[0].problem) == (str(tmp_path / "a.parquet"),
                                                     "no text column 'text' (available: body, n)")
    assert errors[1].source == str(tmp_path / "b.parquet")
    assert "not a readable Parquet file" in errors[1].problem
    error = only_error([tmp_path / "a.parquet"], text_field="n")
    assert error.problem == "text column 'n' holds int64, not text"


# --------------------------------------------------------------------------- WARC


def _warc(path: Path, gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tvec-tests"}))

        def response(uri: str, status: str, content_type: str, body: bytes):
            http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            return writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http)

        writer.write_record(writer.create_warc_record("http://example.org/news", "request",
                                                      payload=io.BytesIO(b"GET /news HTTP/1.1\r\n\r\n"),
                                                      warc_content_type="application/http; msgtype=request"))
        writer.write_record(response("http://example.org/news", "200 OK", "text/html; charset=utf-8",
                                     PAGE.encode()))
        writer.write_record(response("http://example.org/logo.png", "200 OK", "image/png", b"\x89PNG..."))
        writer.write_record(response("http://example.org/old", "301 Moved", "text/html", b"<p>Moved</p>"))
        writer.write_record(response("http://example.org/notes.txt", "200 OK", "text/plain",
                                     b"Plain notes about the fair."))


@pytest.mark.parametrize("name,gz", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc_responses_become_documents(tmp_path: Path, name: str, gz: bool) -> None:
    path = tmp_path / name
    _warc(path, gz)
    docs, errors = run([path])
    assert errors == []
    assert [d.source for d in docs] == [Source(str(path), record=3), Source(str(path), record=6)]
    news, notes = docs
    assert "approve a new public library" in news.text and "Menu entry alpha" not in news.text
    assert notes.text == "Plain notes about the fair."
    assert news.id.startswith("<urn:uuid:") and news.id != notes.id
    assert news.meta["url"] == "http://example.org/news"
    assert news.meta["date"] and news.meta["content_type"] == "text/html"


@pytest.mark.parametrize("name,gz", [("crawl.warc", False), ("crawl.warc.gz", True)])
@pytest.mark.parametrize("cut", [20, 200, 700])
def test_cut_off_warc_keeps_the_records_before_the_damage(tmp_path: Path, name: str, gz: bool,
                                                          cut: int) -> None:
    # warcio alone would drop the cut-off records without a word; the loss must be reported
    path = tmp_path / name
    _warc(path, gz)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - cut])
    docs, errors = run([path])
    assert len(docs) == 1 and "library" in docs[0].text and docs[0].source.record == 3
    assert len(errors) == 1 and errors[0].source == str(path)
    assert errors[0].location in {"record 4", "record 5", "record 6"}


def test_oversized_warc_record(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    _warc(path, gz=True)
    docs, errors = run([path], max_document_bytes=500)
    assert [d.text for d in docs] == ["Plain notes about the fair."]
    assert [(e.location, e.problem) for e in errors] == [
        ("record 3", f"document is {len(PAGE.encode())} bytes, larger than the 500 bytes limit")
    ]


def test_not_a_warc_file(tmp_path: Path) -> None:
    for name in ("other.warc", "other.warc.gz"):
        (tmp_path / name).write_text("hello, not a warc")
        error = only_error([tmp_path / name])
        assert "not a WARC file" in error.problem and error.location == "record 1"


def test_warc_record_without_id_uses_the_ordinal(tmp_path: Path) -> None:
    path = tmp_path / "tiny.warc"
    body = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nA short note."
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/\r\n"
                     b"Content-Type: application/http; msgtype=response\r\n"
                     + f"Content-Length: {len(body)}\r\n\r\n".encode() + body + b"\r\n\r\n")
    docs, errors = run([path])
    assert errors == [] and [(d.id, d.text) for d in docs] == [(f"{path}#record=1", "A short note.")]


# --------------------------------------------------------------------------- folders and mixed runs


def test_mixed_folder_reads_the_good_files_and_names_the_bad_ones(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "b_sub" / "deeper").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / ".git" / "HEAD.txt").write_text("hidden, not read")
    (root / "a.txt").write_text("Alpha note about the fair.")
    (root / "bad.txt").write_bytes(b"\xff\xfe broken")
    (root / "broken.pdf").write_bytes(b"%PDF-1.4 then nothing")
    (root / "empty.md").write_text("   ")
    (root / "ignored.xyz").write_bytes(b"\x00\x01 not a document type")
    _jsonl(root / "b_sub" / "posts.jsonl", [{"text": "Post one."}, "{oops", {"text": "Post three."}])
    (root / "b_sub" / "deeper" / "z.html").write_text(PAGE)
    (root / "c.csv").write_text("title\nno text column\n")
    docs, errors = run([root])
    assert [d.id for d in docs] == [
        str(root / "a.txt"),
        str(root / "b_sub" / "deeper" / "z.html"),  # sorted by name: "b_sub" < "bad.txt"
        f"{root / 'b_sub' / 'posts.jsonl'}#row=1",
        f"{root / 'b_sub' / 'posts.jsonl'}#row=3",
    ]
    assert [(Path(e.source).name, e.location) for e in errors] == [
        ("posts.jsonl", "line 2"),
        ("bad.txt", "byte 0"),
        ("broken.pdf", None),
        ("c.csv", None),
        ("empty.md", None),
    ]
    # every message names its file, so it can be found from the message alone
    assert all(Path(e.source).name in str(e) for e in errors)

    docs, errors = run([root], recursive=False)
    assert [Path(d.id).name for d in docs] == ["a.txt"]
    assert len(errors) == 4


def test_a_runaway_reader_error_becomes_an_input_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tvec.ingest.text as text_module

    def boom(path, options, fmt="text"):
        raise RuntimeError("reader bug")
        yield  # pragma: no cover

    monkeypatch.setattr(text_module, "read_text", boom)
    (tmp_path / "a.txt").write_text(SENTENCE)
    error = only_error([tmp_path / "a.txt"])
    assert error.problem == "unexpected error while reading (RuntimeError: reader bug)"


def test_file_type() -> None:
    assert file_type("a/b/Crawl.WARC.GZ") == ".warc.gz"
    assert file_type("x.tsv") == ".tsv"
    assert file_type("x.gz") is None and file_type("README") is None


def test_gzip_that_is_not_warc_named_explicitly_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "data.gz"
    path.write_bytes(gzip.compress(b"some text"))
    assert "unknown file type" in only_error([path]).problem
