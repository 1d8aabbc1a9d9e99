"""Scheduled reports: run the analysis notebooks with papermill, export HTML, keep an index.

``jarvis-memory report NAME|--all`` executes ``notebooks/NAME.ipynb`` into
``OUT/YYYY-MM-DD/NAME.ipynb`` (UTC date; ``YYYY-MM-DD.2`` … for a later run that day), exports ``NAME.html`` without code
cells, and rewrites ``OUT/index.html``.  Each notebook's last cell writes its
headline figures to ``NAME.json`` with :func:`write_headline`; the notebook's
``fail_on`` rules ("open_sessions>=10, bad_timestamps>0") are checked here,
against that JSON, so a cron job gets a non-zero exit when something needs a look.

The database URL is a notebook parameter; the auth token never is.  The kernel
reads ``DATABASE_AUTH_TOKEN`` from the environment it inherits from this process.
Every file is written under a temporary name and renamed, so a killed run never
leaves a half-written file where a reader looks.
"""

from __future__ import annotations

import ast
import contextlib
import json
import math
import os
import re
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import click

from ..store import config
from .. import timestamps
from ..store import replica as replicas
from ..errors import FileError, JarvisMemoryError, ValidationError
from ..files import atomic_write
from ..progress import Progress
from .index import RUN_FILE, read_headline, write_index

KERNEL_NAME = "jarvis-memory"
DEFAULT_TIMEOUT = 600
RESERVED = ("database_url", "since", "until", "output_dir")  # set by the runner, never by -p
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


# -- notebooks and their parameters ----------------------------------------------
def notebooks_dir() -> Path:
    return config.project_dir() / "notebooks"


def reports_dir(out_dir: str | os.PathLike | None = None) -> Path:
    """``out_dir``, else ``reports/`` in the project; absolute, as the kernels run in the notebooks' folder."""
    return (Path(out_dir) if out_dir else config.project_dir() / "reports").resolve()


def available(folder: Path | None = None) -> dict[str, Path]:
    """Report names and their notebooks, sorted by name."""
    folder = folder or notebooks_dir()
    return {p.stem: p.resolve() for p in sorted(folder.glob("*.ipynb")) if not p.name.startswith(".")}


def resolve(names: Iterable[str], folder: Path | None = None) -> dict[str, Path]:
    """The notebooks for ``names``; an unknown name is a ValidationError listing the known ones."""
    known = available(folder)
    unknown = [n for n in names if n not in known]
    if unknown:
        choices = ", ".join(known) or f"(no notebooks in {folder or notebooks_dir()})"
        raise ValidationError(f"unknown report {', '.join(map(repr, unknown))}: choose from {choices}")
    return {n: known[n] for n in names}


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


def parse_value(text: str) -> Any:
    """``-p`` values: JSON when they parse as JSON (``7``, ``true``, ``null``, ``[1,2]``), else the text itself."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def parse_params(pairs: Iterable[str]) -> dict[str, Any]:
    """``["key=value", ...]`` from ``-p`` into a dict; values via :func:`parse_value`."""
    params: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not _NAME.fullmatch(key):
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
    elif _is_number(default):
        if not _is_number(value) or not math.isfinite(value) or value < 0:
            raise ValidationError(f"{what} must be a finite number >= 0, like its default {default!r}; got {value!r}")
    elif isinstance(default, (list, tuple)):
        if not isinstance(value, list) or not value:
            raise ValidationError(f"{what} must be a non-empty JSON list, like its default {list(default)!r}")
        for item in value:
            _check_like(what, item, default[0] if default else None)


# -- fail_on rules ------------------------------------------------------------------
_OPS = {
    ">": lambda a, b: a > b, ">=": lambda a, b: a >= b, "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b, "==": lambda a, b: a == b, "!=": lambda a, b: a != b,
}
_RULE = re.compile(r"\s*(?:([A-Za-z_]\w*)\.)?([A-Za-z_]\w*)\s*(>=|<=|==|!=|>|<)\s*(\S.*?)\s*")


@dataclass(frozen=True)
class Rule:
    """``metric OP threshold``; ``notebook.metric`` limits the rule to one notebook."""

    metric: str
    op: str
    threshold: Any
    notebook: str | None = None

    def __str__(self) -> str:
        prefix = f"{self.notebook}." if self.notebook else ""
        return f"{prefix}{self.metric}{self.op}{json.dumps(self.threshold)}"

    def matches(self, value: Any) -> bool:
        if self.op not in ("==", "!=") and not _is_number(value):
            return False  # a missing (null) figure is not above or below anything
        return _OPS[self.op](value, self.threshold)


def parse_rules(text: str) -> list[Rule]:
    """Parse ``"a>0, b>=10"`` without eval; thresholds are JSON numbers (strings for == and !=)."""
    if text is None or not str(text).strip():
        return []
    if not isinstance(text, str):
        raise ValidationError(f"fail_on must be a string of rules like 'open_sessions>=10'; got {text!r}")
    rules = []
    for part in text.split(","):
        m = _RULE.fullmatch(part)
        if not m:
            raise ValidationError(f"fail_on rule {part.strip()!r} is not 'metric OP value' (OP: > >= < <= == !=)")
        notebook, metric, op, raw = m.groups()
        threshold = parse_value(raw)
        if _is_number(threshold) or (op in ("==", "!=") and isinstance(threshold, str | bool | type(None))):
            rules.append(Rule(metric, op, threshold, notebook))
        else:
            raise ValidationError(f"fail_on rule {part.strip()!r}: {op} needs a number, not {raw!r}")
    return rules


def check_rules(rules: Iterable[Rule], figures: Mapping[str, Any], notebook: str) -> list[str]:
    """Messages for the rules that match ``figures``; an unknown metric is a ValidationError."""
    matched = []
    for rule in rules:
        if rule.notebook not in (None, notebook):
            continue
        if rule.metric not in figures:
            raise ValidationError(
                f"{notebook}: fail_on rule {rule} names unknown metric {rule.metric!r}; "
                f"known: {', '.join(sorted(figures))}"
            )
        value = figures[rule.metric]
        if rule.matches(value):
            matched.append(f"{notebook}: fail_on rule {rule} matched ({rule.metric} = {json.dumps(value)})")
    return matched


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


# -- headline figures ---------------------------------------------------------------
def write_headline(name: str, figures: Mapping[str, Any], output_dir: str | os.PathLike = ".") -> Path:
    """Write ``<output_dir>/<name>.json``: a flat dict, sorted keys, numbers as numbers.

    NumPy/pandas scalars become plain numbers, NaN and NA become null,
    timestamps ISO strings.  Anything nested is a ValidationError.
    """
    if not _NAME.fullmatch(name):
        raise ValidationError(f"headline name must be an identifier, not {name!r}")
    plain = {}
    for key, value in figures.items():
        if not isinstance(key, str) or not _NAME.fullmatch(key):
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


# -- the reporting period inside a notebook -------------------------------------------
def set_window(con: Any, since: str | None, until: str | None) -> tuple[datetime | None, datetime | None, datetime]:
    """Define the DuckDB macro ``in_window(ts)``: ``since <= ts < until`` (either bound may be None).

    Returns ``(since, until, as_of)``; ``as_of`` (until, else now) is the moment
    "still open" and "stale" are measured against, so a past period reads the same later.
    """
    start, end = _period(since, until)
    con.execute("SET VARIABLE since = ?::TIMESTAMPTZ", [start])
    con.execute("SET VARIABLE until = ?::TIMESTAMPTZ", [end])
    con.execute(
        "CREATE OR REPLACE TEMP MACRO in_window(ts) AS"
        " ts >= coalesce(getvariable('since'), '-infinity'::TIMESTAMPTZ)"
        " AND ts < coalesce(getvariable('until'), 'infinity'::TIMESTAMPTZ)"
    )
    return start, end, end or datetime.now(timezone.utc)


def _period(since: str | None, until: str | None, flag: str = "") -> tuple[datetime | None, datetime | None]:
    """``since`` and ``until`` parsed (None stays None); ValidationError unless since < until."""
    start = timestamps.parse(since) if since else None
    end = timestamps.parse(until) if until else None
    if start and end and start >= end:
        raise ValidationError(f"{flag}since ({since}) must be before {flag}until ({until})")
    return start, end


# -- files --------------------------------------------------------------------------
def export_html(notebook: Path, html: Path) -> None:
    """``notebook`` as a report: outputs and prose only, no code cells or prompts.

    What is for a programmer stays in the ``.ipynb`` only: standard error (warnings, logs) is
    left out, and a failed cell shows a short error box instead of its traceback.
    """
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [_for_readers(out) for out in cell.outputs
                            if not (out.output_type == "stream" and out.name == "stderr")]
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": notebook.stem.replace("_", " ")}})
    atomic_write(html, body)


def _for_readers(output: Any) -> Any:
    import html
    import nbformat

    if output.output_type != "error":
        return output
    message = html.escape(" ".join(f"{output.ename}: {output.evalue}".split())[:300])
    box = ('<div style="border:1px solid #b00;background:#fff4f4;color:#800;padding:.5rem .8rem;border-radius:4px">'
           f"<strong>This step failed</strong>: {message}<br><small>The details are in the notebook file.</small></div>")
    return nbformat.v4.new_output("display_data", data={"text/html": box, "text/plain": "This step failed"})


# -- running ------------------------------------------------------------------------
@dataclass
class Outcome:
    """What happened to one notebook; ``problems`` empty means all fine."""

    name: str
    notebook: Path
    html: Path
    seconds: float = 0.0
    figures: dict[str, Any] | None = None
    problems: list[str] = field(default_factory=list)
    bad_rule: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


def quiet_kernel_manager() -> type:
    """jupyter_client's ``AsyncKernelManager``, but shutting a kernel down without interrupting it first.

    jupyter_client sends SIGINT before the shutdown request; an idle ipykernel then sometimes logs
    ``[IPKernelApp] ERROR | KeyboardInterrupt caught in kernel`` into the run's log.  The shutdown
    request alone stops an idle kernel; one still busy (a timed-out cell) is killed as before.
    """
    from jupyter_client import AsyncKernelManager

    class QuietKernelManager(AsyncKernelManager):
        async def _async_interrupt_kernel(self) -> None:
            if not self.shutting_down:
                await super()._async_interrupt_kernel()

    return QuietKernelManager


@contextlib.contextmanager
def private_kernel() -> Iterator[str]:
    """A kernelspec for this interpreter that exists only for the run; yields its name.

    The spec is installed with ipykernel into a temporary prefix and found through
    ``JUPYTER_PATH`` (searched before the user's and the system's folders), so the
    notebooks always run in this environment's Python, whatever another checkout or
    venv registered, and no kernelspec in the user's Jupyter folders is created or
    changed.
    """
    from ipykernel.kernelspec import install

    with tempfile.TemporaryDirectory(prefix="jarvis-kernelspec-") as prefix:
        install(kernel_name=KERNEL_NAME, display_name="Python (jarvis-memory)", prefix=prefix)
        jupyter_path = os.pathsep.join(filter(None, [os.path.join(prefix, "share", "jupyter"),
                                                     os.environ.get("JUPYTER_PATH")]))
        with _environ(JUPYTER_PATH=jupyter_path):
            yield KERNEL_NAME


def _kernel_env(settings: config.Settings, replica: bool) -> dict[str, str | None]:
    """What the kernels get through their environment: the token (never a parameter) and, with
    ``replica=False``, ``JARVIS_MEMORY_REPLICA=0`` so that their ``load()`` reads in keyset pages."""
    return {config.TOKEN_VAR: settings.auth_token, replicas.REPLICA_VAR: None if replica else "0"}


@contextlib.contextmanager
def _environ(**values: str | None) -> Iterator[None]:
    """Set (or, for None, leave alone) environment variables for the kernels this process starts."""
    before = {name: os.environ.get(name) for name in values}
    os.environ.update({name: value for name, value in values.items() if value is not None})
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def run(
    names: Iterable[str],
    *,
    url: str | None = None,
    since: str | None = None,
    until: str | None = None,
    params: Mapping[str, Any] | None = None,
    out_dir: str | os.PathLike | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    notebooks: str | os.PathLike | None = None,
    log: Any = None,
    replica: bool = True,
) -> list[Outcome]:
    """Run the named reports one after another; returns one :class:`Outcome` each.

    Everything that can be checked before a kernel starts (names, dates,
    parameter names, fail_on syntax) is, and raises ValidationError.
    A remote database is read through its embedded replica unless ``replica=False`` (keyset pages).
    """
    log = log or Progress("report").note  # dated lines in a log, plain ones on a terminal
    notebooks = resolve(list(names), Path(notebooks) if notebooks else None)
    start, _ = _period(since, until, flag="--")
    if start and start > datetime.now(timezone.utc):
        raise ValidationError(f"--since {since} is in the future: there is nothing to report yet")
    if not timeout or timeout <= 0:
        raise ValidationError(f"--timeout must be a positive number of seconds; got {timeout}")
    settings = config.load(url)
    declared = {name: declared_parameters(path) for name, path in notebooks.items()}
    extra = params_for(declared, dict(params or {}))
    rules = {name: parse_rules(extra[name].get("fail_on", declared[name].get("fail_on", ""))) for name in notebooks}

    out = reports_dir(out_dir)
    dated = new_run_folder(out)
    run_info = {"database": settings.redacted_url, "since": since, "until": until,
                "started": timestamps.now(), "reports": {}}
    outcomes = []
    with private_kernel() as kernel, _environ(**_kernel_env(settings, replica)):
        for name, path in notebooks.items():
            values = {"database_url": settings.url, "since": since, "until": until, "output_dir": str(dated), **extra[name]}
            outcome = _run_one(name, path, dated, values, rules[name], kernel, timeout, log, settings.redact)
            outcomes.append(outcome)
            run_info["reports"][name] = {"ok": outcome.ok, "problems": outcome.problems}
            atomic_write(dated / RUN_FILE, json.dumps(run_info, indent=2))
    write_index(out)
    return outcomes


def new_run_folder(out: Path) -> Path:
    """A folder of this run's own: ``OUT/YYYY-MM-DD`` (UTC), or ``.2``, ``.3`` … after the day's first run.

    Claimed with an atomic ``mkdir``, so overlapping runs (a cron overlap, two
    databases on one day) never share a folder, delete each other's files or mix figures.
    """
    day = datetime.now(timezone.utc).date().isoformat()
    try:
        out.mkdir(parents=True, exist_ok=True)
        for n in range(1, 10_000):
            folder = out / (day if n == 1 else f"{day}.{n}")
            try:
                folder.mkdir()
                return folder
            except FileExistsError:
                continue
    except OSError as e:  # under a regular file, read-only, no space
        raise FileError(f"cannot create a report folder in {out}: {e.strerror or e}") from None
    raise ValidationError(f"{out} already holds 9,999 runs for {day}; choose another --out")


def _run_one(name: str, path: Path, dated: Path, values: dict[str, Any], rules: list[Rule],
             kernel: str, timeout: float, log: Any, redact: Any) -> Outcome:
    import nbformat
    import papermill
    from nbclient.exceptions import CellTimeoutError
    from papermill.exceptions import PapermillExecutionError
    from traitlets.config import Config

    outcome = Outcome(name, dated / f"{name}.ipynb", dated / f"{name}.html")
    headline = dated / f"{name}.json"
    fd, tmp_name = tempfile.mkstemp(dir=dated, prefix=f".{name}.", suffix=".ipynb")
    os.close(fd)
    tmp = Path(tmp_name)
    log(f"{name}: running {path.name}")
    started = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="jarvis-kernel-") as sockets:
            # Unix sockets in a private folder, not TCP on localhost: other local users cannot listen in.
            ipc = Config({"KernelManager": {"transport": "ipc", "ip": os.path.join(sockets, "kernel")}})
            papermill.execute_notebook(
                str(path), str(tmp), parameters=values, kernel_name=kernel, cwd=str(path.parent), config=ipc,
                execution_timeout=int(math.ceil(timeout)), progress_bar=sys.stderr.isatty(), log_output=False,
                kernel_manager_class=quiet_kernel_manager(),
            )
    except PapermillExecutionError as e:
        evalue = " ".join(str(e.evalue).split())
        outcome.problems.append(f"{name} failed in cell [{e.exec_count}]: {e.ename}: {evalue}")
    except CellTimeoutError:
        outcome.problems.append(f"{name} failed: a cell ran longer than the timeout ({timeout:g} s)")
    except Exception as e:  # kernel died or would not start: one line, not a traceback
        message = " ".join(str(e).split()) or type(e).__name__
        outcome.problems.append(f"{name} failed: {type(e).__name__}: {message[:500]}")
    outcome.seconds = time.perf_counter() - started
    if outcome.ok:
        try:
            outcome.figures = read_headline(headline)
        except FileNotFoundError:
            outcome.problems.append(f"{name} ran but wrote no {headline.name}: its last cell must call write_headline")
        except ValueError as e:
            outcome.problems.append(f"{name} wrote an unreadable {headline.name}: {e}")
    if outcome.ok:
        try:
            outcome.problems += check_rules(rules, outcome.figures, name)
        except JarvisMemoryError as e:
            outcome.problems.append(str(e))
            outcome.bad_rule = True
    outcome.problems = [redact(p) for p in outcome.problems]
    try:
        nb = nbformat.read(tmp, as_version=4)
        nb.metadata.setdefault("papermill", {})["output_path"] = str(outcome.notebook)
        if outcome.problems:  # the reader of the report sees the failure first, not only cron's exit code
            lines = "\n".join(f"- {p}" for p in outcome.problems)
            nb.cells.insert(0, nbformat.v4.new_markdown_cell(f"**Status: FAILED**\n\n{lines}"))
        atomic_write(outcome.notebook, nbformat.writes(nb))
        export_html(outcome.notebook, outcome.html)
    except (OSError, ValueError) as e:
        outcome.problems.append(redact(f"{name}: could not save the executed notebook: {e}"))
    finally:
        tmp.unlink(missing_ok=True)
    log(f"{name}: {'ok' if outcome.ok else 'FAILED'} in {outcome.seconds:.1f} s")
    return outcome


def exit_code(outcomes: Iterable[Outcome]) -> int:
    """0 all fine, 3 a fail_on rule named an unknown metric, else 1 if anything failed or matched."""
    outcomes = list(outcomes)
    if any(o.bad_rule for o in outcomes):
        return 3
    return 0 if all(o.ok for o in outcomes) else 1


# -- command line ---------------------------------------------------------------------
@click.command("report")
@click.argument("names", nargs=-1, metavar="NAME...")
@click.option("--all", "run_all", is_flag=True, help="Run every notebook in notebooks/.")
@click.option("--since", metavar="DATE", help="Start of the period (ISO date or datetime, inclusive).")
@click.option("--until", metavar="DATE", help="End of the period (ISO date or datetime, exclusive).")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="Notebook parameter (JSON value, else text); repeatable. E.g. -p stale_session_hours=48 "
                   "-p 'fail_on=open_sessions>=10'.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), metavar="DIR",
              help="Report folder (default: reports/ in the project).")
@click.option("--timeout", type=float, default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds one cell may run before the notebook fails.")
@click.option("--notebooks", "notebooks", type=click.Path(file_okay=False, exists=True), metavar="DIR",
              help="Folder of report notebooks (default: notebooks/ in the project).")
@click.option("--no-replica", is_flag=True,
              help="Read a remote database in keyset pages instead of through its local embedded replica.")
@click.pass_obj
def report_command(get_db: Any, names: tuple[str, ...], run_all: bool, since: str | None, until: str | None,
                   params: tuple[str, ...], out_dir: str | None, timeout: float, notebooks: str | None,
                   no_replica: bool) -> None:
    """Run analysis notebooks into DIR/YYYY-MM-DD/NAME.{ipynb,html,json} and refresh DIR/index.html.

    Exit 0 when every notebook ran and no fail_on rule matched, 1 when a
    notebook failed or a rule matched, 3 on bad arguments.
    """
    folder = Path(notebooks) if notebooks else None
    if run_all == bool(names):
        raise ValidationError(f"name one or more reports or pass --all; reports: {', '.join(available(folder))}")
    outcomes = run(
        list(available(folder)) if run_all else names, url=getattr(get_db, "url", None), since=since, until=until,
        params=parse_params(params), out_dir=out_dir, timeout=timeout, notebooks=folder, replica=not no_replica,
    )
    for o in outcomes:
        if o.ok:
            click.echo(f"{o.name}: ok ({o.seconds:.1f} s) {o.html}")
        for problem in o.problems:
            click.echo(f"error: {problem} (notebook: {o.notebook})", err=True)
    click.echo(f"index: {reports_dir(out_dir) / 'index.html'}")
    sys.exit(exit_code(outcomes))
