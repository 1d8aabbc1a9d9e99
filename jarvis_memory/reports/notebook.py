"""What a report notebook calls: its parameters checked, the reporting period as a DuckDB macro, its headline
figures as JSON, and its ``fail_on`` rules checked."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

from .. import timestamps
from ..errors import ConfigError, RuleMatchedError, ValidationError
from ..files import atomic_write
from ..store import config
from .parameters import IDENTIFIER, check_schema, check_value, declared_parameters, schema_like
from .rules import Rule, check_metrics, check_rules, parse_rules

# Set in the kernels `jarvis-memory report` starts: it checks the fail_on rules itself, against NAME.json.
RUNNER_VAR = "JARVIS_MEMORY_REPORT_RUNNER"


def notebooks_dir() -> Path:
    """The project's report notebooks: ``notebooks/`` in the checkout."""
    return config.project_dir() / "notebooks"


@dataclass(frozen=True)
class Declared:
    """What a report notebook declares: its parameters' defaults (its ``parameters`` cell), their types and ranges
    (metadata ``jarvis_memory.parameters``, JSON Schema; else the default's kind), its headline figures
    (metadata ``jarvis_memory.headline``; ``None`` if it lists none: its rules are checked after it ran) and the
    variables of :func:`environment` it reads (metadata ``jarvis_memory.environment``, a list of names)."""

    name: str
    folder: Path
    defaults: dict[str, Any]
    schemas: dict[str, dict[str, Any]]
    headline: list[str] | None
    environment: tuple[str, ...] = ()

    @classmethod
    def read(cls, notebook: Path) -> Declared:
        """Read ``notebook`` (nothing runs); ValidationError for a parameters cell without the reserved names or a
        declaration that is not a JSON Schema."""
        import nbformat

        defaults = declared_parameters(notebook)
        try:
            ours = nbformat.read(notebook, as_version=4).metadata.get("jarvis_memory")
        except (OSError, ValueError):
            ours = None  # papermill reports an unreadable notebook when it runs it
        ours = ours if isinstance(ours, dict) else {}
        declared = ours.get("parameters") or {}
        check_schema(f"{notebook.name}: metadata jarvis_memory.parameters", {"properties": declared})
        schemas = {key: declared.get(key) or schema_like(default) for key, default in defaults.items()}
        headline = ours.get("headline")
        return cls(notebook.stem, notebook.resolve().parent, defaults, schemas,
                   [str(h.get("name") if isinstance(h, dict) else h) for h in headline]
                   if isinstance(headline, list) else None, tuple(map(str, ours.get("environment") or ())))

    def check(self, values: Mapping[str, Any], flag: str = "") -> list[Rule]:
        """Check ``values`` (some or all of the parameters) against their declared types and ranges and the
        ``fail_on`` rules (the given ones, else the default) against the headline figures, and read the variables
        it declares with their owners' readers; returns those rules.

        Raises ValidationError naming the notebook, ``flag`` + the parameter, what it must be and the value (or an
        unknown variable); ConfigError for a malformed variable (e.g. ``$JARVIS_MEMORY_DEDUP_MB``).
        """
        for key, value in values.items():
            if key in self.schemas:
                check_value(f"{self.name}: {flag}{key}", self.schemas[key], value)
        rules = parse_rules(values.get("fail_on", self.defaults.get("fail_on", "")))
        if self.headline is not None:
            check_metrics(rules, self.headline, self.name)
        for read, _ in self._variables():
            read()
        return rules

    def advice(self) -> list[str]:
        """What the variables it reads offer a run whose kernel was killed for want of memory."""
        return [advice for _, advice in self._variables() if advice]

    def _variables(self) -> list[tuple[Callable[[], object], str | None]]:
        known = environment() if self.environment else {}
        unknown = [name for name in self.environment if name not in known]
        if unknown:
            raise ValidationError(f"{self.name}: metadata jarvis_memory.environment names {', '.join(unknown)}; "
                                  f"the variables a report reads: {', '.join(known)}")
        return [known[name] for name in self.environment]

    def beside_notebook(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """``values`` with each relative default path (a value still equal to its default, declared with
        ``"format": "path"`` or ``"database-url"``) read from the notebook's folder, not the working directory."""
        resolved = dict(values)
        for key, value in values.items():
            kind = self.schemas.get(key, {}).get("format")
            if not isinstance(value, str) or value != self.defaults.get(key):
                continue
            if kind == "path":
                resolved[key] = str((self.folder / value).resolve())
            elif kind == "database-url":
                resolved[key] = config.parse_url(value, base=self.folder).url
        return resolved


def environment() -> dict[str, tuple[Callable[[], object], str | None]]:
    """The variables a report notebook may declare it reads (:class:`Declared`), each with its owner's reader (run
    before any kernel starts; ConfigError for a malformed value) and what it offers a run whose kernel the system
    killed for want of memory (:meth:`.kernel.KernelWatch.failure`; ``None``: nothing)."""
    from ..analysis.dedup import budget, owner  # numpy and pandas: only for a notebook that declares it

    return {budget.LIMIT_VAR: (budget.limit, f"set ${budget.LIMIT_VAR} to the MB the machine can spare, so that the "
                                             "dedup audit is refused before it runs out (README: Known limits)"),
            owner.VARIABLE: (owner.names, None)}


def find_notebook(name: str) -> Path:
    """``NAME.ipynb`` in the working folder (where JupyterLab and `jarvis-memory report` run a notebook), else in
    the project's ``notebooks/`` (papermill run from elsewhere); ConfigError if in neither."""
    for folder in (Path.cwd(), notebooks_dir()):
        if (folder / f"{name}.ipynb").is_file():
            return folder / f"{name}.ipynb"
    raise ConfigError(f"{name}.ipynb is neither in the working folder {Path.cwd()} nor in {notebooks_dir()}:"
                      " its parameters' types and ranges cannot be read")


def check_parameters(name: str, namespace: Mapping[str, Any]) -> dict[str, Any]:
    """For the cell after a report notebook's parameters (papermill injects its values between them): the values of
    its parameters in ``namespace`` (its globals), checked as `jarvis-memory report` checks ``-p`` values
    (:meth:`Declared.check`: ValidationError), with a relative default path read from the notebook's folder."""
    declared = Declared.read(find_notebook(name))
    values = {key: namespace[key] for key in declared.defaults if key in namespace}
    declared.check(values, flag="parameter ")
    return declared.beside_notebook(values)


def check_fail_on(name: str, figures: Mapping[str, Any], fail_on: str) -> None:
    """For a report notebook's last cell: RuleMatchedError naming each ``fail_on`` rule that matches ``figures`` (as
    :func:`write_headline` writes them) and the figure, so that a papermill run fails; nothing in a kernel of
    `jarvis-memory report` (``RUNNER_VAR`` set), which checks the rules itself and reports each match once."""
    if os.environ.get(RUNNER_VAR):
        return
    plain = {key: _plain_scalar(key, value) for key, value in figures.items()}
    matched = check_rules(parse_rules(fail_on), plain, name)
    if matched:
        raise RuleMatchedError("; ".join(matched))


def write_headline(name: str, figures: Mapping[str, Any], output_dir: str | os.PathLike = ".") -> Path:
    """Write ``<output_dir>/<name>.json``: a flat dict, sorted keys, numbers as numbers.

    NumPy/pandas scalars become plain numbers, NaN and NA become null,
    timestamps ISO strings.  Anything nested is a ValidationError.
    """
    if not IDENTIFIER.fullmatch(name):
        raise ValidationError(f"headline name must be an identifier, not {name!r}")
    plain = {}
    for key, value in figures.items():
        if not isinstance(key, str) or not IDENTIFIER.fullmatch(key):
            raise ValidationError(f"headline figure names must be identifiers; got {key!r}")
        plain[key] = _plain_scalar(key, value)
    path = Path(output_dir) / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, json.dumps(plain, sort_keys=True, indent=2, allow_nan=False) + "\n")
    return path


def _plain_scalar(key: str, value: Any) -> Any:
    if getattr(value, "ndim", None) == 0 and hasattr(value, "item"):  # numpy scalar or 0-d array
        value = value.item()
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        value = float(value)
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return None
        if isinstance(value, pd.Timestamp | pd.Timedelta):
            return value.isoformat()
    except ImportError:  # pragma: no cover - pandas is in the analysis extra
        pass
    raise ValidationError(f"headline figure {key!r} must be a number, string, bool or None; got {type(value).__name__}")


def set_window(con: Any, since: str | None, until: str | None) -> tuple[datetime | None, datetime | None, datetime]:
    """Define the DuckDB macro ``in_window(ts)``: ``since <= ts < until`` (either bound may be None).

    Returns ``(since, until, as_of)``; ``as_of`` (until, else now) is the moment
    "still open" and "stale" are measured against, so a past period reads the same later.
    """
    start, end = period(since, until)
    con.execute("SET VARIABLE since = ?::TIMESTAMPTZ", [start])
    con.execute("SET VARIABLE until = ?::TIMESTAMPTZ", [end])
    con.execute(
        "CREATE OR REPLACE TEMP MACRO in_window(ts) AS"
        " ts >= coalesce(getvariable('since'), '-infinity'::TIMESTAMPTZ)"
        " AND ts < coalesce(getvariable('until'), 'infinity'::TIMESTAMPTZ)"
    )
    return start, end, end or datetime.now(timezone.utc)


def active_days(con: Any) -> int:
    """Days (UTC) with activity in the window of :func:`set_window`: a day on which an event was logged or a
    session started.  The one rule every report counts ``active_days`` by (a session that starts before
    midnight and logs past it makes the next day active too)."""
    return int(con.execute(
        "SELECT count(*) FROM (SELECT timestamp::DATE FROM daily_logs WHERE in_window(timestamp)"
        " UNION SELECT started_at::DATE FROM sessions WHERE in_window(started_at))").fetchone()[0])


def period(since: str | None, until: str | None, flag: str = "") -> tuple[datetime | None, datetime | None]:
    """``since`` and ``until`` parsed (None stays None); ValidationError unless since < until."""
    start = timestamps.parse(since) if since else None
    end = timestamps.parse(until) if until else None
    if start and end and start >= end:
        raise ValidationError(f"{flag}since ({since}) must be before {flag}until ({until})")
    return start, end

