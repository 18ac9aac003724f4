"""TLSH matching of text, for lists that come as TLSH digests (python-threatexchange's ``text_tlsh``).

A TLSH digest (``T1`` + 70 hex digits) is a 3-byte header (checksum, length, quartile ratios) and
a 32-byte body of 128 two-bit codes. The TLSH distance is a header part plus the body part, the
sum over the 128 codes of ``|a - b|`` (a difference of 3 counts 6); every header term is at least
zero, so the body part alone is a lower bound of the distance. :class:`TlshMatcher` keeps the
body bytes of all banked digests column-wise (32 rows of n bytes), computes the body distance of
a query digest to all of them with 32 lookups per digest in a 256 x 256 byte-distance table, and
confirms only those within the threshold with ``tlsh.diffxlen`` (the distance without the length
term, as python-threatexchange compares).

That is a bounded linear scan, not an index: see docs/banks.md for its measured cost per query
digest (it grows linearly with the number of banked digests). It is meant for the lists ThreatExchange users bring (thousands to a few
hundred thousand digests), not for the 10M-passage MinHash banks. TLSH needs at least 50 bytes
of input with some variety; shorter texts have no digest and cannot match.

What is hashed matches python-threatexchange: the UTF-8 bytes of the text as it is, not
normalised. The detector hashes the whole document and each passage's original text, so a
banked post is found both when it is re-posted alone and when it is quoted in a longer one.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from tvec.errors import BankError, ConfigurationError

TLSH_PATTERN = re.compile(r"^T1[0-9A-F]{70}$")
DEFAULT_TLSH_THRESHOLD = 115
"""Calibrated by eval/calibrate_banks.py (docs/banks.md): the largest distance at which no unrelated
pair of news texts matched. python-threatexchange's own default (30) finds almost no edited copy."""

_HEADER_HEX = 8  # "T1" + checksum (2 hex) + length (2 hex) + quartile ratios (2 hex)
# per byte value, its four 2-bit codes
_CODES = np.array([[(b >> s) & 3 for s in (6, 4, 2, 0)] for b in range(256)], dtype=np.int16)
# per code difference 0..3, its contribution to the distance
_CODE_DISTANCE = np.array([0, 1, 2, 6], dtype=np.uint16)
# body distance between two body BYTES (four codes each): a 256 x 256 table, so a scan is 32
# table lookups per banked digest
_BYTE_DISTANCE = _CODE_DISTANCE[np.abs(_CODES[:, None, :] - _CODES[None, :, :])].sum(axis=2).astype(np.uint8)


def tlsh_available() -> bool:
    return importlib.util.find_spec("tlsh") is not None


def _tlsh():  # type: ignore[no-untyped-def]
    try:
        import tlsh
    except ImportError as exc:
        raise ConfigurationError(
            "TLSH matching needs the package 'py-tlsh': pip install 'tvec[tlsh]'"
        ) from exc
    return tlsh


def check_digest(value: str, where: str) -> str:
    """A TLSH digest as python-threatexchange validates it (upper-case hex, version prefix T1)."""
    digest = value.strip().upper() if isinstance(value, str) else value
    if not isinstance(digest, str) or not TLSH_PATTERN.match(digest):
        raise BankError(f"{where}: {value!r} is not a TLSH digest ('T1' followed by 70 hex digits)")
    return digest


def digest_of(text: str) -> str | None:
    """The TLSH digest of ``text`` as python-threatexchange computes it, or None when the text is
    too short or too uniform to have one."""
    value = str(_tlsh().hash(text.encode("utf-8")))
    return value if TLSH_PATTERN.match(value) else None


def _body_bytes(digests: Sequence[str]) -> np.ndarray:
    """(n, 32) uint8: the body bytes of each digest."""
    if not digests:
        return np.zeros((0, 32), dtype=np.uint8)
    raw = np.frombuffer(b"".join(bytes.fromhex(d[_HEADER_HEX:]) for d in digests), dtype=np.uint8)
    return raw.reshape(len(digests), 32)


def body_distance(a: str, b: str) -> int:
    """The body part of the TLSH distance of two digests (a lower bound of ``tlsh.diffxlen``)."""
    x, y = _body_bytes([a, b])
    return int(_BYTE_DISTANCE[x, y].sum())


@dataclass(frozen=True)
class TlshMatch:
    query: int  # index into the query digests
    entry_id: str
    distance: int


class TlshMatcher:
    """All banked TLSH digests, scanned in one numpy pass per query digest (see the module doc)."""

    def __init__(self, items: Sequence[tuple[str, str]] = ()) -> None:
        self._ids: list[str] = []
        self._digests: list[str] = []
        self._columns = np.zeros((32, 0), dtype=np.uint8)  # body byte j of every digest, row j
        self._alive = np.zeros(0, dtype=bool)
        self._row_of: dict[str, int] = {}
        self.add(items)

    def __len__(self) -> int:
        return int(self._alive.sum())

    def add(self, items: Sequence[tuple[str, str]]) -> None:
        """Add (entry id, digest) pairs; an id already here is replaced."""
        if not items:
            return
        for entry_id, _ in items:
            self.remove(entry_id)
        first = len(self._ids)
        self._ids.extend(i for i, _ in items)
        self._digests.extend(d for _, d in items)
        self._columns = np.ascontiguousarray(
            np.concatenate([self._columns, _body_bytes([d for _, d in items]).T], axis=1)
        )
        self._alive = np.concatenate([self._alive, np.ones(len(items), dtype=bool)])
        for row, (entry_id, _) in enumerate(items, start=first):
            self._row_of[entry_id] = row

    def remove(self, entry_id: str) -> None:
        row = self._row_of.pop(entry_id, None)
        if row is not None:
            self._alive[row] = False

    def match(self, digests: Sequence[str | None], threshold: int) -> list[TlshMatch]:
        """Every banked digest within ``threshold`` (``tlsh.diffxlen``) of each query digest."""
        out: list[TlshMatch] = []
        if not len(self) or not digests:
            return out
        tlsh = _tlsh()
        queries = [(q, d) for q, d in enumerate(digests) if d is not None]
        if not queries:
            return out
        bodies = _body_bytes([d for _, d in queries])
        for (q, digest), body in zip(queries, bodies, strict=True):
            lower = np.zeros(self._columns.shape[1], dtype=np.uint16)
            for j in range(32):
                lower += _BYTE_DISTANCE[body[j]][self._columns[j]]
            for row in np.flatnonzero((lower <= threshold) & self._alive).tolist():
                distance = int(tlsh.diffxlen(digest, self._digests[row]))
                if distance <= threshold:
                    out.append(TlshMatch(q, self._ids[row], distance))
        return out
