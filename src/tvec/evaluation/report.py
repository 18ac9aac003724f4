"""The evaluation report as data (sections of prose, tables and images) and its two renderings,
Markdown and HTML.

Keeping the report a plain structure lets the evaluation code build it once and write either
format, and lets tests check the writer without running a model. The report holds numbers and
plot file names only; no dataset text ever goes in.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tvec.errors import InputError


@dataclass
class Table:
    header: Sequence[str]
    rows: list[Sequence[object]] = field(default_factory=list)
    caption: str = ""

    def add(self, *cells: object) -> None:
        if len(cells) != len(self.header):
            raise ValueError(f"table row has {len(cells)} cells, header has {len(self.header)}")
        self.rows.append(cells)


@dataclass
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    images: list[tuple[str, str]] = field(default_factory=list)  # (file name, alt text)
    # Order in which parts were added, so prose can sit between tables.
    order: list[tuple[str, int]] = field(default_factory=list)

    def text(self, paragraph: str) -> Section:
        self.order.append(("p", len(self.paragraphs)))
        self.paragraphs.append(paragraph)
        return self

    def table(self, table: Table) -> Table:
        self.order.append(("t", len(self.tables)))
        self.tables.append(table)
        return table

    def image(self, name: str, alt: str) -> Section:
        self.order.append(("i", len(self.images)))
        self.images.append((name, alt))
        return self


@dataclass
class Report:
    title: str
    sections: list[Section] = field(default_factory=list)

    def section(self, title: str) -> Section:
        section = Section(title)
        self.sections.append(section)
        return section


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _markdown_table(table: Table) -> list[str]:
    lines = []
    if table.caption:
        lines += [f"*{table.caption}*", ""]
    lines.append("| " + " | ".join(table.header) + " |")
    lines.append("|" + "|".join("---" for _ in table.header) + "|")
    for row in table.rows:
        lines.append("| " + " | ".join(_cell(c).replace("|", "\\|") for c in row) + " |")
    lines.append("")
    return lines


def to_markdown(report: Report) -> str:
    lines = [f"# {report.title}", ""]
    for section in report.sections:
        lines += [f"## {section.title}", ""]
        for kind, index in section.order:
            if kind == "p":
                lines += [section.paragraphs[index], ""]
            elif kind == "t":
                lines += _markdown_table(section.tables[index])
            else:
                name, alt = section.images[index]
                lines += [f"![{alt}]({name})", ""]
    return "\n".join(lines).rstrip() + "\n"


def _html_table(table: Table) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in table.header)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_cell(c))}</td>" for c in row) + "</tr>" for row in table.rows
    )
    caption = f"<caption>{html.escape(table.caption)}</caption>" if table.caption else ""
    return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:70em;margin:2em auto;padding:0 1em}"
    "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.2em .5em;"
    "text-align:left;font-size:.9em}caption{font-style:italic;text-align:left}img{max-width:100%}"
)


def to_html(report: Report) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{html.escape(report.title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{html.escape(report.title)}</h1>",
    ]
    for section in report.sections:
        parts.append(f"<h2>{html.escape(section.title)}</h2>")
        for kind, index in section.order:
            if kind == "p":
                parts.append(f"<p>{html.escape(section.paragraphs[index])}</p>")
            elif kind == "t":
                parts.append(_html_table(section.tables[index]))
            else:
                name, alt = section.images[index]
                parts.append(f'<img src="{html.escape(name)}" alt="{html.escape(alt)}">')
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def write_report(report: Report, directory: Path, fmt: str = "md") -> Path:
    """Write REPORT.md or REPORT.html into ``directory`` (the plots are already there)."""
    if fmt not in ("md", "html"):
        raise InputError(str(directory), f"unknown report format {fmt!r} (use md or html)")
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"REPORT.{fmt}"
    path.write_text(to_markdown(report) if fmt == "md" else to_html(report), encoding="utf-8")
    return path
