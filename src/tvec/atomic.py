"""Atomic file writes: a temporary file beside the target, renamed into place at the end.

Exports, bank indexes and statements of reasons are read by other programs; a crash or a full
disk half-way must leave either the old file or none, never a truncated one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


@contextmanager
def atomic_write(path: Path, *, binary: bool = False, newline: str | None = None) -> Iterator[IO[Any]]:
    """Yield a handle to write ``path`` with; on success it replaces ``path``, on any exception
    the temporary file is removed and the exception propagates (callers wrap ``OSError`` in
    their own error type, naming what they were writing)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        if binary:
            with os.fdopen(fd, "wb") as fh:
                yield fh
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as fh:
                yield fh
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
