"""sqld 0.24.32's stuck write lock: how often 8 concurrent writers stall it, per client.

    python -m benchmarks.sqld_write_stall CLIENT KIND [--runs 8] [--stores 300] [--timeout 8] [--sqld-arg=...]

CLIENT: ``pkg`` (this package: ``memories.store`` + an event every 5th store, as
``tests/test_reliability_concurrency.py``), ``raw`` (the same statements as bare Hrana-over-HTTP
``/v2/pipeline`` requests with aiohttp, one stream per request, SQLITE_BUSY retried with the
same backoff) or ``node`` (the same statements through the TypeScript ``@libsql/client`` in
``tests/interop/node_modules``, batches in ``deferred`` mode).  KIND: ``ws`` or ``http``
(``raw`` is HTTP only).

Each run starts a fresh sqld (``tests/sqld.py``, loopback, JWT auth), 8 processes start
together, and after they end one more single INSERT is sent with an 8 s timeout.  A run
*stalled* if a writer failed (every call has ``--timeout`` seconds) or that last INSERT did not
complete: sqld then grants its write lock to no one, for good, while reads answer.
``--sqld-arg=--checkpoint-interval-s=5`` passes an option to sqld.  Prints one line per run and
the rate.  Not a test: it asserts nothing.  Loopback only; every server is stopped by its PID.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import random
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from .common import REPO

sys.path.insert(0, str(REPO / "tests"))
from sqld import JwtKeys, Sqld  # noqa: E402  (the tests' server helper)

WORKERS = 8
NODE_MODULES = REPO / "tests" / "interop"


def text(kind: str, i: int, worker: int) -> str:
    if kind == "shared":  # the same hash in every process, spelled differently
        t = f"Shared memory number {i}"
        return [t, t.upper(), f"  {t.lower()}\n", f"\t{t}  "][worker % 4]
    return f"Worker {worker} private memory {i}"


def plan(worker: int, stores: int) -> list[tuple[str, int]]:
    items = [("shared", i) for i in range(stores // 2)] + [("own", i) for i in range(stores - stores // 2)]
    random.Random(worker).shuffle(items)
    return items


def upserts(worker: int, stores: int) -> list[list[tuple[str, list]]]:
    from jarvis_memory.store.memories import prepare, upsert_statements

    return [upsert_statements([prepare(text(k, i, worker), "fact", "user_explicit")]) for k, i in plan(worker, stores)]


EVENT = ("INSERT INTO daily_logs (session_id, event_type, event_data, timestamp) SELECT ?, ?, ?, ? WHERE ? IS NULL"
         " OR EXISTS (SELECT 1 FROM sessions WHERE id = ?) RETURNING id")


# -- the writers (one OS process each) --------------------------------------------------------------------------------


def pkg_writer(url, token, worker, stores, timeout, barrier, queue):
    import jarvis_memory

    try:
        db = jarvis_memory.Database(url, token, timeout=timeout)
        db.ready()
        barrier.wait(60)
        session = db.sessions.start()
        for n, (kind, i) in enumerate(plan(worker, stores)):
            db.memories.store(text(kind, i, worker), "fact", "user_explicit")
            if n % 5 == 0:
                db.events.log(session.id, "memory_store", {"worker": worker, "n": n})
        db.sessions.end(session.id, "explicit")
        db.close()
        queue.put(("ok", worker, ""))
    except BaseException as e:
        queue.put(("error", worker, f"{type(e).__name__}: {e}"[:300]))


def raw_writer(url, token, worker, stores, timeout, barrier, queue):
    try:
        asyncio.run(_raw(url.replace("ws://", "http://"), token, worker, stores, timeout, barrier))
        queue.put(("ok", worker, ""))
    except BaseException as e:
        queue.put(("error", worker, f"{type(e).__name__}: {e}"[:300]))


def _value(v):
    if v is None:
        return {"type": "null"}
    return {"type": "integer", "value": str(v)} if isinstance(v, int) else {"type": "text", "value": str(v)}


def _stmt(sql, args=()):
    return {"sql": sql, "args": [_value(a) for a in args], "want_rows": True}


def _batch(stmts):
    """libsql-client's batch: BEGIN, the statements each on the previous one's success, COMMIT, else ROLLBACK."""
    steps = [{"stmt": {"sql": "BEGIN", "want_rows": False}}]
    for s in stmts:
        steps.append({"condition": {"type": "ok", "step": len(steps) - 1}, "stmt": s})
    steps.append({"condition": {"type": "ok", "step": len(steps) - 1}, "stmt": {"sql": "COMMIT", "want_rows": False}})
    steps.append({"condition": {"type": "not", "cond": {"type": "ok", "step": len(steps) - 1}},
                  "stmt": {"sql": "ROLLBACK", "want_rows": False}})
    return {"type": "batch", "batch": {"steps": steps}}


class _Busy(Exception):
    pass


async def _raw(url, token, worker, stores, timeout, barrier):
    import aiohttp

    from jarvis_memory import timestamps

    async def send(session, request):
        async with session.post(url + "/v2/pipeline", json={"requests": [request, {"type": "close"}]}) as answer:
            body = await answer.json(content_type=None)
        result = body["results"][0]
        errors = [result["error"]] if result["type"] == "error" else [
            e for e in result["response"]["result"].get("step_errors", []) if e]
        if any("BUSY" in (e.get("code") or "") or "locked" in e["message"] for e in errors):
            raise _Busy()
        if errors:
            raise RuntimeError(errors)
        return result["response"]["result"]

    async def call(session, request):
        deadline = time.monotonic() + timeout
        for attempt in range(1, 10**6):
            try:
                async with asyncio.timeout(max(0.0, deadline - time.monotonic())):
                    return await send(session, request)
            except _Busy:
                await asyncio.sleep(random.uniform(0, min(0.5, 0.01 * 2**attempt)))

    async with aiohttp.ClientSession(headers={"Authorization": f"Bearer {token}"}) as session:
        statements = upserts(worker, stores)
        await asyncio.get_running_loop().run_in_executor(None, barrier.wait, 60)
        started = await call(session, {"type": "execute", "stmt": _stmt(
            "INSERT INTO sessions (started_at) VALUES (?) RETURNING id", [timestamps.now()])})
        sid = int(started["rows"][0][0]["value"])
        for n, stmts in enumerate(statements):
            await call(session, _batch([_stmt(sql, args) for sql, args in stmts]))
            if n % 5 == 0:
                args = [sid, "memory_store", json.dumps({"worker": worker, "n": n}), timestamps.now(), sid, sid]
                await call(session, {"type": "execute", "stmt": _stmt(EVENT, args)})
        await call(session, {"type": "execute", "stmt": _stmt(
            "UPDATE sessions SET ended_at = ?, end_trigger = 'explicit' WHERE id = ?", [timestamps.now(), sid])})


NODE_WRITER = r"""
const { createClient } = require("@libsql/client");
const [url, token, timeout] = [process.argv[1], process.argv[2], Number(process.argv[3]) * 1000];
const upserts = JSON.parse(require("fs").readFileSync(0, "utf8"));
const client = createClient({ url, authToken: token });
async function call(f) {
  const deadline = Date.now() + timeout;
  for (let k = 1; ; k++) {
    let timer;
    try {
      return await Promise.race([f(), new Promise((_, reject) => { timer = setTimeout(
        () => reject(new Error("no answer in time")), Math.max(0, deadline - Date.now())); })]);
    } catch (e) {
      if (!/BUSY|locked/.test(String(e.code) + String(e.message)) || Date.now() >= deadline) throw e;
      await new Promise(r => setTimeout(r, Math.random() * Math.min(500, 10 * 2 ** k)));
    } finally { clearTimeout(timer); }
  }
}
(async () => {
  const now = () => new Date().toISOString();
  const s = await call(() => client.execute({ sql: "INSERT INTO sessions (started_at) VALUES (?) RETURNING id", args: [now()] }));
  const sid = Number(s.rows[0][0]);
  for (const [n, stmts] of upserts.entries()) {
    await call(() => client.batch(stmts.map(([sql, args]) => ({ sql, args })), "deferred"));
    if (n % 5 === 0) await call(() => client.execute({ sql: EVENT, args: [sid, "memory_store", JSON.stringify({ n }), now(), sid, sid] }));
  }
  await call(() => client.execute({ sql: "UPDATE sessions SET ended_at = ?, end_trigger = 'explicit' WHERE id = ?", args: [now(), sid] }));
  client.close();
})().catch(e => { console.error(String(e.message || e)); process.exit(1); });
"""


def node_writer(url, token, worker, stores, timeout, barrier, queue):
    try:
        statements = upserts(worker, stores)
        script = NODE_WRITER.replace("EVENT", json.dumps(EVENT))
        barrier.wait(60)
        done = subprocess.run(["node", "-e", script, url, token, str(timeout)], input=json.dumps(statements),
                              cwd=NODE_MODULES, capture_output=True, text=True, timeout=600)
        tail = (done.stderr.strip().splitlines() or [""])[-1][:300]
        queue.put(("ok", worker, "") if done.returncode == 0 else ("error", worker, tail))
    except BaseException as e:
        queue.put(("error", worker, f"{type(e).__name__}: {e}"[:300]))


WRITERS = {"pkg": pkg_writer, "raw": raw_writer, "node": node_writer}


# -- one run ------------------------------------------------------------------------------------------------------------


def one_run(client: str, kind: str, stores: int, timeout: float, sqld_args: tuple[str, ...], root: Path):
    import jarvis_memory

    keys = JwtKeys.generate()
    with Sqld(root, keys=keys, args=sqld_args) as server:
        with jarvis_memory.Database(server.http_url, keys.full_access) as db:
            db.migrate()
        ctx = mp.get_context("spawn")
        queue, barrier = ctx.Queue(), ctx.Barrier(WORKERS)
        procs = [ctx.Process(target=WRITERS[client], args=(server.url(kind), keys.full_access, w, stores, timeout,
                                                            barrier, queue)) for w in range(WORKERS)]
        started = time.monotonic()
        for p in procs:
            p.start()
        results = []
        for _ in procs:
            try:
                results.append(queue.get(timeout=stores * timeout))
            except Exception:
                results.append(("error", -1, "no report"))
        for p in procs:
            p.join(10)
            if p.is_alive():
                p.kill()
        elapsed = time.monotonic() - started
        return elapsed, [r for r in results if r[0] != "ok"], _last_insert(server, keys.full_access)


def _last_insert(server: Sqld, token: str) -> str:
    body = {"requests": [{"type": "execute", "stmt": {"sql": "INSERT INTO sessions (started_at) VALUES ('x')"}},
                         {"type": "close"}]}
    request = urllib.request.Request(server.http_url + "/v2/pipeline", data=json.dumps(body).encode(), method="POST",
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(request, timeout=8) as answer:
            result = json.load(answer)["results"][0]
        return "ok" if result["type"] == "ok" else f"error {result['error'].get('code')}"
    except Exception as e:
        return f"no answer ({type(e).__name__})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("client", choices=sorted(WRITERS))
    parser.add_argument("kind", choices=["ws", "http"])
    parser.add_argument("--runs", type=int, default=8)
    parser.add_argument("--stores", type=int, default=300)
    parser.add_argument("--timeout", type=float, default=8.0)
    parser.add_argument("--sqld-arg", action="append", default=[], help="an option for sqld, e.g. --sqld-arg=--x=1")
    args = parser.parse_args()
    stalls = 0
    for run in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="sqld-stall-") as root:
            elapsed, errors, last = one_run(args.client, args.kind, args.stores, args.timeout,
                                            tuple(args.sqld_arg), Path(root))
        stalled = bool(errors) or last != "ok"
        stalls += stalled
        print(f"{args.client} {args.kind} run {run}: {elapsed:.1f} s, {len(errors)} writers failed,"
              f" last insert {last}: {'STALLED' if stalled else 'ok'}", flush=True)
        for error in errors[:1]:
            print("   ", error[2], flush=True)
    print(f"{args.client} {args.kind}: {stalls}/{args.runs} runs stalled", flush=True)


if __name__ == "__main__":
    main()
