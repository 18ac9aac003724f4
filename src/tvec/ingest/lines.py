"""Reading lines from a byte stream without ever holding a line longer than a limit.

``for line in file`` reads a whole line into memory however long it is, so one 200 MB line in a
JSONL dump would be slurped just to be rejected. This reader keeps at most ``limit`` bytes of a
line (plus one chunk); past that it only counts bytes until the next newline.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Oversized:
    """Stands in for a line longer than the limit; ``size`` is its full length in bytes."""

    size: int


def iter_bounded_lines(
    stream: BinaryIO, limit: int, chunk_size: int = _CHUNK
) -> Iterator[tuple[int, bytes | Oversized]]:
    """Yield ``(line_number, line)`` pairs, 1-based, with the newline (and a ``\\r`` before it)
    removed, and an :class:`Oversized` in place of every line longer than ``limit`` bytes."""
    buffer = bytearray()
    skipped: int | None = None  # bytes of the current line seen so far, once it is too long
    number = 0

    def finish(piece: bytes) -> bytes | Oversized:
        nonlocal skipped
        if skipped is not None:
            size, skipped = skipped + len(piece), None
            return Oversized(size)
        buffer.extend(piece)
        if buffer.endswith(b"\r"):
            del buffer[-1]
        line: bytes | Oversized = Oversized(len(buffer)) if len(buffer) > limit else bytes(buffer)
        buffer.clear()
        return line

    while chunk := stream.read(chunk_size):
        start = 0
        while (newline := chunk.find(b"\n", start)) != -1:
            number += 1
            yield number, finish(chunk[start:newline])
            start = newline + 1
        rest = chunk[start:]
        if skipped is not None:
            skipped += len(rest)
        else:
            buffer.extend(rest)
            if len(buffer) > limit + 1:  # +1: a trailing \r is not part of the line
                skipped = len(buffer)
                buffer.clear()
    if buffer or skipped is not None:
        number += 1
        yield number, finish(b"")
