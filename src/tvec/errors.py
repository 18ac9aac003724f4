"""The exception family of tvec.

Every error a user can cause derives from :class:`TvecError`, so that the CLI, the service and
library users can catch one type and print one clear message. Errors about a particular input
carry the input's name and, where it makes sense, the location inside it (row, record, line), so
the message alone is enough to find and fix the problem.
"""

from __future__ import annotations


class TvecError(Exception):
    """Base class of every error tvec raises on purpose."""


class ConfigurationError(TvecError):
    """Settings, installed data or a plug-in are wrong or missing."""


class InputError(TvecError):
    """One input (a file, a row of a file, a request body) cannot be read as a document.

    ``source`` names the input (a path or a request id), ``location`` the place inside it
    (``row 12``, ``record 3``, ``byte 1043``) when there is one.
    """

    def __init__(self, source: str, problem: str, location: str | None = None) -> None:
        self.source = source
        self.problem = problem
        self.location = location
        where = f"{source} ({location})" if location else source
        super().__init__(f"{where}: {problem}")

    def __reduce__(self) -> tuple[type, tuple[str, str, str | None]]:
        # crosses process boundaries (the CLI's --workers, Spark) with its fields intact
        return (type(self), (self.source, self.problem, self.location))


class PolicyError(TvecError):
    """A policy file is invalid; ``issues`` lists every problem found with its location."""

    def __init__(self, source: str, issues: list[str]) -> None:
        self.source = source
        self.issues = issues
        joined = "\n  ".join(issues)
        super().__init__(f"{source}: invalid policy ({len(issues)} problem(s)):\n  {joined}")


class BankError(TvecError):
    """A bank of known content cannot be read, written or imported."""


class DetectorError(TvecError):
    """A detector failed on a document, or could not be loaded."""
