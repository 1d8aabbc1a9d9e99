"""The report index: one section per database, its latest run in full with its figures' history, earlier runs listed.

A run is a folder ``OUT/YYYY-MM-DD`` (``.2``, ``.3`` … for a later run that day)
holding ``NAME.{ipynb,html,json}`` per report and ``run.json`` (database URL
without credentials, period, each notebook's status).  Every headline figure is
labelled and formatted as its notebook declares (the reports' own formats,
:mod:`.tables`); a numeric one shows its change since the previous run of the same
report on the same database and a sparkline of its last runs.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from ..errors import JarvisMemoryError
from ..files import atomic_write

RUN_FILE = "run.json"
HISTORY_RUNS = 30  # how many past runs a sparkline covers
_RUN_FOLDER = re.compile(r"\d{4}-\d{2}-\d{2}(?:\.\d+)?")

_INDEX = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Jarvis memory reports</title>
<style>
body{font-family:system-ui,sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem;color:#222}
h2{border-bottom:1px solid #ccc;padding-bottom:.2rem}.meta{color:#555;margin:.2rem 0}
table{border-collapse:collapse;margin:.3rem 0 1rem}td,th{padding:.1rem .6rem;text-align:left;vertical-align:top}
th{font-weight:normal}thead th{font-weight:bold}td.v,td.d,thead th.v,thead th.d{text-align:right;white-space:nowrap;
font-variant-numeric:tabular-nums}td.d{color:#555}.note{color:#555;font-style:italic}
.failed{color:#b00}.ok{color:#070}svg{vertical-align:middle}li{margin:.2rem 0}
</style></head><body>
<h1>Jarvis memory reports</h1>
{% for db in databases %}{% set run = db.latest %}<h2>Database <code>{{ db.database }}</code></h2>
<p class="meta">Latest run: {{ run.title }} · period: {{ run.period }}</p>
{% for r in run.reports %}<h3><a href="{{ run.folder }}/{{ r.name }}.html">{{ r.title }}</a>
{% if r.failed %}<span class="failed">FAILED</span>{% elif r.ok %}<span class="ok">ok</span>{% endif %}
<small>(<a href="{{ run.folder }}/{{ r.name }}.ipynb">notebook</a>)</small></h3>
{% for problem in r.problems %}<p class="failed">{{ problem }}</p>{% endfor %}
{% if r.figures is none %}<p class="failed">No headline figures: the run failed or is incomplete; see the notebook.</p>
{% else %}{% if not r.history %}<p class="note">First run of this report on this database for this period: no change or trend yet.</p>{% endif %}
<table><thead><tr><th>figure</th><th class="v">value</th>{% if r.history %}<th class="d">since previous run</th>
<th>trend</th>{% endif %}</tr></thead><tbody>
{% for f in r.figures %}<tr><th scope="row">{{ f.label }}</th><td class="v">{{ f.value }}</td>{% if r.history %}
<td class="d">{{ f.change }}</td><td>{{ f.sparkline | safe }}</td>{% endif %}</tr>
{% endfor %}</tbody></table>
{% endif %}{% endfor %}
{% if db.earlier %}<h3>Earlier runs of this database</h3><ul>
{% for run in db.earlier %}<li>{{ run.title }} · {{ run.period }}:
{% for r in run.reports %}<a href="{{ run.folder }}/{{ r.name }}.html">{{ r.title }}</a>{% if r.failed %}
<span class="failed">FAILED</span>{% endif %}{{ "," if not loop.last }} {% endfor %}</li>
{% endfor %}</ul>{% endif %}
{% else %}<p>No reports yet.</p>{% endfor %}
</body></html>
"""


def read_headline(path: Path) -> dict[str, Any]:
    """A report's ``NAME.json``: its headline figures as a dict; ValueError if it is not a JSON object."""
    figures = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(figures, dict):
        raise ValueError("not a JSON object")
    return figures


def write_index(out_dir: Path) -> Path:
    """Rewrite ``out_dir/index.html`` from the run folders in it; returns its path.

    One section per database (newest first): its latest run in full, each figure labelled and
    formatted as its notebook declares (:func:`.tables.declared`, read from the run's executed
    notebook) with its change since the previous run of that report on that database over the same
    kind of period, and a trend; the database's earlier runs listed.  Figures of runs against other
    databases or periods never count as the history of this one.  A failed notebook or matched
    ``fail_on`` rule is shown with its message.
    """
    import jinja2

    runs = [_read_run(folder) for folder in sorted(
        (p for p in out_dir.iterdir() if p.is_dir() and _RUN_FOLDER.fullmatch(p.name)), key=_run_order)]
    runs = [run for run in runs if run["reports"]]
    history: dict[tuple, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))  # series -> figure -> values
    for run in runs:  # oldest first: each figure's numbers in the order of the runs
        for r in run["reports"]:
            for name, value in (r["figures"] or {}).items():
                if _number(value) is not None:
                    history[_series(run, r)][name].append(_number(value))
    databases: dict[str, dict[str, Any]] = {}
    for run in reversed(runs):  # newest first: each database's newest run in full, the others listed
        if run["database"] in databases:
            databases[run["database"]]["earlier"].append(run)
        else:
            databases[run["database"]] = {"database": run["database"], "latest": run, "earlier": []}
            for r in run["reports"]:
                _present(r, Path(out_dir, run["folder"]), history[_series(run, r)])
    page = jinja2.Environment(autoescape=True).from_string(_INDEX).render(databases=list(databases.values()))
    index = out_dir / "index.html"
    atomic_write(index, page)
    return index


def _series(run: dict[str, Any], report: dict[str, Any]) -> tuple:
    """The runs whose figures are one history: one report, on one database, over one kind of period (the
    nightly "all time up to now" runs are one series, a run ``--since 2026-11-01`` starts another)."""
    return run["database"], report["name"], run["since"], run["until"]


def _read_run(folder: Path) -> dict[str, Any]:
    from . import tables

    try:
        info = json.loads((folder / RUN_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):  # a run from before run.json, or one still starting
        info = {}
    statuses = info.get("reports", {})
    reports = []
    for html in sorted(folder.glob("*.html")):
        if html.name.startswith("."):
            continue
        try:
            figures = read_headline(html.with_suffix(".json"))
        except (OSError, ValueError):
            figures = None
        status = statuses.get(html.stem, {})
        reports.append({"name": html.stem, "title": html.stem.replace("_", " ").capitalize(), "figures": figures,
                        "ok": status.get("ok"), "failed": status.get("ok") is False,
                        "problems": status.get("problems", [])})
    started = info.get("started")
    day, _, n = folder.name.partition(".")
    try:
        title = tables.day_text(started or day) + (f" (run {n} of the day)" if n else "")
        period = tables.period_text(info.get("since"), info.get("until"), started)
    except JarvisMemoryError:  # a run.json written by hand: its words as they are
        title, period = folder.name, f"{info.get('since') or 'all time'} up to {info.get('until') or started}"
    return {"folder": folder.name, "title": title, "database": info.get("database", "unknown"), "period": period,
            "since": info.get("since"), "until": info.get("until"), "reports": reports}


def _present(report: dict[str, Any], folder: Path, history: dict[str, list[float]]) -> None:
    """Turn a report's figures into rows a person reads: label, value, change since the previous run, trend.

    ``history`` holds each figure's numbers over this database's runs, this run's last.
    """
    from . import tables

    if report["figures"] is None:
        return
    try:
        specs = tables.declared(folder / f"{report['name']}.ipynb")
    except (OSError, ValueError, KeyError, TypeError, JarvisMemoryError):  # no notebook, or one of the user's
        specs = {}
    values = report["figures"]
    names = [n for n in specs if n in values] + [n for n in values if n not in specs]
    rows, report["history"] = [], False
    for name in names:
        spec = specs.get(name) or tables.Figure.undeclared(name)
        past = history.get(name, []) if _number(values[name]) is not None else []
        row = {"label": spec.label, "value": tables.figure_text(values[name], spec), "change": "", "sparkline": ""}
        if len(past) >= 2:
            report["history"] = True
            row["change"] = tables.change_text(past[-1], past[-2], spec)
            row["sparkline"] = sparkline(past[-HISTORY_RUNS:])
        elif past:
            row["change"] = "first value: no trend yet"
        rows.append(row)
    report["figures"] = rows


def _run_order(folder: Path) -> tuple[str, int]:
    day, _, n = folder.name.partition(".")
    return day, int(n or 1)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def sparkline(values: list[float], width: int = 90, height: int = 18) -> str:
    """An inline SVG polyline of ``values`` (oldest first), with the last point marked; "" for fewer than 2.

    Hand-written: a dozen lines of SVG, where a plotting library would render one image per figure per run.
    """
    if len(values) < 2:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    step = width / (len(values) - 1)
    points = [(i * step, height - 2 - (v - low) / span * (height - 4)) for i, v in enumerate(values)]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    x, y = points[-1]
    return (f'<svg width="{width + 4}" height="{height}" role="img" aria-label="trend of the last {len(values)} runs">'
            f'<polyline points="{line}" fill="none" stroke="#36c" stroke-width="1.5"/>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2" fill="#36c"/></svg>')
