"""CEL conditions of policy rules: compile once, check what they refer to, evaluate safely.

A rule's ``when`` is a CEL expression (cel-python, import name ``celpy``) over the activation the
engine builds per document and jurisdiction (see :mod:`tvec.policy.engine` for the variables).
This module is the only place that knows cel-python's internals, so that a change of CEL library
touches one file.

Why the static analysis: cel-python is dynamically typed, so ``score.incitment`` (a typo) would
only fail at run time, on every document, silently turning a rule off. Walking the parse tree
lets ``tvec policy check`` reject unknown variables, unknown ``score.<category>`` and unknown
``doc.<field>`` up front, and tells the engine which variables a rule actually reads, so it builds
only those and can memoise rules that depend on scores alone.

Why two runners: cel-python's transpiling runner (``CompiledRunner``) is about four times faster
than its tree interpreter (~0.07 ms against ~0.3 ms per rule), but it passes the activation
through module globals of ``celpy.evaluation``, which is not thread-safe, and it only works when
cel-python's process-wide parser singleton builds its trees (the first ``Environment`` created
in the process decides). Evaluations through it are therefore serialised by a lock, and when the
parser builds plain trees (someone else created an interpreted ``Environment`` first) the
interpreter is used instead - slower, same results.

Both are slow next to the detectors, so each condition is also compiled into a plain Python
closure (:mod:`tvec.policy.compiled`) when it stays inside the subset policies use; the engine
runs the closure and falls back to cel-python for the rare activation the closure cannot be
sure about, so results are cel-python's in every case.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import celpy
import lark
from celpy import celtypes
from celpy.celparser import CELParseError
from celpy.evaluation import TranspilerTree

from tvec.policy.compiled import Closure, Fallback, compile_condition
from tvec.policy.compiled import evaluate as evaluate_compiled
from tvec.types import Category

# cel-python logs every failed evaluation at ERROR level through its own loggers. The engine
# records such failures in the decision's rationale instead; without a handler, Python's
# last-resort handler would print each one to stderr during a scan. Applications that configure
# logging still receive these records through propagation.
logging.getLogger("celpy").addHandler(logging.NullHandler())

#: Top-level variables of the activation, with what they hold (shown by ``tvec policy show``).
VARIABLES: Mapping[str, str] = {
    "jurisdiction": "string: the jurisdiction code being decided (e.g. 'UK')",
    "signals": "list of maps {detector, category, score, designated, evidence} in scope here",
    "score": "map: every category -> max score of the in-scope signals of that category (0.0 if none)",
    "violating": "double: max score over the violating categories",
    "context": "double: max score over the context categories",
    "designated": "list of the in-scope signals attributed to an organisation designated here",
    "doc": "map {id, length, lang}",
}
DOC_FIELDS = frozenset({"id", "length", "lang"})
CATEGORY_NAMES = frozenset(str(c) for c in Category)
#: Variables whose values are plain numbers/strings derived from the scores, so a rule reading
#: only these (and the two signal lists, while they are empty) can be memoised on their values.
SCALAR_VARIABLES = frozenset({"score", "violating", "context", "jurisdiction"})
LIST_VARIABLES = frozenset({"signals", "designated"})

_MACROS = frozenset({"all", "exists", "exists_one", "map", "filter"})
_TYPE_NAMES = frozenset(
    {"int", "uint", "double", "bool", "string", "bytes", "list", "map", "null_type", "type"}
)
_PLAIN_STRING = re.compile(r'^"([^"\\]*)"$')

_TRANSPILED_LOCK = threading.Lock()


def _environment(compiled: bool = True) -> celpy.Environment:
    """A fresh environment per use: ``Environment.program`` stores its result on the instance,
    so a shared one would race between threads compiling at the same time."""
    return celpy.Environment(runner_class=celpy.CompiledRunner if compiled else None)


class ConditionError(Exception):
    """A condition failed to evaluate on one activation (a CEL runtime error or a non-bool)."""


@dataclass(frozen=True)
class References:
    """What a condition reads: top-level variables and, for ``score``/``doc``, which fields.

    ``dynamic`` holds variables used other than through a constant field (``score[x]``,
    ``size(score)``), for which every field must be assumed read.
    """

    variables: frozenset[str]
    fields: Mapping[str, frozenset[str]]
    dynamic: frozenset[str]


def _bare_ident(node: Any) -> str | None:
    """The identifier a single-child chain of tree nodes reduces to (``score`` in ``(score)``)."""
    while isinstance(node, lark.Tree):
        if node.data == "ident":
            return str(node.children[0])
        if node.data == "paren_expr" or len(node.children) == 1:
            node = node.children[0]
            continue
        return None
    return None


def _string_literal(node: Any) -> str | None:
    while isinstance(node, lark.Tree) and len(node.children) == 1:
        node = node.children[0]
    if isinstance(node, lark.Token) and node.type == "STRING_LIT":
        match = _PLAIN_STRING.match(str(node))
        if match:
            return match.group(1)
    return None


class _Collector:
    def __init__(self) -> None:
        self.variables: set[str] = set()
        self.fields: dict[str, set[str]] = {}
        self.dynamic: set[str] = set()

    def field(self, name: str, field: str) -> None:
        self.variables.add(name)
        self.fields.setdefault(name, set()).add(field)

    def walk(self, node: Any, bound: frozenset[str]) -> None:
        if not isinstance(node, lark.Tree):
            return
        kind = node.data
        if kind == "member_dot":
            base, field = node.children
            name = _bare_ident(base)
            if name is not None and name not in bound:
                self.field(name, str(field))
                return
        elif kind == "member_index":
            base, index = node.children
            name = _bare_ident(base)
            literal = _string_literal(index)
            if name is not None and name not in bound and literal is not None:
                self.field(name, literal)
                return
        elif kind == "member_dot_arg":
            base, method, *rest = node.children
            args = rest[0].children if rest and isinstance(rest[0], lark.Tree) else []
            if str(method) in _MACROS and len(args) >= 2:
                variable = _bare_ident(args[0])
                self.walk(base, bound)
                inner = bound | {variable} if variable else bound
                for arg in args[1:]:
                    self.walk(arg, inner)
                return
        elif kind == "ident":
            name = str(node.children[0])
            if name not in bound:
                self.variables.add(name)
                self.dynamic.add(name)
            return
        for child in node.children:
            self.walk(child, bound)


def references(ast: lark.Tree) -> References:
    collector = _Collector()
    collector.walk(ast, frozenset())
    return References(
        variables=frozenset(collector.variables),
        fields={k: frozenset(v) for k, v in collector.fields.items()},
        dynamic=frozenset(collector.dynamic),
    )


def _syntax_message(error: CELParseError, source: str) -> str:
    cause = error.__context__
    where = f"line {error.line}, column {error.column}" if error.line else "unknown position"
    if isinstance(cause, lark.exceptions.UnexpectedToken):
        token = cause.token
        what = "end of expression" if token.type == "$END" else repr(str(token))
        return f"CEL syntax error at {where}: unexpected {what}"
    if isinstance(cause, lark.exceptions.UnexpectedCharacters):
        char = source[cause.pos_in_stream] if 0 <= cause.pos_in_stream < len(source) else "?"
        return f"CEL syntax error at {where}: unexpected character {char!r}"
    return f"CEL syntax error at {where}: {str(error).splitlines()[0] if str(error) else 'invalid'}"


def parse(source: str) -> lark.Tree:
    """Parse CEL; raises :class:`ValueError` with a one-line message naming the position."""
    if not source.strip():
        raise ValueError("empty CEL expression")
    try:
        return _environment().compile(source)
    except CELParseError as error:
        raise ValueError(_syntax_message(error, source)) from None


def reference_problems(refs: References) -> list[str]:
    """Unknown variables, categories and doc fields; each message names the allowed ones."""
    problems = []
    for name in sorted(refs.variables - VARIABLES.keys() - _TYPE_NAMES):
        problems.append(f"unknown variable '{name}' (known: {', '.join(VARIABLES)})")
    for field in sorted(refs.fields.get("score", frozenset()) - CATEGORY_NAMES):
        problems.append(f"unknown category 'score.{field}' (known: {', '.join(sorted(CATEGORY_NAMES))})")
    for field in sorted(refs.fields.get("doc", frozenset()) - DOC_FIELDS):
        problems.append(f"unknown field 'doc.{field}' (known: {', '.join(sorted(DOC_FIELDS))})")
    return problems


def to_cel(value: Any) -> Any:
    """A JSON-like Python value as CEL values; anything else (dates, enums) as its string."""
    if value is None:
        return None
    if isinstance(value, bool):
        return celtypes.BoolType(value)
    if isinstance(value, int):
        return celtypes.IntType(value)
    if isinstance(value, float):
        return celtypes.DoubleType(value)
    if isinstance(value, str):
        return celtypes.StringType(value)
    if isinstance(value, Mapping):
        return celtypes.MapType({celtypes.StringType(str(k)): to_cel(v) for k, v in value.items()})
    if isinstance(value, (list, tuple, set, frozenset)):
        return celtypes.ListType([to_cel(v) for v in value])
    return celtypes.StringType(str(value))


def neutral_activation() -> dict[str, Any]:
    """The activation of an empty document: every score 0, no signals. Used to trial conditions."""
    return {
        "jurisdiction": celtypes.StringType("UK"),
        "signals": celtypes.ListType([]),
        "score": celtypes.MapType(
            {celtypes.StringType(c): celtypes.DoubleType(0.0) for c in sorted(CATEGORY_NAMES)}
        ),
        "violating": celtypes.DoubleType(0.0),
        "context": celtypes.DoubleType(0.0),
        "designated": celtypes.ListType([]),
        "doc": to_cel({"id": "", "length": 0, "lang": ""}),
    }


class Condition:
    """One compiled ``when``: parse once, evaluate many times, always to a Python bool."""

    def __init__(self, source: str) -> None:
        self.source = source
        ast = parse(source)
        self.references = references(ast)
        problems = reference_problems(self.references)
        if problems:
            raise ValueError("; ".join(problems))
        if isinstance(ast, TranspilerTree):
            self._program = _environment().program(ast)
            self._lock: threading.Lock | None = _TRANSPILED_LOCK
        else:
            self._program = _environment(compiled=False).program(ast)
            self._lock = None
        self.variables = self.references.variables & VARIABLES.keys()
        #: The condition as a Python closure over plain values, or None (then cel-python only).
        self.compiled: Closure | None = compile_condition(ast)
        self.memoisable = self.variables <= SCALAR_VARIABLES | LIST_VARIABLES
        #: The ``score`` fields read, or None when every field may be read (``score[x]``).
        self.score_fields: tuple[str, ...] | None = (
            None
            if "score" in self.references.dynamic
            else tuple(sorted(self.references.fields.get("score", frozenset())))
        )

    def evaluate_compiled(self, values: Mapping[str, Any]) -> bool:
        """The fast path: the compiled closure over plain values (see
        :func:`tvec.policy.compiled.to_plain`). Raises :class:`~tvec.policy.compiled.Fallback`
        when the closure cannot be sure of CEL's answer, or when there is no closure."""
        if self.compiled is None:
            raise Fallback("not compiled")
        return evaluate_compiled(self.compiled, values)

    def evaluate(self, activation: Mapping[str, Any]) -> bool:
        """Raises :class:`ConditionError` with CEL's message when the expression fails."""
        try:
            if self._lock is not None:
                with self._lock:
                    value = self._program.evaluate(dict(activation))
            else:
                value = self._program.evaluate(dict(activation))
        except Exception as error:  # cel-python raises CELEvalError and, rarely, Python errors
            raise ConditionError(_runtime_message(error)) from None
        if isinstance(value, Exception):
            raise ConditionError(_runtime_message(value))
        if not isinstance(value, bool | celtypes.BoolType):
            raise ConditionError(f"evaluated to {value!r}, not a bool")
        return bool(value)


def _runtime_message(error: BaseException) -> str:
    """CEL's nested ``(message, type, args)`` tuples reduced to the innermost readable message."""
    args: Any = error.args
    message = str(error)
    while isinstance(args, tuple) and args:
        head = args[0]
        if isinstance(head, str):
            message = head
        nested = [a for a in args[1:] if isinstance(a, tuple)]
        if not nested:
            break
        args = nested[-1]
    if "no such overload" in message and "DoubleType" in message and "IntType" in message:
        message += " (CEL does not mix double and int: write scores as 1.0, not 1)"
    return f"CEL evaluation error: {message}"


def check(source: str) -> list[str]:
    """Every problem of one condition as messages; [] when it compiles and runs on an empty document.

    The trial run catches type errors such as ``score.incitement == 1`` (double against int has
    no overload in CEL) and non-bool results, which would otherwise disable the rule on every
    document at run time.
    """
    try:
        ast = parse(source)
    except ValueError as error:
        return [str(error)]
    problems = reference_problems(references(ast))
    if problems:
        return problems
    try:
        Condition(source).evaluate(neutral_activation())
    except ConditionError as error:
        return [f"fails on a document without signals: {error}"]
    return []
