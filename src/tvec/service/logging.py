"""Structured logs: one JSON object per line, one line per request (with its request id).

Log aggregation (Loki, Elasticsearch, CloudWatch) parses JSON lines without configuration; a
request id that also travels in the ``X-Request-ID`` response header lets an operator find the
line of the request a client complains about."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from typing import Any, TextIO

ACCESS_LOGGER = "tvec.service.access"


class JsonFormatter(logging.Formatter):
    """``{"ts", "level", "logger", "message", ...fields}``; ``fields`` come from ``extra``."""

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            out.update(fields)
        if record.exc_info and record.exc_info[0] is not None:
            out["exception"] = self.formatException(record.exc_info)
        return json.dumps(out, default=str, ensure_ascii=False)


def configure_logging(level: str = "INFO", stream: TextIO | None = None) -> logging.Handler:
    """JSON lines on ``stream`` (stderr) for tvec's and uvicorn's loggers. Called by ``tvec serve``
    only: a library must not configure the logging of the program that imports it."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter())
    for name in ("tvec", "uvicorn", "uvicorn.error"):
        logger = logging.getLogger(name)
        logger.handlers = [handler]
        logger.setLevel(level)
        logger.propagate = False
    logging.getLogger("uvicorn.access").disabled = True  # our access line replaces it
    return handler


def log_request(fields: dict[str, Any]) -> None:
    level = logging.ERROR if fields.get("status", 0) >= 500 else logging.INFO
    logging.getLogger(ACCESS_LOGGER).log(
        level,
        "%s %s %s",
        fields.get("method"),
        fields.get("path"),
        fields.get("status"),
        extra={"fields": fields},
    )
