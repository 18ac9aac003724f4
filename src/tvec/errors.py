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


class WebhookError(TvecError):
    """A webhook endpoint or event cannot be registered, enqueued or delivered as asked."""


class WebhookSignatureError(WebhookError):
    """A webhook request's signature is missing, malformed, wrong, or too old (a replay)."""


class SorError(TvecError):
    """A DSA statement of reasons cannot be built, or is invalid; ``field`` names the bad field."""

    def __init__(self, field: str | None, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"statement of reasons: {field}: {problem}" if field else f"statement of reasons: {problem}")

    def __reduce__(self) -> tuple[type, tuple[str | None, str]]:
        return (type(self), (self.field, self.problem))


class WorkflowError(TvecError):
    """A request about stored cases, documents, appeals or accounts cannot be carried out.

    Raised by :mod:`tvec.store`; the message names the case/document and what is wrong, and
    nothing was written (the caller's transaction is rolled back)."""


class NotFoundError(WorkflowError):
    """The case, document, appeal, order or account asked for does not exist."""


class ConflictError(WorkflowError):
    """Someone else got there first: a claim held by another reviewer, a case changed since it
    was read (stale version), a duplicate. Retrying after re-reading may succeed."""


class IdempotencyConflict(ConflictError):
    """A client id was submitted again with different content than the first time."""


class PermissionDenied(WorkflowError):
    """The account's role (or its part in the case, e.g. deciding its own appealed decision)
    does not allow this action."""


class InvalidTransition(WorkflowError):
    """The case is not in a state that allows this action (e.g. deciding without a claim,
    appealing an undecided case)."""


class NoStatementRequired(SorError):
    """The decision restricts nothing in the EU (allow, pending review, a non-EU jurisdiction),
    so the DSA asks for no statement of reasons; exports skip these and count them."""
