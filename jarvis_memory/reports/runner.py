"""Scheduled reports: run the analysis notebooks with papermill, export HTML, keep an index.

``jarvis-memory report NAME|--all`` executes ``notebooks/NAME.ipynb`` into
``OUT/YYYY-MM-DD/NAME.ipynb`` (UTC date; ``YYYY-MM-DD.2`` … for a later run that day), exports ``NAME.html`` without code
cells, and rewrites ``OUT/index.html``.  Each notebook's last cell writes its
headline figures to ``NAME.json`` with :func:`write_headline`; the notebook's
``fail_on`` rules ("open_sessions>=10, bad_timestamps>0") are checked here,
against that JSON, so a cron job gets a non-zero exit when something needs a look (run by papermill alone,
a notebook's last cell checks them with the same rules module).

The database URL is a notebook parameter; the auth token never is.  The kernel
reads ``DATABASE_AUTH_TOKEN`` from the environment it inherits from this process.
Every file is written under a temporary name and renamed, so a killed run never
leaves a half-written file where a reader looks.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import click

from .. import timestamps
from ..errors import FileError, JarvisMemoryError, ValidationError
from ..files import atomic_write, check_output, owned
from ..progress import Progress
from ..store import config
from ..store import replica as replicas
from ..store.database import Database
from .html import export_html
from .index import RUN_FILE, read_headline, write_index
from .kernel import (KernelWatch, environ, kernel_env, private_kernel, quiet_kernel_manager, socket_folder,
                     stopped_with_the_run)
from .notebook import Declared, notebooks_dir, period
from .parameters import check_value, params_for, parse_params
from .rules import Rule, check_rules
from .stops import remove_leftovers, stopped_as_exit

DEFAULT_TIMEOUT = 600
# nbclient times a cell in whole seconds (its timeout is an Integer trait); at most a day: a nightly report's cell
# running longer overlaps the next night's run.
TIMEOUT = {"type": "integer", "minimum": 1, "maximum": 86_400}

# papermill and nbclient log through the "papermill" logger, which Python prints on stderr when nothing handles
# it ("Timeout waiting for execute reply (1s)." before the runner's own line): the runner reports each failure once.
logging.getLogger("papermill").addHandler(logging.NullHandler())


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
    notes: list[str] = field(default_factory=list)  # not failures, but a reader should know (e.g. a paging fallback)
    bad_rule: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


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

    Everything that can be checked before a kernel starts (names, dates, ``timeout`` (whole seconds, 1 to
    86,400), parameter names, each value against its declared type and range (:meth:`Declared.check`), fail_on
    syntax and, where the notebook declares its headline figures, metric names) is, and raises
    ValidationError; so are the variables each notebook reads (ConfigError, e.g. ``$JARVIS_MEMORY_DEDUP_MB``), the
    database (:func:`check_database`, which also syncs the replica), and an ``out_dir`` that is the database's own
    file (FileError, :func:`files.check_output`), before any folder is made.
    A remote database is read through its embedded replica unless ``replica=False`` (keyset pages).
    """
    log = log or Progress("report").note  # dated lines in a log, plain ones on a terminal
    folder = Path(notebooks) if notebooks else None
    notebooks = resolve(list(names), folder)
    start, _ = period(since, until, flag="--")
    if start and start > datetime.now(timezone.utc):
        raise ValidationError(f"--since {since} is in the future: there is nothing to report yet")
    if isinstance(timeout, float) and timeout.is_integer():
        timeout = int(timeout)  # the command line reads --timeout as a float
    check_value("--timeout (seconds)", TIMEOUT, timeout)
    settings = config.load(url)
    declared = {name: Declared.read(path) for name, path in notebooks.items()}
    extra = params_for({name: d.defaults for name, d in declared.items()}, dict(params or {}))
    rules = {name: declared[name].check(extra[name], flag="-p ") for name in notebooks}  # and the rules' metrics
    reports = available(folder)
    for name in notebooks:  # a misspelt report is named now, not after the run
        for rule in rules[name]:
            if rule.notebook is not None and rule.notebook not in reports:
                raise ValidationError(f"fail_on rule {rule} names unknown report {rule.notebook!r}; "
                                      f"reports: {', '.join(reports)}")
    notes = check_database(settings, replica=replica)

    out = reports_dir(out_dir)
    check_output(out, settings.path)
    remove_leftovers(out)
    dated = new_run_folder(out)
    run_info = {"database": settings.redacted_url, "since": since, "until": until,
                "started": timestamps.now(), "reports": {}}
    outcomes = []
    try:
        with private_kernel() as kernel, environ(**kernel_env(settings, replica)):
            for name, path in notebooks.items():
                values = {"database_url": settings.url, "since": since, "until": until, "output_dir": str(dated),
                          **extra[name]}
                outcome = _run_one(name, path, dated, values, rules[name], kernel, timeout, log, settings.redact,
                                   notes, declared[name].advice())
                outcomes.append(outcome)
                run_info["reports"][name] = {"ok": outcome.ok, "problems": outcome.problems, "notes": outcome.notes}
                atomic_write(dated / RUN_FILE, json.dumps(run_info, indent=2))
    except BaseException:  # stopped (Ctrl-C, SIGTERM): no empty folder left, the reports finished are indexed
        try:
            dated.rmdir()  # only if empty: the reports finished and run.json stay
        except OSError:
            with suppress(Exception):
                write_index(out)
        raise
    write_index(out)
    return outcomes


def check_database(settings: config.Settings, *, replica: bool = False) -> list[str]:
    """Open the database read-only, as the notebooks will, and read nothing from the memory tables; with
    ``replica``, sync a remote database's embedded replica as their ``load()`` would, and return the notes
    every report of the run gets (a replica rebuilt from scratch).

    Raises what ``stats`` would: :class:`ConfigError` (no database at a ``file:`` path), :class:`AuthError`,
    :class:`UnreachableError` or another :class:`DatabaseError`; then :class:`SchemaError` where
    :func:`~jarvis_memory.analysis.load.load` would refuse the tables (a column missing); :class:`FileError`
    (replica not writable)."""
    from ..analysis.load import check_schema  # here: the CLI imports this module, and it needs only the core

    with Database(settings, read_only=True) as db:
        db.execute("SELECT 1 FROM memory_entries, sessions, daily_logs LIMIT 0")
        check_schema(db)  # and what load() checks (columns), reading no other table
    if not (replica and settings.is_remote and replicas.enabled()):
        return []
    try:
        synced = replicas.sync(settings.url, settings.auth_token)
    except replicas.ReplicationUnavailable:
        return []  # the notebooks read it in keyset pages, and say so
    return [synced.note] if synced.note else []


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


def _run_one(name: str, path: Path, dated: Path, *args: Any) -> Outcome:
    """Run one notebook into ``dated``; stopped (Ctrl-C, SIGTERM) at any point, it leaves nothing there
    (no CSV or headline without its report), and what earlier notebooks of the run wrote stays."""
    before = set(dated.iterdir())
    try:
        return _execute(name, path, dated, *args)
    except BaseException:
        with suppress(OSError):  # never hides the stop itself
            for written in set(dated.iterdir()) - before:
                shutil.rmtree(written) if written.is_dir() else written.unlink()
        raise


def _execute(name: str, path: Path, dated: Path, values: dict[str, Any], rules: list[Rule],
             kernel: str, timeout: int, log: Any, redact: Any, notes: list[str], advice: list[str]) -> Outcome:
    import nbformat
    import papermill
    from nbclient.exceptions import CellTimeoutError
    from papermill.exceptions import PapermillExecutionError
    from traitlets.config import Config

    outcome = Outcome(name, dated / f"{name}.ipynb", dated / f"{name}.html")
    headline = dated / f"{name}.json"
    fd, tmp_name = tempfile.mkstemp(dir=dated, prefix=owned(f".{name}."), suffix=".ipynb")
    os.close(fd)
    tmp = Path(tmp_name)
    log(f"{name}: running {path.name}")
    started = time.perf_counter()
    watch = KernelWatch(advice)  # a kernel whose cell timed out is killed, not asked to shut down
    try:
        with socket_folder() as sockets, stopped_with_the_run(connection := os.path.join(sockets, "kernel.json")):
            # Unix sockets in a private folder, not TCP on localhost: other local users cannot listen in.
            # The connection file (it holds the kernel's key) in that folder too, not a mkstemp file in TMPDIR:
            # the folder goes when the run ends, even when a SIGTERM cut jupyter_client's own clean-up short.
            ipc = Config({"KernelManager": {"transport": "ipc", "ip": os.path.join(sockets, "kernel"),
                                            "connection_file": connection}})
            papermill.execute_notebook(
                str(path), str(tmp), parameters=values, kernel_name=kernel, cwd=str(path.parent), config=ipc,
                execution_timeout=timeout, progress_bar=sys.stderr.isatty(), log_output=False,
                kernel_manager_class=quiet_kernel_manager(watch), **watch.hooks(),
            )
    except PapermillExecutionError as e:
        evalue = " ".join(str(e.evalue).split())
        outcome.problems.append(f"{name} failed in cell [{e.exec_count}]: {e.ename}: {evalue}")
    except CellTimeoutError:
        outcome.problems.append(f"{name} failed: a cell ran longer than the timeout ({timeout} s)")
    except Exception as e:  # kernel died or would not start: one line, not a traceback
        outcome.problems.append(f"{name} failed: {watch.failure(e)}")
    outcome.seconds = time.perf_counter() - started
    if outcome.ok:
        try:
            outcome.figures = read_headline(headline)
        except FileNotFoundError:
            outcome.problems.append(f"{name} ran but wrote no {headline.name}: a cell must call write_headline")
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
        outcome.notes = [redact(n) for n in dict.fromkeys([*notes, *_notes(nb)])]
        if outcome.notes:
            nb.cells.insert(0, nbformat.v4.new_markdown_cell("\n\n".join(f"**Note:** {n}" for n in outcome.notes)))
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


PAGED_NOTE = ("the database was read in keyset pages, not through an embedded replica (the server offers no"
              " working replication here): one snapshot, read over the network")


def _notes(nb: Any) -> list[str]:
    """What ``load()`` warned in the cells: a fallback to keyset pages, a replica rebuilt from scratch (the
    warnings go to stderr, which the HTML leaves out, so the runner says them where a reader looks)."""
    stderr = "".join(out.get("text", "") for cell in nb.cells if cell.cell_type == "code"
                     for out in cell.get("outputs", []) if out.get("name") == "stderr")  # stream outputs
    return [PAGED_NOTE] * ("ReplicaFallbackWarning" in stderr) + re.findall(r"ReplicaRebuiltWarning: (.*)", stderr)


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
@click.option("--out", "out_dir", type=click.Path(), metavar="DIR",  # a file: FileError, exit 3 (run)
              help="Report folder (default: reports/ in the project).")
@click.option("--timeout", type=float, default=DEFAULT_TIMEOUT, show_default=True,
              help="Whole seconds (1 to 86400) one cell may run before the notebook fails.")
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
    notebook failed or a rule matched, 3 on bad arguments, no database at a
    file: path or a replica that cannot be written, 5 when the server refuses the
    token or does not answer (checked before any kernel starts or folder is made).
    """
    folder = Path(notebooks) if notebooks else None
    if run_all == bool(names):
        raise ValidationError(f"name one or more reports or pass --all; reports: {', '.join(available(folder))}")
    with stopped_as_exit():
        outcomes = run(
            list(available(folder)) if run_all else names, url=getattr(get_db, "url", None), since=since,
            until=until, params=parse_params(params), out_dir=out_dir, timeout=timeout, notebooks=folder,
            replica=not no_replica,
        )
    for o in outcomes:
        if o.ok:
            click.echo(f"{o.name}: ok ({o.seconds:.1f} s) {o.html}")
        for note in o.notes:
            click.echo(f"{o.name}: note: {note}")
        for problem in o.problems:
            click.echo(f"error: {problem} (notebook: {o.notebook})", err=True)
    click.echo(f"index: {reports_dir(out_dir) / 'index.html'}")
    sys.exit(exit_code(outcomes))
