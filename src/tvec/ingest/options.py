"""Options shared by every reader, and the size rule they all enforce the same way."""

from __future__ import annotations

from dataclasses import dataclass

from tvec.errors import InputError

_MB = 1024 * 1024


@dataclass(frozen=True)
class IngestOptions:
    """How to turn files into documents.

    ``id_field`` and ``text_field`` only matter for multi-document files (JSONL, CSV/TSV,
    Parquet); ``max_document_bytes`` bounds every document, line and field so that one huge
    input cannot exhaust memory; ``recursive`` decides whether folders are walked below their
    first level.
    """

    id_field: str | None = None
    text_field: str = "text"
    #: the column holding the document's URL (``Document.meta["url"]``): the organisations
    #: detector attributes a text published on an organisation's official domain
    url_field: str | None = None
    max_document_bytes: int = 20 * 1024 * 1024
    recursive: bool = True

    def __post_init__(self) -> None:
        if self.max_document_bytes <= 0:
            raise ValueError(f"max_document_bytes must be positive, not {self.max_document_bytes}")
        if not self.text_field:
            raise ValueError("text_field must not be empty")


def format_size(size: int) -> str:
    """Human units, MB (2**20 bytes) for anything from one MB up, so limits read as set."""
    if size >= _MB:
        return f"{size / _MB:.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size} bytes"


def too_large(source: str, size: int, limit: int, location: str | None = None,
              at_least: bool = False) -> InputError:
    """The one wording for an oversized document, whichever format it came from.

    ``at_least`` is for readers that stop as soon as the limit is passed rather than spend
    time measuring the whole input (PDF text extraction).
    """
    amount = f"at least {format_size(size)}" if at_least else format_size(size)
    return InputError(source, f"document is {amount}, larger than the {format_size(limit)} limit", location)
