"""The designation catalogue shipped with tvec: who is designated where, since when, on what source.

Loaded from ``tvec/data/organisations.csv`` (derived from the project's reference list by
``scripts/build_organisations.py``) and ``tvec/data/signatures.csv`` (media-wing and sign-off
phrases that attribute authorship). Rows marked ``background`` in the ``verification`` column are
unverified general knowledge: every place that shows a designation shows that flag too.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from tvec.dates import date_prefix, in_force, is_partial_date
from tvec.errors import ConfigurationError


def canonical_form(name: str) -> str:
    """A listing's name without its parenthesised acronym, lower-cased and space-normalised."""
    stripped = re.sub(r"\s*\(.*\)", "", name).strip() or name
    return " ".join(re.sub(r"[^\w]+", " ", stripped.casefold()).split())


def _word_form(name: str) -> str:
    from tvec.normalise import normalise  # the catalogue is usable without the normaliser loaded
    from tvec.wordview import word_string

    return word_string(normalise(name).text)


@dataclass(frozen=True)
class Designation:
    """One row of a designation list: an organisation listed by one authority."""

    canonical_name: str
    aliases: tuple[str, ...]
    list: str  # UK / US / EU / UN / IN / PK
    list_name: str
    date_listed: str  # YYYY[-MM[-DD]] or "" when unknown
    date_listed_note: str  # the cell as the source wrote it ("pre-2000 (carried into TA 2000 Sch 2)")
    date_revoked: str
    status: str
    verification: str
    source: str
    group_key: str
    notes: str

    @property
    def names(self) -> tuple[str, ...]:
        return (self.canonical_name, *self.aliases)

    @property
    def organisation_key(self) -> str:
        """Links rows of the same organisation across lists; rows without a group stand alone."""
        return self.group_key or f"{self.list}:{self.canonical_name}"

    def in_force(self, on: dt.date) -> bool:
        return in_force(self.date_listed, self.status, self.date_revoked, on)

    def to_evidence(self) -> dict[str, Any]:
        return {
            "list": self.list,
            "list_name": self.list_name,
            "canonical_name": self.canonical_name,
            "status": self.status,
            "date_listed": self.date_listed,
            "date_listed_note": self.date_listed_note,
            "date_revoked": self.date_revoked,
            "verification": self.verification,
            "source": self.source,
        }


@dataclass(frozen=True)
class SignaturePattern:
    """A phrase that attributes authorship to an organisation (a media office, a sign-off line)."""

    organisation_key: str
    pattern: str  # may contain {org}, expanded with every name of the organisation
    kind: str
    verification: str
    source: str


@dataclass
class Catalogue:
    designations: list[Designation]
    signatures: list[SignaturePattern] = field(default_factory=list)

    @cached_property
    def by_organisation(self) -> dict[str, list[Designation]]:
        """Rows grouped by organisation: by ``group_key`` where the reference data has one, and
        otherwise by identical canonical names, so that "Abu Sayyaf Group" listed by the UK and
        the US is one organisation with two designations."""
        parent: dict[str, str] = {}

        def find(key: str) -> str:
            while parent.setdefault(key, key) != key:
                key = parent[key]
            return key

        def preferred(a: str, b: str) -> tuple[str, str]:
            # group keys (no ":") win, then the smaller key, so the result is deterministic
            return (a, b) if (":" in a, a) <= (":" in b, b) else (b, a)

        by_canonical: dict[str, str] = {}
        for row in self.designations:
            key = find(row.organisation_key)
            name = canonical_form(row.canonical_name)
            if name in by_canonical:
                winner, loser = preferred(find(by_canonical[name]), key)
                parent[loser] = winner
            by_canonical.setdefault(name, key)
        grouped: dict[str, list[Designation]] = {}
        for row in self.designations:
            grouped.setdefault(find(row.organisation_key), []).append(row)
        return grouped

    @cached_property
    def canonical_owner(self) -> dict[str, str]:
        """Canonical form of each row's name -> its organisation (for resolving shared aliases)."""
        owner: dict[str, str] = {}
        for key, rows in self.by_organisation.items():
            for row in rows:
                owner[canonical_form(row.canonical_name)] = key
        return owner

    def display_name(self, organisation_key: str) -> str:
        """The name to show for an organisation: the UK spelling when listed there, else the first."""
        rows = self.by_organisation[organisation_key]
        preferred = next((r for r in rows if r.list == "UK"), rows[0])
        return re.sub(r"\s*\(.*\)", "", preferred.canonical_name).strip() or preferred.canonical_name

    def names_of(self, organisation_key: str) -> list[str]:
        seen: dict[str, None] = {}
        for row in self.by_organisation.get(organisation_key, []):
            for name in row.names:
                seen.setdefault(name, None)
        return list(seen)

    def designations_naming(self, organisation_key: str, names: list[str] | None = None) -> list[Designation]:
        """The organisation's listings; with ``names``, only those that list one of the names
        (the US and India list "The Resistance Front" under LeT, the UK does not), unless none does."""
        rows = self.by_organisation[organisation_key]
        if not names:
            return rows
        wanted = {_word_form(n) for n in names}
        naming = [r for r in rows if wanted & {_word_form(n) for n in (*r.names, canonical_form(r.canonical_name))}]
        return naming or rows

    def lists(self) -> list[str]:
        return sorted({row.list for row in self.designations})

    @classmethod
    def load(cls, organisations: Path | None = None, signatures: Path | None = None) -> Catalogue:
        data = resources.files("tvec") / "data"
        org_path = organisations or Path(str(data / "organisations.csv"))
        sig_path = signatures or Path(str(data / "signatures.csv"))
        designations = list(_read_designations(org_path))
        keys = {row.organisation_key for row in designations} | {row.canonical_name for row in designations}
        sigs = list(_read_signatures(sig_path, designations, keys))
        return cls(designations, sigs)


_REQUIRED_ORG_COLUMNS = {
    "canonical_name", "aliases", "jurisdiction", "date_listed", "source", "list_name",
    "status", "verification", "group_key", "notes",
}  # fmt: skip


def _rows(path: Path, required: set[str]) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            missing = required - set(reader.fieldnames or [])
            if missing:
                raise ConfigurationError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
            for number, row in enumerate(reader, start=2):
                yield number, row
    except OSError as exc:
        raise ConfigurationError(f"cannot read {path}: {exc}") from exc


def _read_designations(path: Path) -> Iterator[Designation]:
    for line, row in _rows(path, _REQUIRED_ORG_COLUMNS):
        name = row["canonical_name"].strip()
        if not name:
            raise ConfigurationError(f"{path}:{line}: empty canonical_name")
        revoked = (row.get("date_revoked") or "").strip()
        if revoked and not is_partial_date(revoked):
            raise ConfigurationError(f"{path}:{line}: date_revoked {revoked!r} is not YYYY[-MM[-DD]]")
        yield Designation(
            canonical_name=name,
            aliases=tuple(a.strip() for a in row["aliases"].split("|") if a.strip()),
            list=row["jurisdiction"].strip(),
            list_name=row["list_name"].strip(),
            date_listed=date_prefix(row["date_listed"]),
            date_listed_note=row["date_listed"].strip(),
            date_revoked=revoked,
            status=row["status"].strip(),
            verification=row["verification"].strip(),
            source=row["source"].strip(),
            group_key=row["group_key"].strip(),
            notes=row["notes"].strip(),
        )


def _read_signatures(
    path: Path, designations: Iterable[Designation], known: set[str]
) -> Iterator[SignaturePattern]:
    by_name = {row.canonical_name: row.organisation_key for row in designations}
    for line, row in _rows(path, {"org", "pattern", "kind", "verification", "source"}):
        org = row["org"].strip()
        if org not in known:
            raise ConfigurationError(f"{path}:{line}: unknown organisation {org!r}")
        yield SignaturePattern(
            organisation_key=by_name.get(org, org),
            pattern=row["pattern"].strip(),
            kind=row["kind"].strip(),
            verification=row["verification"].strip(),
            source=row["source"].strip(),
        )
