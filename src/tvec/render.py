"""How scan results look to a person (a rich table) or a program (JSON, JSON Lines)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tvec.errors import InputError
from tvec.scanner import ScanResult
from tvec.types import Action, Signal

ACTION_STYLE = {
    Action.ALLOW: "green",
    Action.LABEL: "cyan",
    Action.RESTRICT: "yellow",
    Action.REVIEW: "bold yellow",
    Action.REMOVE: "bold red",
}


def error_record(error: InputError) -> dict[str, Any]:
    record: dict[str, Any] = {"source": {"path": error.source}, "error": error.problem}
    if error.location:
        record["source"]["location"] = error.location
    return record


def write_jsonl(item: ScanResult | InputError, out: IO[str]) -> None:
    record = item.to_dict() if isinstance(item, ScanResult) else error_record(item)
    out.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_json(items: Sequence[ScanResult | InputError], out: IO[str]) -> None:
    records = [i.to_dict() if isinstance(i, ScanResult) else error_record(i) for i in items]
    json.dump(records, out, ensure_ascii=False, indent=2)
    out.write("\n")


def make_console(file: IO[str] | None = None) -> Console:
    """A console for tables: the terminal's width when there is one, else wide enough that
    tables written to a file or a pipe are not folded into unreadable slivers."""
    console = Console(file=file)
    return console if console.is_terminal else Console(file=file, width=160)


_INVISIBLE = {ch: f"\\u{ord(ch):04x}" for ch in "\u00ad\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"}


def visible(text: str) -> str:
    """Show zero-width and bidi characters as escapes: a reviewer must see that they are there."""
    return text.translate(str.maketrans(_INVISIBLE))


def top_evidence(result: ScanResult, limit: int = 2, width: int = 70) -> str:
    """The strongest signals, each with the text of its first span, for a one-line summary."""
    ranked: list[Signal] = sorted(result.signals, key=lambda s: s.score, reverse=True)
    lines = []
    for signal in ranked[:limit]:
        quote = ""
        if signal.spans:
            span = signal.spans[0]
            snippet = visible(" ".join(result.document.text[span.start : span.end].split()))
            if len(snippet) > width:
                snippet = snippet[: width - 1] + "…"
            quote = f' "{snippet}" [{span.start}:{span.end}]'
        subject = signal.evidence.get("organisation") or signal.evidence.get("entry_id") or ""
        subject = f" {subject}" if subject else ""
        lines.append(f"{signal.category}{subject} {signal.score:.2f}{quote}")
    return "\n".join(lines)


def render_table(
    items: Sequence[ScanResult | InputError],
    jurisdictions: Sequence[str],
    console: Console,
    relative_to: Path | None = None,
) -> None:
    """One row per document; ``relative_to`` shortens source paths under that folder."""

    def shown(path: str) -> str:
        if relative_to is not None and path.startswith(str(relative_to)):
            return path[len(str(relative_to)) :].lstrip("/")
        return path

    table = Table(show_lines=True, title="tvec scan")
    table.add_column("document", overflow="fold", max_width=36)
    for jurisdiction in jurisdictions:
        table.add_column(jurisdiction, justify="center")
    table.add_column("categories", overflow="fold")
    table.add_column("top evidence", overflow="fold")
    for item in items:
        if isinstance(item, InputError):
            where = f"{shown(item.source)} ({item.location})" if item.location else shown(item.source)
            cells = [Text("error", style="bold magenta")] * len(jurisdictions)
            table.add_row(where, *cells, "", Text(item.problem, style="magenta"))
            continue
        cells = []
        for jurisdiction in jurisdictions:
            action = item.decision(jurisdiction).action
            cells.append(Text(str(action), style=ACTION_STYLE[action]))
        categories = sorted({c for d in item.decisions for c in d.categories})
        evidence = top_evidence(item)
        if item.errors:
            evidence += "\n" + "\n".join(f"! {e}" for e in item.errors)
        name = shown(str(item.document.source)) if item.document.source else item.document.id
        table.add_row(name, *cells, ", ".join(categories), evidence)
    console.print(table)
