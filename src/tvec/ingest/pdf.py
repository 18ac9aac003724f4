"""PDF: the text layer, page by page, via pypdf.

Scanned PDFs have no text layer; they are reported rather than passed on as empty documents,
because "nothing found" on an image-only file would read as a clean result.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from tvec.errors import InputError
from tvec.ingest.options import IngestOptions, too_large
from tvec.types import Document, Source


def read_pdf(path: str, options: IngestOptions) -> Iterator[Document | InputError]:
    """Yield the PDF's text as one document, or raise an InputError that says why not."""
    from pypdf import PdfReader

    limit = options.max_document_bytes
    # pypdf logs its complaints ("EOF marker not found") to stderr in the middle of a scan's
    # output; every failure is reported as this file's InputError instead.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    # pypdf raises a wide and version-dependent range of exceptions on malformed files
    # (its own errors, but also ValueError, KeyError, struct and zlib errors), so every
    # failure while parsing is reported as this file being unreadable.
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(path, "encrypted PDF: a password is needed to read its text")
        pages = len(reader.pages)
        texts: list[str] = []
        size = 0
        for number, page in enumerate(reader.pages, start=1):
            text = page.extract_text() or ""
            size += len(text.encode("utf-8"))
            if size > limit:
                raise too_large(path, size, limit, f"page {number} of {pages}", at_least=True)
            texts.append(text)
    except (InputError, OSError):
        raise
    except Exception as exc:  # noqa: BLE001 - see above
        raise InputError(path, f"corrupt or unreadable PDF ({type(exc).__name__}: {exc})") from None
    text = "\n\n".join(texts)
    if not text.strip():
        raise InputError(path, f"PDF has no text layer ({pages} page(s), scanned or image-only?)")
    yield Document(id=path, text=text, source=Source(path), meta={"format": "pdf", "pages": pages})
