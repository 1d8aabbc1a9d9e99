"""The report index: each database's latest run in full, with its figures' history; earlier runs listed.

A run is a folder ``OUT/YYYY-MM-DD`` (``.2``, ``.3`` … for a later run that day)
holding ``NAME.{ipynb,html,json}`` per report and ``run.json`` (database URL
without credentials, period, each notebook's status).  For every numeric
headline figure the index shows the change since the previous run of the same
report on the same database, and a sparkline of its last runs.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from ..files import atomic_write

RUN_FILE = "run.json"
HISTORY_RUNS = 30  # how many past runs a sparkline covers
_RUN_FOLDER = re.compile(r"\d{4}-\d{2}-\d{2}(?:\.\d+)?")

_INDEX = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Jarvis memory reports</title>
<style>
body{font-family:system-ui,sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem;color:#222}
h2{border-bottom:1px solid #ccc;padding-bottom:.2rem}.meta{color:#555;margin:.2rem 0}
table{border-collapse:collapse;margin:.3rem 0 1rem}td,th{padding:.1rem .6rem;text-align:left}
td.v,td.d{text-align:right;font-variant-numeric:tabular-nums}td.d{color:#555}
.failed{color:#b00}.ok{color:#070}svg{vertical-align:middle}li{margin:.2rem 0}
</style></head><body>
<h1>Jarvis memory reports</h1>
{% for run in latest %}<h2>Latest: {{ run.title }}</h2>
<p class="meta">Database: <code>{{ run.database }}</code> · period: {{ run.period }}</p>
{% for r in run.reports %}<h3><a href="{{ run.folder }}/{{ r.name }}.html">{{ r.name }}</a>
{% if r.failed %}<span class="failed">FAILED</span>{% elif r.ok %}<span class="ok">ok</span>{% endif %}
<small>(<a href="{{ run.folder }}/{{ r.name }}.ipynb">notebook</a>)</small></h3>
{% for problem in r.problems %}<p class="failed">{{ problem }}</p>{% endfor %}
{% if r.figures is none %}<p class="failed">No headline figures: the run failed or is incomplete; see the notebook.</p>
{% else %}<table><tr><th>figure</th><th>value</th><th>since previous run</th><th>trend</th></tr>
{% for f in r.figures %}<tr><th>{{ f.name }}</th><td class="v">{{ f.value }}</td><td class="d">{{ f.change }}</td>
<td>{{ f.sparkline | safe }}</td></tr>{% endfor %}</table>
{% endif %}{% endfor %}{% else %}<p>No reports yet.</p>{% endfor %}
{% if earlier %}<h2>Earlier runs</h2><ul>
{% for run in earlier %}<li>{{ run.title }} · <code>{{ run.database }}</code> · {{ run.period }}:
{% for r in run.reports %}<a href="{{ run.folder }}/{{ r.name }}.html">{{ r.name }}</a>{% if r.failed %}
<span class="failed">FAILED</span>{% endif %}{{ "," if not loop.last }} {% endfor %}</li>
{% endfor %}</ul>{% endif %}
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

    A failed notebook or matched ``fail_on`` rule is shown with its message.  Figures of
    runs against other databases never count as the history of this one.
    """
    import jinja2

    runs = [_read_run(folder) for folder in sorted(
        (p for p in out_dir.iterdir() if p.is_dir() and _RUN_FOLDER.fullmatch(p.name)), key=_run_order)]
    runs = [run for run in runs if run["reports"]]
    history: dict[tuple[str, str, str], list[float]] = defaultdict(list)  # (database, report, figure) -> values
    for run in runs:  # oldest first, so each run sees only the runs before it
        for r in run["reports"]:
            for f in r["figures"] or []:
                _add_history(f, history[run["database"], r["name"], f["name"]])
    latest, earlier, seen = [], [], set()
    for run in reversed(runs):  # newest first: each database's newest run in full, the others listed
        (earlier if run["database"] in seen else latest).append(run)
        seen.add(run["database"])
    page = jinja2.Environment(autoescape=True).from_string(_INDEX).render(latest=latest, earlier=earlier)
    index = out_dir / "index.html"
    atomic_write(index, page)
    return index


def _read_run(folder: Path) -> dict[str, Any]:
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
            figures = [{"name": k, "raw": v} for k, v in read_headline(html.with_suffix(".json")).items()]
        except (OSError, ValueError):
            figures = None
        status = statuses.get(html.stem, {})
        reports.append({"name": html.stem, "figures": figures, "ok": status.get("ok"),
                        "failed": status.get("ok") is False, "problems": status.get("problems", [])})
    period = f"{info.get('since') or 'the beginning'} to {info.get('until') or 'the run'}"
    day, _, n = folder.name.partition(".")
    title = day + (f" (run {n})" if n else "") + (f", started {info['started'][11:16]} UTC" if info.get("started") else "")
    return {"folder": folder.name, "title": title, "database": info.get("database", "unknown"), "period": period, "reports": reports}


def _run_order(folder: Path) -> tuple[str, int]:
    day, _, n = folder.name.partition(".")
    return day, int(n or 1)


def _add_history(figure: dict[str, Any], past: list[float]) -> None:
    """Fill ``value``, ``change`` and ``sparkline`` of one figure from its own value and ``past`` (then extend it)."""
    value = figure["raw"]
    number = _number(value)
    figure["value"] = _format(value)
    figure["change"] = figure["sparkline"] = ""
    if number is None:
        return
    if past:
        delta = number - past[-1]
        figure["change"] = "no change" if delta == 0 else f"{delta:+,.4g}" + (
            f" ({delta / abs(past[-1]):+.0%})" if past[-1] else "")
    past.append(number)
    figure["sparkline"] = sparkline(past[-HISTORY_RUNS:])


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def _format(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return "—" if value is None else str(value).lower()
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1e15 else f"{value:.3e}"
    return str(value)


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
