"""CEL conditions compiled into plain Python closures: the policy's fast path.

Why: cel-python interprets (or transpiles and then resolves every name through its activation
machinery), which costs ~0.1-0.4 ms per rule and made the policy as expensive as the whole
classifier. The conditions policies actually use are small - comparisons of scores, ``&&``,
``||``, ``!``, ``in``, field access, ``size()``, ``exists``/``all`` over the signal list - and
for those a Python closure over plain values does the same work in microseconds.

Exactness comes before coverage, in two layers:

* **compile time**: any construct outside the supported subset (arithmetic, ``null``, list
  literals, string escapes, other functions and macros...) makes :func:`compile_condition` return
  ``None``, and that condition always runs on cel-python;
* **run time**: the closure never guesses. Whenever CEL could answer anything but the plain
  result - mixed types (``1.0 == 1``), a missing map key, a non-bool operand of ``&&``, a
  non-bool result - it raises :class:`Fallback` and the caller evaluates that one activation
  with cel-python, which then gives its own answer or error message. Short-circuiting is
  exact because CEL's ``&&``/``||`` absorb errors commutatively: ``false && x`` is false in CEL
  whatever ``x`` is, so not evaluating ``x`` changes nothing; a closure only ever raises
  ``Fallback`` (it never returns) where CEL might differ.

The values a closure reads mirror :func:`tvec.policy.conditions.to_cel`: ``float`` for CEL
doubles, ``int`` for ints, ``bool``, ``str``, ``dict`` (string keys), ``list`` and ``None``
(see :func:`to_plain`). Types are compared with ``type(x) is``, so a ``bool`` never passes for an
``int``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

import lark

Env = Mapping[str, Any]
Closure = Callable[[Env], Any]

_SCALARS = (float, int, str, bool)
_ORDERED = (float, int, str)
_PASS_THROUGH = frozenset({"expr", "conditionalor", "conditionaland", "relation", "addition", "multiplication",
                           "unary", "member", "primary", "paren_expr"})
_PLAIN_STRING = re.compile(r"""^(?:"([^"\\\n]*)"|'([^'\\\n]*)')$""")
_DECIMAL_INT = re.compile(r"^-?(?:0|[1-9][0-9]*)$")
_INT64 = 1 << 63


class Fallback(Exception):
    """This activation needs cel-python: the fast path cannot be sure of CEL's answer."""


class Unsupported(Exception):
    """The condition uses CEL outside the subset compiled here."""


def to_plain(value: Any) -> Any:
    """The plain Python value the fast path reads where :func:`~tvec.policy.conditions.to_cel`
    would build a CEL value (same conversions, same order of checks)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, Mapping):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [to_plain(v) for v in value]
    return str(value)


def compile_condition(tree: lark.Tree) -> Closure | None:
    """A closure evaluating the parsed condition over plain values, or None when the condition
    uses anything outside the supported subset."""
    try:
        return _compile(tree)
    except Unsupported:
        return None


def evaluate(closure: Closure, env: Env) -> bool:
    """Runs a compiled condition; raises :class:`Fallback` unless the result is a plain bool."""
    try:
        result = closure(env)
    except Fallback:
        raise
    except (KeyError, IndexError, TypeError, ValueError, AttributeError, RecursionError) as error:
        raise Fallback(repr(error)) from None
    if type(result) is not bool:
        raise Fallback("not a bool")
    return result


# ----------------------------------------------------------------------------- compiler


def _trees(node: lark.Tree) -> list[lark.Tree]:
    return [c for c in node.children if isinstance(c, lark.Tree)]


def _compile(node: Any) -> Closure:
    if not isinstance(node, lark.Tree):
        raise Unsupported(repr(node))
    kind = node.data
    children = node.children
    if kind == "expr" and len(children) == 3:
        return _ternary(*(_compile(c) for c in children))
    if kind == "conditionalor" and len(children) == 2:
        return _or(_compile(children[0]), _compile(children[1]))
    if kind == "conditionaland" and len(children) == 2:
        return _and(_compile(children[0]), _compile(children[1]))
    if kind == "relation" and len(children) == 2:
        op = children[0]
        if not isinstance(op, lark.Tree) or len(op.children) != 1:
            raise Unsupported(str(op))
        return _relation(op.data, _compile(op.children[0]), _compile(children[1]))
    if kind == "unary" and len(children) == 2:
        marker = children[0]
        operand = _compile(children[1])
        if isinstance(marker, lark.Tree) and marker.data == "unary_not":
            return _not(operand)
        if isinstance(marker, lark.Tree) and marker.data == "unary_neg":
            return _neg(operand)
        raise Unsupported(str(marker))
    if kind in _PASS_THROUGH and len(children) == 1:
        return _compile(children[0])
    if kind == "member_dot":
        base, field = children
        return _field(_compile(base), str(field))
    if kind == "member_index":
        base, index = children
        return _index(_compile(base), _compile(index))
    if kind == "member_dot_arg":
        return _method(node)
    if kind == "ident_arg":
        name, *rest = children
        args = _trees(rest[0]) if rest else []
        if str(name) == "size" and len(args) == 1:
            return _size(_compile(args[0]))
        raise Unsupported(f"function {name}")
    if kind == "ident":
        return _name(str(children[0]))
    if kind == "literal":
        return _literal(children[0])
    raise Unsupported(kind)


def _literal(token: Any) -> Closure:
    text = str(token)
    kind = getattr(token, "type", "")
    if kind == "FLOAT_LIT":
        value: Any = float(text)
    elif kind == "INT_LIT" and _DECIMAL_INT.match(text) and -_INT64 <= int(text) < _INT64:
        value = int(text)
    elif kind == "BOOL_LIT" and text in ("true", "false"):
        value = text == "true"
    elif kind == "STRING_LIT" and (match := _PLAIN_STRING.match(text)):
        value = match.group(1) if match.group(1) is not None else match.group(2)
    else:
        raise Unsupported(f"literal {text}")
    return lambda env: value


def _name(name: str) -> Closure:
    def get(env: Env) -> Any:
        try:
            return env[name]
        except KeyError:
            raise Fallback(f"unbound {name}") from None

    return get


def _bool(value: Any) -> bool:
    if type(value) is not bool:
        raise Fallback("non-bool operand")
    return value


def _ternary(condition: Closure, then: Closure, otherwise: Closure) -> Closure:
    return lambda env: then(env) if _bool(condition(env)) else otherwise(env)


def _or(left: Closure, right: Closure) -> Closure:
    return lambda env: _bool(left(env)) or _bool(right(env))


def _and(left: Closure, right: Closure) -> Closure:
    return lambda env: _bool(left(env)) and _bool(right(env))


def _not(operand: Closure) -> Closure:
    return lambda env: not _bool(operand(env))


def _neg(operand: Closure) -> Closure:
    def negate(env: Env) -> Any:
        value = operand(env)
        if type(value) is float:
            return -value
        if type(value) is int and -value < _INT64:
            return -value
        raise Fallback("negation")

    return negate


def _relation(op: str, left: Closure, right: Closure) -> Closure:
    if op == "relation_in":
        return _membership(left, right)
    compare: Callable[[Any, Any], bool]
    if op == "relation_eq":
        compare, types = (lambda a, b: a == b), _SCALARS
    elif op == "relation_ne":
        compare, types = (lambda a, b: a != b), _SCALARS
    elif op == "relation_lt":
        compare, types = (lambda a, b: a < b), _ORDERED
    elif op == "relation_le":
        compare, types = (lambda a, b: a <= b), _ORDERED
    elif op == "relation_gt":
        compare, types = (lambda a, b: a > b), _ORDERED
    elif op == "relation_ge":
        compare, types = (lambda a, b: a >= b), _ORDERED
    else:
        raise Unsupported(op)

    def relate(env: Env) -> bool:
        a, b = left(env), right(env)
        kind = type(a)
        if kind is not type(b) or kind not in types:
            raise Fallback(f"{op} on {kind.__name__} and {type(b).__name__}")
        return compare(a, b)

    return relate


def _membership(needle: Closure, haystack: Closure) -> Closure:
    def contains(env: Env) -> bool:
        item, container = needle(env), haystack(env)
        if type(container) is dict and type(item) is str:
            return item in container
        if type(container) is list and type(item) in _SCALARS and all(type(e) is type(item) for e in container):
            return item in container
        raise Fallback("in")

    return contains


def _field(base: Closure, name: str) -> Closure:
    def get(env: Env) -> Any:
        container = base(env)
        if type(container) is not dict or name not in container:
            raise Fallback(f"no field {name}")
        return container[name]

    return get


def _index(base: Closure, index: Closure) -> Closure:
    def get(env: Env) -> Any:
        container, key = base(env), index(env)
        if type(container) is dict and type(key) is str and key in container:
            return container[key]
        if type(container) is list and type(key) is int and 0 <= key < len(container):
            return container[key]
        raise Fallback("index")

    return get


def _size(operand: Closure) -> Closure:
    def size(env: Env) -> int:
        value = operand(env)
        if type(value) in (list, dict, str):
            return len(value)
        raise Fallback("size")

    return size


def _method(node: lark.Tree) -> Closure:
    base_node, method, *rest = node.children
    args = _trees(rest[0]) if rest else []
    method = str(method)
    base = _compile(base_node)
    if method in ("exists", "all") and len(args) == 2:
        variable = _bare_ident(args[0])
        if variable is None:
            raise Unsupported("macro variable")
        return _macro(method, base, variable, _compile(args[1]))
    if method in ("contains", "startsWith", "endsWith") and len(args) == 1:
        return _string_method(method, base, _compile(args[0]))
    if method == "size" and not args:
        return _size(base)
    raise Unsupported(f"method {method}")


def _bare_ident(node: Any) -> str | None:
    while isinstance(node, lark.Tree):
        if node.data == "ident":
            return str(node.children[0])
        if len(node.children) != 1:
            return None
        node = node.children[0]
    return None


def _macro(method: str, base: Closure, variable: str, predicate: Closure) -> Closure:
    wanted = method == "exists"

    def run(env: Env) -> bool:
        items = base(env)
        if type(items) is not list:
            raise Fallback(f"{method} over a non-list")
        for item in items:
            if _bool(predicate(_Bound(env, variable, item))) is wanted:
                return wanted
        return not wanted

    return run


class _Bound(Mapping[str, Any]):
    """The environment inside a macro: one name bound to the current item, the rest read
    through (so nothing the predicate does not read is ever built)."""

    __slots__ = ("_name", "_outer", "_value")

    def __init__(self, outer: Env, name: str, value: Any) -> None:
        self._outer, self._name, self._value = outer, name, value

    def __getitem__(self, key: str) -> Any:
        return self._value if key == self._name else self._outer[key]

    def __iter__(self) -> Any:
        return iter({*self._outer, self._name})

    def __len__(self) -> int:
        return len({*self._outer, self._name})


def _string_method(method: str, base: Closure, argument: Closure) -> Closure:
    def run(env: Env) -> bool:
        text, other = base(env), argument(env)
        if type(text) is not str or type(other) is not str:
            raise Fallback(method)
        if method == "contains":
            return other in text
        if method == "startsWith":
            return text.startswith(other)
        return text.endswith(other)

    return run
