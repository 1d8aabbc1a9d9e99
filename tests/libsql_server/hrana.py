"""Hrana protocol semantics on top of a Python ``sqlite3`` connection.

Everything here is synchronous and runs on the worker thread that owns the
connection (see ``stream.py``). Structures are the JSON forms of the Hrana 2/3
specification (``docs/HRANA_3_SPEC.md`` in tursodatabase/libsql).
"""

from __future__ import annotations

import base64
import sqlite3
from collections.abc import Iterator, Mapping
from typing import Any

JsonObj = dict[str, Any]

_MIN_INT = -(2**63)
_MAX_INT = 2**63 - 1


class HranaError(Exception):
    """An error reported to the client as a Hrana ``Error`` structure."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    def to_proto(self) -> JsonObj:
        return {"message": self.message, "code": self.code}

    @classmethod
    def from_exception(cls, exc: BaseException) -> HranaError:
        """Convert any exception raised while serving a request."""
        if isinstance(exc, HranaError):
            return exc
        if isinstance(exc, sqlite3.Error):
            return cls(str(exc), _sqlite_code(exc))
        if isinstance(exc, (KeyError, TypeError, ValueError, IndexError, AttributeError)):
            return cls(f"Malformed request: {exc!r}", "HRANA_PROTO_ERROR")
        return cls(f"Internal server error: {exc!r}", "INTERNAL_ERROR")


def _sqlite_code(exc: sqlite3.Error) -> str:
    name = getattr(exc, "sqlite_errorname", None)
    if name:
        return name  # e.g. SQLITE_CONSTRAINT_UNIQUE
    text = str(exc)
    if "binding" in text:  # wrong number or names of arguments
        return "ARGS_INVALID"
    if "one statement at a time" in text:
        return "SQL_MANY_STATEMENTS"
    return "SQLITE_ERROR"


def connect(db_path: str, busy_timeout: float) -> sqlite3.Connection:
    """Open a connection in autocommit mode, so SQL controls transactions."""
    return sqlite3.connect(db_path, timeout=busy_timeout, isolation_level=None)


# --- values -----------------------------------------------------------------


def value_to_sql(value: JsonObj) -> Any:
    kind = value["type"]
    if kind == "null":
        return None
    if kind == "integer":
        number = int(value["value"])
        if not _MIN_INT <= number <= _MAX_INT:
            raise HranaError("Integer out of the 64-bit range", "HRANA_PROTO_ERROR")
        return number
    if kind == "float":
        return float(value["value"])
    if kind == "text":
        return str(value["value"])
    if kind == "blob":
        data = value["base64"]
        return base64.b64decode(data + "=" * (-len(data) % 4))
    raise HranaError(f"Unknown value type {kind!r}", "HRANA_PROTO_ERROR")


def value_from_sql(value: Any) -> JsonObj:
    if value is None:
        return {"type": "null"}
    if isinstance(value, int):
        return {"type": "integer", "value": str(value)}
    if isinstance(value, float):
        return {"type": "float", "value": value}
    if isinstance(value, str):
        return {"type": "text", "value": value}
    return {"type": "blob", "base64": base64.b64encode(value).decode("ascii")}


def _bind_args(stmt: JsonObj) -> list[Any] | dict[str, Any]:
    args = [value_to_sql(v) for v in stmt.get("args") or ()]
    named = stmt.get("named_args") or ()
    if not named:
        return args
    if args:
        raise HranaError(
            "Mixing positional and named arguments is not supported", "ARGS_INVALID"
        )
    # sqlite3 looks named parameters up without their ':', '@' or '$' prefix.
    return {a["name"].lstrip(":@$"): value_to_sql(a["value"]) for a in named}


# --- statements, batches, sequences -------------------------------------------


def resolve_sql(request: JsonObj, sqls: Mapping[int, str]) -> JsonObj:
    """Return ``request`` with every ``sql_id`` replaced by its stored SQL text."""
    kind = request.get("type")
    if kind == "execute":
        return {**request, "stmt": _with_sql(request["stmt"], sqls)}
    if kind == "batch":
        steps = [
            {**step, "stmt": _with_sql(step["stmt"], sqls)}
            for step in request["batch"]["steps"]
        ]
        return {**request, "batch": {"steps": steps}}
    if kind in ("sequence", "describe"):
        return _with_sql(request, sqls)
    return request


def _with_sql(obj: JsonObj, sqls: Mapping[int, str]) -> JsonObj:
    if obj.get("sql") is not None:
        return obj
    sql_id = obj.get("sql_id")
    if sql_id is None:
        raise HranaError("Expected 'sql' or 'sql_id'", "HRANA_PROTO_ERROR")
    if sql_id not in sqls:
        raise HranaError(f"SQL text {sql_id} is not stored", "SQL_NOT_FOUND")
    return {**obj, "sql": sqls[sql_id]}


def execute_stmt(conn: sqlite3.Connection, stmt: JsonObj) -> JsonObj:
    """Run one statement and build its ``StmtResult``."""
    cursor = conn.execute(stmt["sql"], _bind_args(stmt))
    rows = cursor.fetchall()
    if not stmt.get("want_rows", True):
        rows = []
    return {
        # The stdlib sqlite3 module does not expose sqlite3_column_decltype().
        "cols": [{"name": d[0], "decltype": None} for d in cursor.description or ()],
        "rows": [[value_from_sql(v) for v in row] for row in rows],
        "affected_row_count": max(cursor.rowcount, 0),
        "last_insert_rowid": str(cursor.lastrowid),
    }


def execute_batch(conn: sqlite3.Connection, batch: JsonObj) -> JsonObj:
    """Run the steps of a batch, honouring their conditions."""
    results: list[JsonObj | None] = []
    errors: list[JsonObj | None] = []
    for step in batch["steps"]:
        result = error = None
        condition = step.get("condition")
        if condition is None or _eval_cond(condition, results, errors, conn):
            try:
                result = execute_stmt(conn, step["stmt"])
            except Exception as exc:  # a failing step is reported, not raised
                error = HranaError.from_exception(exc).to_proto()
        results.append(result)
        errors.append(error)
    return {"step_results": results, "step_errors": errors}


def _eval_cond(
    cond: JsonObj,
    results: list[JsonObj | None],
    errors: list[JsonObj | None],
    conn: sqlite3.Connection,
) -> bool:
    kind = cond["type"]
    if kind in ("ok", "error"):
        step = cond["step"]
        if not 0 <= step < len(results):
            raise HranaError(f"Condition refers to step {step}", "HRANA_PROTO_ERROR")
        return (results if kind == "ok" else errors)[step] is not None
    if kind == "not":
        return not _eval_cond(cond["cond"], results, errors, conn)
    if kind == "and":
        return all(_eval_cond(c, results, errors, conn) for c in cond["conds"])
    if kind == "or":
        return any(_eval_cond(c, results, errors, conn) for c in cond["conds"])
    if kind == "is_autocommit":
        return not conn.in_transaction
    raise HranaError(f"Unknown condition type {kind!r}", "HRANA_PROTO_ERROR")


def execute_sequence(conn: sqlite3.Connection, sql: str) -> None:
    """Run semicolon-separated statements, stopping at the first error.

    ``Connection.executescript`` is not used because it commits an open
    transaction first.
    """
    for statement in _split_statements(sql):
        conn.execute(statement).fetchall()


def _split_statements(sql: str) -> Iterator[str]:
    pending = ""
    for piece in sql.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            yield pending
            pending = ""
    if pending.strip(" \t\r\n;"):
        yield pending  # incomplete: let SQLite report the syntax error


# --- stream requests -----------------------------------------------------------


def run_stream_request(conn: sqlite3.Connection, request: JsonObj) -> JsonObj:
    """Serve a stream request whose SQL texts are already resolved."""
    kind = request["type"]
    if kind == "execute":
        return {"type": kind, "result": execute_stmt(conn, request["stmt"])}
    if kind == "batch":
        return {"type": kind, "result": execute_batch(conn, request["batch"])}
    if kind == "sequence":
        execute_sequence(conn, request["sql"])
        return {"type": kind}
    if kind == "get_autocommit":
        return {"type": kind, "is_autocommit": not conn.in_transaction}
    raise HranaError(f"Request {kind!r} is not supported", "HRANA_PROTO_ERROR")


def run_pipeline(
    conn: sqlite3.Connection, requests: list[JsonObj], sqls: dict[int, str]
) -> tuple[list[JsonObj], bool]:
    """Serve a Hrana-over-HTTP pipeline; return its results and whether it closed.

    ``sqls`` holds the SQL texts stored on this stream.
    """
    results: list[JsonObj] = []
    closed = False
    for request in requests:
        try:
            if closed:
                raise HranaError("The stream is closed", "STREAM_CLOSED")
            response = _run_pipeline_request(conn, request, sqls)
            closed = request["type"] == "close"
            results.append({"type": "ok", "response": response})
        except Exception as exc:
            results.append({"type": "error", "error": HranaError.from_exception(exc).to_proto()})
    return results, closed


def _run_pipeline_request(
    conn: sqlite3.Connection, request: JsonObj, sqls: dict[int, str]
) -> JsonObj:
    kind = request["type"]
    if kind == "close":
        return {"type": kind}
    if kind == "store_sql":
        sqls[request["sql_id"]] = request["sql"]
        return {"type": kind}
    if kind == "close_sql":
        sqls.pop(request["sql_id"], None)
        return {"type": kind}
    return run_stream_request(conn, resolve_sql(request, sqls))
