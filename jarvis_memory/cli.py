"""The ``jarvis-memory`` command line: every store operation, for people and scripts.

Exit codes: 0 success, 1 failure (or a ``doctor``/report check failed),
2 usage error, 3 invalid input, 4 unknown id or conflicting state,
5 database unreachable or refused, 6 schema problem, 7 write on a read-only
connection, 141 stdout's reader closed the pipe (``| head``; nothing on stderr).
``--json`` prints one JSON document on stdout.

Why one module: each command is a few lines that call the API, so the whole command surface reads in one
place (as in sqlite-utils' cli.py); commands with logic of their own keep it beside that logic
(``demo``, ``report``).
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import os
import re
import sys
import warnings
from collections.abc import Callable
from typing import Any

import click

from .analysis import health
from .demo import demo_command
from .errors import ConfigError, FileError, JarvisMemoryError, UnreadableRowError
from .progress import Progress
from .reports.runner import report_command
from .store import bulk, config, memories, merge_batch, merges, sessions
from .store import search as search_index
from .store.database import Database
from .store.rows import Rows


class _IdCommand(click.Command):
    """A command taking row ids, which other clients may have written negative: in "get -5" the -5 is the
    id, not an unknown option.  Any other unknown option is refused as click refuses it ("did you mean")."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        takes_value = {o: isinstance(p, click.Option) and not p.is_flag and not p.count
                       for p in self.get_params(ctx) for o in (*p.opts, *p.secondary_opts)}
        tokens = iter(args[: args.index("--")] if "--" in args else args)
        for token in tokens:
            if not token.startswith("-") or _NEGATIVE_INTEGER.fullmatch(token):
                continue
            name, joined, _ = token.partition("=")
            if name not in takes_value:
                raise click.NoSuchOption(name, possibilities=difflib.get_close_matches(name, list(takes_value)), ctx=ctx)
            if takes_value[name] and not joined:
                next(tokens, None)  # its value, whatever it looks like
        ctx.ignore_unknown_options = True
        return super().parse_args(ctx, args)


_NEGATIVE_INTEGER = re.compile(r"-[0-9]+")
SIGPIPE_EXIT = 141  # 128 + SIGPIPE: what a shell reports for a tool that wrote into a closed pipe


class _Group(click.Group):
    """Turns this package's errors into one line on stderr and a documented exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except JarvisMemoryError as e:
            click.echo(f"error: {e}", err=True)
            ctx.exit(e.exit_code)
        except BrokenPipeError:  # stdout's reader stopped reading (`| head`): stop quietly, as Unix tools do
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # the exit's flush must not fail again
            ctx.exit(SIGPIPE_EXIT)
        except OSError as e:  # a file or folder the user named, where no caller typed the error
            where = f" {e.filename}" if e.filename else ""
            click.echo(f"error: cannot use{where}: {e.strerror or e}", err=True)
            ctx.exit(FileError.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--url", envvar=None, metavar="URL",
              help="Database URL (file:, libsql:, ws(s):, http(s):). Default: $DATABASE_URL, .env, else data/jarvis.db. "
                   "The token is only read from $DATABASE_AUTH_TOKEN or .env, never from the command line.")
@click.version_option(package_name="jarvis-memory")
@click.pass_context
def cli(ctx: click.Context, url: str | None) -> None:
    """Jarvis's long-term memory on libSQL, shared with the TypeScript app.

    \b
    Examples:
      jarvis-memory remember "Prefers tea in the morning" -c preference -s user_explicit
      jarvis-memory recall tea --json
      jarvis-memory import memories.jsonl
      jarvis-memory doctor
    """
    if url is not None and config.carries_credentials(url):
        raise ConfigError(
            f"--url must not carry a token or password (the command line is visible to every user in `ps`): "
            f"put the token in ${config.TOKEN_VAR} or .env, the URL in --url without it"
        )
    ctx.obj = _LazyDb(url)


class _LazyDb:
    def __init__(self, url: str | None):
        self.url = url
        self._db: Database | None = None

    def __call__(self, **kwargs: Any) -> Database:
        if self._db is None:
            self._db = Database(self.url, **kwargs)
        return self._db


def _out(value: Any, as_json: bool, human: str | None = None) -> None:
    if as_json:
        click.echo(json.dumps(_plain(value), ensure_ascii=False, indent=2))
    elif human is not None:
        click.echo(human)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return dataclasses.asdict(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _found(found: Rows, as_json: bool, limit: int, more: str = "raise -n") -> None:
    """Print the entries read; say on stderr when ``limit`` cut the list; name each row that could not
    be read on stderr and exit 1."""
    _out(found, as_json, "\n".join(map(_line, found)) or "nothing found")
    _more(len(found) + len(found.unreadable), limit, more)
    _skipped(found.unreadable)


def _noted(read: Callable[[], Rows]) -> Rows:
    """``read()``; a database searched without its index says so in one "note:" line on stderr."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", search_index.SearchScanWarning)
        found = read()
    for warning in caught:
        click.echo(f"note: {warning.message}", err=True)
    return found


def _more(read: int, limit: int, how: str) -> None:
    if read >= limit:
        click.echo(f"(the first {limit:,} shown; there may be more: {how})", err=True)


def _skipped(unreadable: list[UnreadableRowError]) -> None:
    if unreadable:
        for e in unreadable:
            click.echo(f"skipped: {e}", err=True)
        click.echo(f"error: {len(unreadable)} row(s) could not be read and were skipped", err=True)
        sys.exit(1)


def _count(n: int, noun: str) -> str:
    """``1 merge``, ``2 merges``, ``1,000 rows``."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _line(entry: memories.MemoryEntry) -> str:
    return f"#{entry.id} [{entry.category}/{entry.source}] {entry.content}"


json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
category_option = click.option("-c", "--category", type=click.Choice(memories.CATEGORIES), help="Only this category.")


@cli.command()
@click.option("--yes-remote", is_flag=True, help="Confirm that migrating a remote (non-file:) database is intended.")
@click.option("--status", "show_status", is_flag=True, help="Only show applied and pending migrations.")
@json_option
@click.pass_obj
def migrate(get_db: _LazyDb, yes_remote: bool, show_status: bool, as_json: bool) -> None:
    """Bring the schema up to date (safe to re-run).

    Prints the target first. A remote target needs --yes-remote, so a
    DATABASE_URL left pointing at production is never migrated by accident.
    """
    db = get_db(auto_migrate=False)
    click.echo(f"target: {db.settings}", err=True)
    status = db.schema_status()
    pending = [m.label for m in status.pending]
    missing = [o.label for o in status.missing]  # dropped by another tool since: recreated, nothing else re-run
    if show_status:
        _out({"current": status.current, "pending": pending, "missing": missing}, as_json,
             f"at version {status.current}; pending: {', '.join(pending) or 'none'}"
             + (f"; missing: {', '.join(missing)}" if missing else ""))
        return
    if db.settings.is_remote and not yes_remote:
        if pending or missing or search_index.out_of_step(db):
            raise ConfigError(f"{db.settings.redacted_url} is remote: re-run with --yes-remote to migrate it")
        applied, refill = [], []  # just checked: nothing to apply, recreate or refill (no second integrity-check)
    else:
        applied = [m.label for m in db.migrate()]
        refill = [search_index.INDEX] if db.refilled else []
    done = [f"{what}: {', '.join(names)}" for what, names in
            (("applied", applied), ("recreated", missing), ("refilled", refill)) if names]
    _out({"applied": applied, "recreated": missing, "refilled": refill, "current": db.schema_status().current},
         as_json, "; ".join(done) or "already up to date")


@cli.command()
@click.argument("content")
@click.option("-c", "--category", type=click.Choice(memories.CATEGORIES), required=True)
@click.option("-s", "--source", type=click.Choice(memories.SOURCES), default="user_explicit", show_default=True)
@json_option
@click.pass_obj
def remember(get_db: _LazyDb, content: str, category: str, source: str, as_json: bool) -> None:
    """Store a memory; a duplicate (same text ignoring case and surrounding space) is only touched."""
    entry, created = get_db().memories.store(content, category, source)
    _out({"created": created, "entry": entry}, as_json, ("stored " if created else "already known ") + _line(entry))


@cli.command()
@click.argument("text")
@category_option
@click.option("-n", "--limit", default=20, show_default=True)
@json_option
@click.pass_obj
def search(get_db: _LazyDb, text: str, category: str | None, limit: int, as_json: bool) -> None:
    """Find memories holding every word of TEXT as a whole word ("tea" is not "team"; tea* is), case and
    accents ignored, best match first; "quoted words" must follow each other (read only)."""
    db = get_db(read_only=True)
    _found(_noted(lambda: db.memories.search(text, category=category, limit=limit)), as_json, limit)


@cli.command()
@click.argument("text", required=False)
@category_option
@click.option("-n", "--limit", default=20, show_default=True)
@json_option
@click.pass_obj
def recall(get_db: _LazyDb, text: str | None, category: str | None, limit: int, as_json: bool) -> None:
    """Like search, and marks the memories returned as accessed now; without TEXT, the newest memories."""
    db = get_db()
    _found(_noted(lambda: db.memories.recall(text, category=category, limit=limit)), as_json, limit)


@cli.command("list")
@category_option
@click.option("-s", "--source", type=click.Choice(memories.SOURCES))
@click.option("--since", help="Created at or after (ISO 8601 date or datetime, UTC if no zone).")
@click.option("--until", help="Created before (ISO 8601).")
@click.option("-n", "--limit", default=100, show_default=True)
@click.option("--after-id", type=int, default=None, help="Page: show ids after this one.")
@json_option
@click.pass_obj
def list_(get_db: _LazyDb, category, source, since, until, limit, after_id, as_json) -> None:
    """List memories by id, with filters."""
    found = get_db(read_only=True).memories.list(category=category, source=source, since=since, until=until,
                                                 limit=limit, after_id=after_id)
    last = max([m.id for m in found] + [e.row_id for e in found.unreadable if isinstance(e.row_id, int)], default=None)
    _found(found, as_json, limit, "raise -n" if last is None else f"--after-id {last} for the next page")


@cli.command(cls=_IdCommand)
@click.argument("memory_id", type=int)
@json_option
@click.pass_obj
def get(get_db: _LazyDb, memory_id: int, as_json: bool) -> None:
    """Show one memory."""
    entry = get_db(read_only=True).memories.get(memory_id)
    _out(entry, as_json, _line(entry))


@cli.command(cls=_IdCommand)
@click.argument("memory_id", type=int)
@json_option
@click.pass_obj
def forget(get_db: _LazyDb, memory_id: int, as_json: bool) -> None:
    """Delete one memory."""
    entry = get_db().memories.delete(memory_id)
    _out(entry, as_json, "deleted " + _line(entry))


@cli.group("sessions")
def sessions_group() -> None:
    """Start, end, expire and list sessions."""


@sessions_group.command("start")
@json_option
@click.pass_obj
def session_start(get_db: _LazyDb, as_json: bool) -> None:
    """Start a session and print its id."""
    session = get_db().sessions.start()
    _out(session, as_json, str(session.id))


@sessions_group.command("end", cls=_IdCommand)
@click.argument("session_id", type=int)
@click.option("-t", "--trigger", type=click.Choice(sessions.TRIGGERS), default="explicit", show_default=True)
@click.option("--summary", help="What the session was about.")
@json_option
@click.pass_obj
def session_end(get_db: _LazyDb, session_id: int, trigger: str, summary: str | None, as_json: bool) -> None:
    """End an open session (exit 4 if unknown or already ended)."""
    session = get_db().sessions.end(session_id, trigger, summary)
    _out(session, as_json, f"ended session {session.id} ({trigger}) at {session.ended_at}")


@sessions_group.command("expire")
@click.option("--idle-minutes", type=float, default=30, show_default=True)
@json_option
@click.pass_obj
def session_expire(get_db: _LazyDb, idle_minutes: float, as_json: bool) -> None:
    """End sessions idle longer than --idle-minutes with trigger 'timeout' (for cron)."""
    ended = get_db().sessions.expire_idle(idle_minutes)
    _out(ended, as_json, f"ended {len(ended)} idle session(s)")


@sessions_group.command("list")
@click.option("--open", "open_only", is_flag=True, help="Only sessions not ended.")
@click.option("-n", "--limit", default=20, show_default=True)
@json_option
@click.pass_obj
def session_list(get_db: _LazyDb, open_only: bool, limit: int, as_json: bool) -> None:
    """Recent sessions, newest first."""
    found = get_db(read_only=True).sessions.list(open_only=open_only, limit=limit)
    lines = [f"{s.id}\t{s.started_at}\t{s.ended_at or 'open'}\t{s.end_trigger or ''}\t{s.summary or ''}" for s in found]
    _out(found, as_json, "\n".join(lines) or "no sessions")
    _more(len(found) + len(found.unreadable), limit, "raise -n")
    _skipped(found.unreadable)


@cli.command("log", cls=_IdCommand)
@click.argument("session_id", type=int)
@click.argument("event_type")
@click.option("-d", "--data", help="Event data as a JSON object.")
@json_option
@click.pass_obj
def log_(get_db: _LazyDb, session_id: int, event_type: str, data: str | None, as_json: bool) -> None:
    """Append an event to a session's log."""
    try:
        parsed = None if data is None else json.loads(data)
    except json.JSONDecodeError as e:
        raise click.BadParameter(f"not JSON: {e.msg}", param_hint="--data") from None
    except RecursionError:
        raise click.BadParameter("JSON nested too deeply", param_hint="--data") from None
    except ValueError as e:  # an integer over Python's 4,300-digit conversion limit
        raise click.BadParameter(f"not usable JSON: {e}", param_hint="--data") from None
    event = get_db().events.log(session_id, event_type, parsed)
    _out(event, as_json, f"logged event {event.id}")


@cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option("-f", "--format", "fmt", type=click.Choice(bulk.FORMATS), help="Default: from the file name.")
@click.option("--chunk-size", default=1_000, show_default=True, help=f"Rows per atomic chunk (1 to {bulk.MAX_CHUNK}).")
@json_option
@click.pass_obj
def import_(get_db: _LazyDb, file: str, fmt: str | None, chunk_size: int, as_json: bool) -> None:
    """Import memories from JSON Lines or CSV (content, category, source[, created_at, last_accessed]).

    Dedup as in `remember`, but a memory already stored keeps the later last_accessed
    of the two and nothing is marked accessed now, so an export imports back as it
    was. Chunks are atomic, so re-running an interrupted import completes it
    without duplicates. Bad rows are listed and skipped. Exit 1 if any row was rejected.
    """
    with Progress("import", enabled=not as_json) as bar:
        def progress(r: bulk.ImportReport) -> None:
            bar.update(r.read - bar.done, f"{r.new:,} new, {r.duplicates:,} duplicates")

        report = bulk.import_file(get_db(), file, format=fmt, chunk_size=chunk_size, progress=progress)
    lines = [f"{report.read:,} read: {report.new:,} new, {report.duplicates:,} duplicates, {len(report.rejected):,} rejected"]
    lines += [f"  line {r.line}: {r.reason}" for r in report.rejected[:50]]
    if len(report.rejected) > 50:
        lines.append(f"  … and {len(report.rejected) - 50} more (use --json for all)")
    _out(report.as_dict(), as_json, "\n".join(lines))
    if report.rejected:
        sys.exit(1)


@cli.command()
@click.option("-f", "--format", "fmt", type=click.Choice(bulk.FORMATS), default="jsonl", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="File to write: a regular file is replaced atomically keeping its permissions, a symlink's target,"
                   " FIFO or device is written in place. Default or '-': stdout.")
@click.pass_obj
def export(get_db: _LazyDb, fmt: str, output: str | None) -> None:
    """Export every memory as JSON Lines or CSV."""
    output = None if output == "-" else output
    report = bulk.export(get_db(read_only=True), output, format=fmt)
    if output:
        click.echo(f"wrote {report.written:,} memories to {output}", err=True)
    _skipped(report.unreadable)


@cli.command()
@json_option
@click.pass_obj
def stats(get_db: _LazyDb, as_json: bool) -> None:
    """Row counts and headline figures."""
    figures = health.stats(get_db(read_only=True))
    human = "\n".join(f"{k}: {', '.join(f'{n} {c}' for c, n in v.items()) if isinstance(v, dict) else v}"
                      for k, v in figures.items())
    _out(figures, as_json, human)


@cli.command()
@json_option
@click.pass_obj
def doctor(get_db: _LazyDb, as_json: bool) -> None:
    """Check that the database is reachable and its schema is current (exit 1 if not)."""
    report = health.doctor(get_db(read_only=True))
    human = [f"database: {report['database']}"]
    # "note": the check passed but found something to look at (odd rows other clients wrote, tables it cannot read)
    for c in report["checks"]:  # a check's findings follow its line, one a line
        first, _, more = c["detail"].partition("\n")
        human.append(f"{('note' if c.get('findings') or c.get('notes') else 'ok  ') if c['ok'] else 'FAIL'}"
                     f" {c['check']}: {first} ({c['ms']} ms)" + (f"\n{more}" if more else ""))
    _out(report, as_json, "\n".join(human))
    if not report["ok"]:
        sys.exit(1)


@cli.command("sync")
@click.option("--url", "sync_from", metavar="URL", help="The remote database (default: --url before the command, "
              "then $DATABASE_URL/.env).")
@click.option("--out", type=click.Path(dir_okay=False), metavar="FILE",
              help="The replica file (default: data/replicas/<host>-<hash>.db in the project).")
@json_option
@click.pass_obj
def sync_command(get_db: _LazyDb, sync_from: str | None, out: str | None, as_json: bool) -> None:
    """Make or refresh a local embedded replica of a remote database, for offline analysis.

    The first run copies the database, later runs pull only what changed. Then
    load("file:FILE") reads it with no network. The token is never written to FILE
    or beside it. A replica that cannot be trusted (a stopped sync, a file changed since,
    a mismatch with the server) is rebuilt from scratch, said on stderr. Exit 3 when its
    files cannot be written, 5 when the server does not serve replication.
    """
    from .store import replica

    local = config.load(get_db.url).path if out is not None else None  # the database this command line names
    synced = replica.sync(sync_from or get_db.url, out=out, database=local)
    if synced.note:
        click.echo(f"note: {synced.note}", err=True)
    done = "made" if synced.first else "rebuilt" if synced.rebuilt else "refreshed"
    _out({"path": str(synced.path), "source": synced.source, "first": synced.first, "rebuilt": synced.rebuilt,
          "seconds": synced.seconds},
         as_json, f"{done} the replica of {synced.source} in {synced.seconds:.2f} s: {synced.path.as_uri()}")


@cli.group("dedup")
def dedup_group() -> None:
    """Act on a reviewed dedup audit: merge, supersede or keep both as decided, or undo merges."""


@dedup_group.command("apply")
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option("--apply", "do_apply", is_flag=True, help="Carry out. Without it: a dry run that only prints what would change.")
@click.option("--yes-remote", is_flag=True, help="Confirm that merging in a remote (non-file:) database is intended.")
@json_option
@click.pass_obj
def dedup_apply(get_db: _LazyDb, file: str, do_apply: bool, yes_remote: bool, as_json: bool) -> None:
    """Carry out the decisions of FILE (the audit's dedup_candidates.csv, or the notebook's dedup_decisions.csv).

    `action` 'merge' (duplicates) keeps the row in `keep`, default the older (the longest where a pair is
    subsumed); 'supersede' (variants, and a
    variant marked 'merge') keeps the newest; the others are removed and recorded, in the same atomic batch,
    so `dedup undo` can bring them back. 'keep both' is recorded: the next audit does not ask again. Pairs
    whose rows changed since the audit are skipped. Exit 1 if any pair was skipped.
    """
    pairs = merges.read_review(file)
    db = get_db(read_only=not do_apply)
    click.echo(f"target: {db.settings}", err=True)
    if do_apply and db.settings.is_remote and not yes_remote:
        raise ConfigError(f"{db.settings.redacted_url} is remote: re-run with --yes-remote to merge in it")
    plan = merges.plan(db, pairs)
    if do_apply:
        done = merge_batch.apply(db, plan.merges, plan.kept_both)
        merged, kept, skipped = list(done.merged.items()), list(done.kept_both.items()), plan.skipped + done.skipped
    else:
        merged, kept, skipped = [(None, m) for m in plan.merges], [(None, p) for p in plan.kept_both], plan.skipped
    marked = {(min(p.id_a, p.id_b), max(p.id_a, p.id_b)): p.action for p in pairs}
    lines = [_decided(m, i, do_apply, marked.get((min(m.removed_id, m.survivor_id), max(m.removed_id, m.survivor_id))))
             for i, m in merged]
    lines += [f"{'kept' if do_apply else 'would keep'} both {p.id_a} and {p.id_b} ({p.kind})"
              + (f": decision {i}" if i else "") + ", not asked again" for i, p in kept]
    lines += skipped
    lines.append(f"{_count(len(pairs), 'pair')} decided: {_count(len(merged), 'row')}"
                 f" {'removed' if do_apply else 'to remove'}, {_count(len(kept), 'pair')} kept both,"
                 f" {len(skipped):,} skipped" + ("" if do_apply else " (dry run: nothing written; add --apply)")
                 + ("" if pairs else f"; no row of {file} has an action: fill in merge, supersede or keep both"))
    _out({"applied": do_apply, "merges": [{"merge_id": i, **dataclasses.asdict(m)} for i, m in merged],
          "kept_both": [{"decision_id": i, **dataclasses.asdict(p)} for i, p in kept], "skipped": skipped},
         as_json, "\n".join(lines))
    if skipped:
        sys.exit(1)


def _decided(m: merges.Merge, merge_id: int | None, done: bool, action: str | None) -> str:
    """One line of `dedup apply` for a row removed: merged into, or superseded by, the row that stays."""
    if m.decision == "supersede":
        line = f"{'retired' if done else 'would retire'} {m.removed_id}, superseded by {m.survivor_id} ({m.kind})"
    else:
        line = f"{'merged' if done else 'would merge'} {m.removed_id} into {m.survivor_id} ({m.kind})"
    line += f": merge {merge_id}" if merge_id else ""
    if action == "merge" and m.kind == "variant":
        line += " - marked merge, but a variant states another value: the newest stays (or the row in `keep`)"
    elif m.kind == "possible_duplicate":  # the semantic stage's suggestion: no rule called it a duplicate
        line += " - only the semantic stage's model read these as alike, no rule did; merged as marked"
    return line


@dedup_group.command("undo")
@click.option("--merge", "merge_ids", type=int, multiple=True, help="A merge id to undo (repeatable).")
@click.option("--all-since", help="Undo every merge made at or after this time (ISO 8601, UTC if no zone), and"
              " reopen the pairs kept both since.")
@click.option("--yes-remote", is_flag=True, help="Confirm that undoing in a remote (non-file:) database is intended.")
@json_option
@click.pass_obj
def dedup_undo(get_db: _LazyDb, merge_ids: tuple[int, ...], all_since: str | None, yes_remote: bool, as_json: bool) -> None:
    """Restore rows removed by merges (and supersedes), with their ids and values.

    A merge already undone is skipped (said, exit 0: nothing is left to do); exit 1 if any other was
    skipped (its row cannot be restored).
    """
    if bool(merge_ids) == bool(all_since):
        raise click.UsageError("give --merge ID (repeatable) or --all-since TIME")
    db = get_db()
    if db.settings.is_remote and not yes_remote:
        raise ConfigError(f"{db.settings.redacted_url} is remote: re-run with --yes-remote to undo merges in it")
    done = merge_batch.undo(db, merge_ids=list(merge_ids) or None, since=all_since)
    lines = [f"undid merge {i}" for i in done.restored] + done.skipped
    lines += [f"reopened decision {r['decision_id']}: {r['id_a']} and {r['id_b']} were kept both; the next audit"
              " asks again" for r in done.reopened]
    lines.append(f"{_count(len(done.restored), 'merge')} undone, {len(done.skipped):,} skipped"
                 + (f", {_count(len(done.reopened), 'pair')} kept both reopened" if done.reopened else ""))
    _out(dataclasses.asdict(done), as_json, "\n".join(lines))
    if len(done.skipped) > len(done.already_undone):
        sys.exit(1)


cli.add_command(demo_command)
cli.add_command(report_command)


def main() -> None:
    cli(prog_name="jarvis-memory")
