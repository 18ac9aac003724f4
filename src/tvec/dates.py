"""Partial dates of designation lists, and whether a designation is in force on a day.

Lists give dates as precisely as their sources do ("2001-03", "2017"). A listing counts from the
start of its period and a revocation from the end of its period: the conservative reading for
a tool that must not miss a designation that was in force.
"""

from __future__ import annotations

import datetime as dt
import re

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_DATE_PREFIX = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)\b")


def is_partial_date(value: str) -> bool:
    return bool(_DATE.match(value.strip()))


def date_prefix(value: str) -> str:
    """The machine-readable part of a date cell ("2017 (alias of ...)" -> "2017"; "pre-2000" -> "")."""
    match = _DATE_PREFIX.match(value.strip())
    return match.group(1) if match else ""


def parse_partial_date(value: str, *, end_of_period: bool = False) -> dt.date | None:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a trailing note is ignored); None when the
    value is empty, unreadable or not a real date (unknown)."""
    prefix = date_prefix(str(value or ""))
    if not prefix:
        return None
    parts = [int(p) for p in prefix.split("-")]
    try:
        if len(parts) == 3:
            return dt.date(*parts)
        if len(parts) == 2:
            if not end_of_period:
                return dt.date(parts[0], parts[1], 1)
            following = dt.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        return dt.date(parts[0], 12, 31) if end_of_period else dt.date(parts[0], 1, 1)
    except ValueError:
        return None


def in_force(date_listed: str, status: str, date_revoked: str, on: dt.date) -> bool:
    """Listed on or before ``on`` (an unknown listing date counts as listed) and not revoked by
    then (a revocation without a known date counts as already revoked)."""
    listed = parse_partial_date(date_listed)
    if listed is not None and listed > on:
        return False
    if status == "revoked":
        revoked = parse_partial_date(date_revoked, end_of_period=True)
        return revoked is not None and on < revoked
    return True
