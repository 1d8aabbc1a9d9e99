"""Notebook parameters: what a notebook's ``parameters`` cell declares, and ``-p name=value`` checked against it.

Defaults are read as literals (papermill's ``inspect_notebook``), never run.
"""

from __future__ import annotations

import ast
import json
import math
import re
from collections.abc import Iterable, Mapping
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
    for name, defaults in declared.items():
        for key, value in params.items():
            if key in defaults:
                _check_like(f"{name}: -p {key}", value, defaults[key])
    return {name: {k: v for k, v in params.items() if k in d} for name, d in declared.items()}


def _check_like(what: str, value: Any, default: Any) -> None:
    """A ``-p`` value must be of its default's kind; numbers finite and not negative."""
    if default is None:
        return
    if isinstance(default, (bool, str)):
        if type(value) is not type(default):
            raise ValidationError(f"{what} must be {type(default).__name__}, like its default {default!r}; got {value!r}")
    elif is_number(default):
        if not is_number(value) or not math.isfinite(value) or value < 0:
            raise ValidationError(f"{what} must be a finite number >= 0, like its default {default!r}; got {value!r}")
    elif isinstance(default, (list, tuple)):
        if not isinstance(value, list) or not value:
            raise ValidationError(f"{what} must be a non-empty JSON list, like its default {list(default)!r}")
        for item in value:
            _check_like(what, item, default[0] if default else None)


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
