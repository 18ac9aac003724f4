"""Scanning on several cores: the CLI's ``--workers``. One Scanner per worker process, built once
by the pool's initializer (building it — automata, bank index, model — is the expensive part),
fed chunks of documents in order, results streamed back in input order."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from tvec.errors import InputError
from tvec.scanner import Scanner, ScanResult
from tvec.settings import TvecSettings
from tvec.types import Document

CHUNK = 64

# The worker process's scanner. Module state is the only way a multiprocessing initializer can
# hand an object to the tasks of its process; it is set once per worker and never in the parent.
_worker_scanner: Scanner | None = None


def _init_worker(settings_json: str) -> None:
    global _worker_scanner
    _worker_scanner = Scanner(TvecSettings.model_validate_json(settings_json))


def _scan_chunk(
    task: tuple[list[Document | InputError], list[str], dt.date | None],
) -> list[ScanResult | InputError]:
    items, jurisdictions, as_of = task
    assert _worker_scanner is not None, "worker not initialised"
    return list(_worker_scanner.scan_many(items, jurisdictions, as_of))


def _chunks(
    items: Iterable[Document | InputError], jurisdictions: list[str], as_of: dt.date | None
) -> Iterator[tuple[list[Document | InputError], list[str], dt.date | None]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, CHUNK)):
        yield chunk, jurisdictions, as_of


def scan_parallel(
    items: Iterable[Document | InputError],
    settings: TvecSettings,
    jurisdictions: Sequence[str],
    as_of: dt.date | None = None,
    workers: int = 2,
) -> Iterator[ScanResult | InputError]:
    """Like :meth:`Scanner.scan_many` on ``workers`` processes; same results, same order.

    Workers are started with ``spawn`` and rebuild the settings from their JSON, so a worker scans
    exactly as the parent would, whatever its own environment."""
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_init_worker, initargs=(settings.model_dump_json(),)) as pool:
        for results in pool.imap(_scan_chunk, _chunks(items, list(jurisdictions), as_of)):
            yield from results
