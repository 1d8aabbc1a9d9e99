"""Notebook parameters: what a notebook's ``parameters`` cell declares, and values checked against their types and ranges.

Defaults are read as literals (papermill's ``inspect_notebook``), never run.  A report notebook declares each
parameter's type and range in its metadata, ``jarvis_memory.parameters``: a JSON Schema per name (``type``,
``minimum``, ``maximum``, ``items``, ``minItems``, ``maxItems``; ``format``: ``path`` or ``database-url`` for a
relative default read from the notebook's folder), checked with ``jsonschema``; a parameter it does
not declare there must be of its default's kind (a number: finite and not negative).  :func:`check_value` is the one
check: ``jarvis-memory report`` runs it on ``-p`` values before anything runs, and a shipped notebook on the values
it was given (through :class:`~jarvis_memory.reports.notebook.Declared`).
"""

from __future__ import annotations

import ast
import json
import math
import re
import reprlib
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import ValidationError

RESERVED = ("database_url", "since", "until", "output_dir")  # set by the runner, never by -p

IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")



def declared_parameters(notebook: Path) -> dict[str, Any]:
    """The notebook's ``parameters`` cell as ``{name: default}``.

    Defaults are read as literals, never run; one that is an expression reads as ``None``.
    """
    import papermill

    found = papermill.inspect_notebook(str(notebook))
    missing = [name for name in (*RESERVED, "fail_on") if name not in found]
    if missing:  # papermill skips lines it cannot parse (e.g. '=' in a comment) with only a log warning
        raise ValidationError(f"{notebook.name}: its 'parameters' cell does not declare {', '.join(missing)} "
                              "(or papermill could not parse those lines)")
    defaults = {}
    for name, info in found.items():
        try:
            defaults[name] = ast.literal_eval(info["default"])
        except (ValueError, SyntaxError):  # an expression such as list(range(80, 101, 2)): kind unknown
            defaults[name] = None
    return defaults


def json_value(text: str) -> Any:
    """``text`` as strict JSON (RFC 8259): ValueError for NaN and Infinity (Python's ``json`` reads them) and for a
    number too large for a float (``1e400`` would read as infinity)."""
    return json.loads(text, parse_constant=_not_a_number, parse_float=_finite_float)


def _not_a_number(text: str) -> Any:
    raise ValueError(f"{text} is not a number")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is too large for a number")
    return value


def parse_value(text: str) -> Any:
    """``-p`` values: strict JSON when they parse as such (``7``, ``true``, ``null``, ``[1,2]``), else the text itself
    (``NaN``, ``inf`` and ``1e400`` stay text, which no number parameter accepts)."""
    try:
        return json_value(text)
    except ValueError:
        return text


def parse_params(pairs: Iterable[str]) -> dict[str, Any]:
    """``["key=value", ...]`` from ``-p`` into a dict; values via :func:`parse_value`."""
    params: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not IDENTIFIER.fullmatch(key):
            raise ValidationError(f"-p expects name=value with a Python identifier as name; got {pair!r}")
        if key in RESERVED:
            raise ValidationError(f"-p {key} is set by the runner; use --{key.replace('_', '-')} or --url instead")
        params[key] = parse_value(value)
    return params


def params_for(declared: Mapping[str, Mapping[str, Any]], params: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Split ``-p`` values per notebook: each goes to the notebooks that declare it.

    A name no selected notebook declares is a ValidationError (a typo would
    otherwise be ignored silently).
    """
    for key in params:
        if not any(key in d for d in declared.values()):
            names = sorted({k for d in declared.values() for k in d} - set(RESERVED))
            raise ValidationError(
                f"unknown parameter {key!r} for {', '.join(declared)}: the notebooks declare {', '.join(names)}"
            )
    return {name: {k: v for k, v in params.items() if k in d} for name, d in declared.items()}


def schema_like(default: Any) -> dict[str, Any]:
    """The schema of a parameter a notebook does not declare: its default's kind (any value for ``None``)."""
    if isinstance(default, bool):
        return {"type": "boolean"}
    if isinstance(default, str):
        return {"type": "string"}
    if is_number(default):
        return {"type": "number", "minimum": 0}
    if isinstance(default, (list, tuple)):
        return {"type": "array", "minItems": 1, **({"items": schema_like(default[0])} if default else {})}
    return {}


def check_schema(what: str, schema: Any) -> None:
    """ValidationError unless ``schema`` is a JSON Schema (a notebook's declaration, checked before any value)."""
    from jsonschema.exceptions import SchemaError

    try:
        _validator().check_schema(schema)
    except SchemaError as e:
        raise ValidationError(f"{what} is not a JSON Schema: {e.message}") from None


def check_value(what: str, schema: Mapping[str, Any], value: Any) -> None:
    """ValidationError (``"<what> must be <the schema in words>; got <value>"``) unless ``value`` fits ``schema``.

    Numbers are finite (no NaN or infinity, which JSON has not either), an ``integer`` is a Python ``int`` (not
    ``1.0`` or ``True``), ``minimum``/``maximum`` compare exactly (a 400-digit integer is above any maximum).
    """
    if not _validator()(schema).is_valid(value):
        raise ValidationError(f"{what} must be {describe(schema)}; got {reprlib.repr(value)}")


@cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator, validators

    def integer(_: Any, value: Any) -> bool:
        return isinstance(value, int) and not isinstance(value, bool)

    def number(_: Any, value: Any) -> bool:
        return integer(_, value) or (isinstance(value, float) and math.isfinite(value))

    types = Draft202012Validator.TYPE_CHECKER.redefine_many({"integer": integer, "number": number})
    return validators.extend(Draft202012Validator, type_checker=types)


_KINDS = {"integer": "a whole number", "number": "a number", "string": "text", "boolean": "true or false",
          "null": "null", "array": "a JSON list", "object": "a JSON object"}


def describe(schema: Mapping[str, Any]) -> str:
    """A schema in words: ``{"type": "integer", "minimum": 1, "maximum": 36500}`` is "a whole number from 1 to 36,500"."""
    types = schema.get("type", [])
    words = " or ".join(_KINDS.get(t, t) for t in ([types] if isinstance(types, str) else types)) or "any value"
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None and high is not None:
        words += f" from {_number(low)} to {_number(high)}"
    elif low is not None:
        words += f" of at least {_number(low)}"
    elif high is not None:
        words += f" of at most {_number(high)}"
    few, many = schema.get("minItems"), schema.get("maxItems")
    if few is not None or many is not None:
        words += f" of {few or 0:,} to {many:,} items" if many is not None else f" of at least {few:,} items"
    if "items" in schema:
        words += f", each {describe(schema['items'])}"
    return words


def _number(value: Any) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:,g}"


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
