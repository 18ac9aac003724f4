"""Shared helpers for the dataset converters in this folder (standard library only).

Every converter builds a list of rows (text, label, lang, split, source_label) and
calls ``write_normalised``. The output is a plain UTF-8 TSV with a header and no
quoting: read it with ``csv.reader(f, delimiter="\\t", quoting=csv.QUOTE_NONE)``.
"""
import collections
import os
import re
import sys
import xml.etree.ElementTree as ET
import zipfile

EXTRA = os.environ.get(
    "TVEC_EXTRA_DATA",
    os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "data", "extra"),
)
MIRRORS = "/work/.mirror"

LABELS = {
    "incitement", "insurrection", "glorification", "dehumanisation",
    "proscribed_support", "neutral", "abuse",
}
HEADER = ("text", "label", "lang", "split", "source_label")
# Tabs, newlines and the other characters str.splitlines() treats as line breaks.
_BREAKS = re.compile(r"[\t\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")
_SPACES = re.compile(r" {2,}")
# When one text occurs in several splits, the copy in the earlier split here is kept,
# so that evaluation splits are never emptied in favour of train.
SPLIT_PRIORITY = ("test", "dev", "train")


def clean(text):
    text = _BREAKS.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


# A sentence ends at . ! ? or the Arabic/Urdu (؟ ۔) and Devanagari/Bengali (। ॥) stops, then a space.
_SENTENCE_END = re.compile(r"[.!?\u061f\u06d4\u0964\u0965][\"'\u201d\u2019)\]]*\s")


def cap_on_sentence(text, limit=2000):
    """Keep at most ``limit`` characters of ``text`` (already cleaned), cut after the last sentence
    end inside the limit; when no sentence ends in its second half, cut at the last space."""
    if len(text) <= limit:
        return text
    head = text[: limit + 1]
    ends = [m.end() for m in _SENTENCE_END.finditer(head)]
    if ends and ends[-1] >= limit // 2:
        return head[: ends[-1]].strip()
    space = head.rfind(" ")
    return (head[:space] if space >= limit // 2 else head[:limit]).strip()


_TITLE_END = re.compile(r"[.!?\u2026:;\u061f\u06d4\u0964\u0965\"'\u00bb\u201d\u2019)\]]$")


def join_title(title, body):
    """"Title. Body" (both already cleaned), without a second stop after a title that ends in one."""
    if not title or not body:
        return title or body
    return f"{title} {body}" if _TITLE_END.search(title) else f"{title}. {body}"


def raw_dir(name):
    path = os.path.join(EXTRA, name, "raw")
    os.makedirs(path, exist_ok=True)
    return path


def write_normalised(name, rows):
    """rows: iterable of (text, label, lang, split, source_label). Returns the kept rows."""
    rows = [(clean(t), l, g, s, clean(str(sl))) for t, l, g, s, sl in rows]
    for _, label, _, split, _ in rows:
        assert label in LABELS, label
        assert split in SPLIT_PRIORITY, split
    order = {s: i for i, s in enumerate(SPLIT_PRIORITY)}
    indexed = sorted(enumerate(rows), key=lambda ir: (order[ir[1][3]], ir[0]))
    seen = {}
    kept = []
    empty = dup = conflict = 0
    for _, row in indexed:
        if not row[0]:
            empty += 1
            continue
        if row[0] in seen:
            dup += 1
            if seen[row[0]] != row[1]:
                conflict += 1
            continue
        seen[row[0]] = row[1]
        kept.append(row)
    out = os.path.join(EXTRA, name, "normalised.tsv")
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(HEADER) + "\n")
        for row in kept:
            f.write("\t".join(row) + "\n")
    stats = collections.Counter((r[3], r[1]) for r in kept)
    print(f"{name}: wrote {len(kept)} rows to {out}", file=sys.stderr)
    print(f"  dropped: {empty} empty, {dup} duplicate texts ({conflict} with a different label)",
          file=sys.stderr)
    for split in SPLIT_PRIORITY:
        per = {l: n for (s, l), n in sorted(stats.items()) if s == split}
        if per:
            print(f"  {split}: {sum(per.values())} {per}", file=sys.stderr)
    langs = collections.Counter(r[2] for r in kept)
    print(f"  lang: {dict(langs)}", file=sys.stderr)
    return kept


def extract_from_mirror(name, repo, commit, paths):
    """Copy data files (paths inside the repo at commit) from a fetched bare mirror into
    raw/ when they are not there yet. Files keep their base name unless given as
    (repo_path, local_name). Returns the raw/ folder."""
    import subprocess

    dest = raw_dir(name)
    git_dir = os.path.join(MIRRORS, repo.replace("/", "+"), "repo")
    for item in paths:
        src, local = item if isinstance(item, tuple) else (item, os.path.basename(item))
        target = os.path.join(dest, local)
        if os.path.exists(target):
            continue
        blob = subprocess.run(["git", "--git-dir", git_dir, "show", f"{commit}:{src}"],
                              check=True, capture_output=True).stdout
        with open(target, "wb") as f:
            f.write(blob)
    return dest


NS_XLSX = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def read_xlsx(path):
    """Read the first sheet of an .xlsx/.xltx with the standard library (zipfile + ElementTree).
    Returns one dict per row, column letter -> cell text (shared, inline or plain values)."""
    with zipfile.ZipFile(path) as z:
        shared = []
        names = z.namelist()
        strings = ET.fromstring(z.read("xl/sharedStrings.xml")) if "xl/sharedStrings.xml" in names else []
        for si in (strings.findall("m:si", NS_XLSX) if len(strings) else []):
            shared.append("".join(t.text or "" for t in si.iter(f"{{{NS_XLSX['m']}}}t")))
        sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    rows = []
    for row in sheet.find("m:sheetData", NS_XLSX).findall("m:row", NS_XLSX):
        cells = {}
        for c in row.findall("m:c", NS_XLSX):
            col = re.match(r"[A-Z]+", c.get("r")).group()
            v = c.find("m:v", NS_XLSX)
            value = "" if v is None else v.text or ""
            if c.get("t") == "s":
                value = shared[int(value)]
            elif c.get("t") == "inlineStr":
                value = "".join(t.text or "" for t in c.iter(f"{{{NS_XLSX['m']}}}t"))
            cells[col] = value
        rows.append(cells)
    return rows
