"""HTML: the main text of a page, without navigation, menus, footers or scripts.

Boilerplate matters here: a menu that links to "Security" and "Defence" or a footer of
trending headlines would be scanned as if the page said it. trafilatura finds the article
body; the small fallback below covers pages too short for its heuristics.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from tvec.errors import InputError
from tvec.ingest.options import IngestOptions, too_large
from tvec.ingest.text import text_document
from tvec.types import Document

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)

# Elements whose text is never the page's content.
_SKIPPED = frozenset(
    {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "menu",
     "form", "button", "select", "svg", "iframe", "title"}
)
_BLOCKS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
     "section", "article", "main", "blockquote", "pre", "dd", "dt", "figcaption", "hr"}
)


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Bytes to text: UTF-8 first, then the declared charset, then cp1252 with replacement.

    Web pages lie about their encoding often enough that a strict failure would lose real
    content; HTML, unlike plain text, carries its own declaration to fall back on.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    candidates = [declared] if declared else []
    match = _META_CHARSET.search(data[:4096])
    if match:
        candidates.append(match.group(1).decode("ascii", "replace"))
    for charset in candidates:
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1252", errors="replace")


class _VisibleText(HTMLParser):
    """Collects text outside the boilerplate elements, with line breaks at block boundaries.

    Inside a skipped element only that element's own tag is counted, so unclosed tags within
    it (``<li>`` without ``</li>`` is valid HTML) cannot leave the rest of the page skipped.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping: str | None = None
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skipping is not None:
            if tag == self._skipping:
                self._depth += 1
        elif tag in _SKIPPED:
            self._skipping, self._depth = tag, 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._skipping is not None:
            if tag == self._skipping:
                self._depth -= 1
                if self._depth == 0:
                    self._skipping = None
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._skipping is None:
            self.parts.append(data)

    def text(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self.parts).splitlines())
        return "\n".join(line for line in lines if line)


def fallback_text(html: str) -> str:
    """Visible text minus boilerplate elements, for pages trafilatura gives up on."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return parser.text()


def extract_main_text(html: str) -> str:
    """The page's main text; empty when the page has none."""
    import trafilatura  # heavy import, paid only when HTML is actually read

    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)
    if text and text.strip():
        return text
    return fallback_text(html)


def page_text(source: str, data: bytes, declared_charset: str | None = None,
              location: str | None = None) -> str:
    """One page's bytes to its main text; an InputError when there is no text in it."""
    text = extract_main_text(decode_html(data, declared_charset))
    if not text.strip():
        raise InputError(source, "no text found in the HTML page", location)
    return text


def read_html(path: str, options: IngestOptions) -> Iterator[Document | InputError]:
    """Read an HTML file, checking its size before loading it."""
    size = Path(path).stat().st_size
    if size > options.max_document_bytes:
        yield too_large(path, size, options.max_document_bytes)
        return
    yield text_document(path, page_text(path, Path(path).read_bytes()), "html")
