"""The reports and their index as a person reads them: in headless Chromium with JavaScript off, as a mail
client, a file preview or a printed page shows them.

One tiny demo (built for a fixed day) is reported once for the module; every page of that run is loaded
and read: no ITables message, every table complete (or cut with a link to its complete CSV), no raw
``[…]`` lists or ISO strings, numbers right-aligned, text left-aligned, dates unwrapped; the index
labels and formats each figure exactly as the report's own table does.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason=(
    "reading the reports as a person does needs headless Chromium: Debian's chromium and chromium-driver "
    "(make browser, or apt-get install chromium chromium-driver)"))

CLI = [str(Path(sys.executable).with_name("jarvis-memory"))]
UNTIL = "2026-10-31"  # the day after the fixture's: every figure is measured at a fixed moment
NUMBER = re.compile(r"[−+-]?\d[\d,]*(\.\d+)?(%| days| minutes| [kMG]?B| bytes)?")
ISO_TEXT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")
# Everything a table shows, read in one call: the page itself runs no script.
READ_TABLES = """return [...document.querySelectorAll('table')].map(t => ({
  caption: t.caption ? t.caption.textContent.trim() : '',
  links: t.caption ? [...t.caption.querySelectorAll('a')].map(a => a.getAttribute('href')) : [],
  header: [...t.querySelectorAll('thead th')].map(th => th.textContent.trim()),
  rows: [...t.querySelectorAll('tbody tr')].map(tr => [...tr.children].map(c => {
    const s = getComputedStyle(c);
    return {text: c.textContent.trim(), align: s.textAlign, wrap: s.whiteSpace};
  })),
}));"""


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    home = tmp_path_factory.mktemp("chromium")  # its profile and caches: never the user's home
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,900",
                "--hide-scrollbars", f"--user-data-dir={home / 'profile'}"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    env = {"HOME": str(home), "XDG_CONFIG_HOME": str(home), "XDG_CACHE_HOME": str(home), "PATH": "/usr/bin:/bin"}
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER, env=env), options=options)
    try:
        driver.get("data:text/html,<title>static</title><script>document.title = 'scripted'</script>")
        assert driver.title == "static"  # JavaScript is off
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """``report --all`` on a tiny demo built for a fixed day; the run folder and the output folder."""
    from conftest import cli_env
    from jarvis_memory.demo import FIXTURE_AS_OF, build

    db = tmp_path_factory.mktemp("demo") / "demo.db"
    build(db, size="tiny", seed=7, as_of=FIXTURE_AS_OF)
    out = tmp_path_factory.mktemp("reports")
    result = subprocess.run(CLI + ["report", "--all", "--until", UNTIL, "--out", str(out)], env=cli_env(db.as_uri()),
                            capture_output=True, text=True, timeout=900, cwd=tmp_path_factory.mktemp("cwd"))
    assert result.returncode == 0, result.stdout + result.stderr
    [run] = [p for p in out.iterdir() if p.is_dir()]
    return run, out


def read(browser, page: Path) -> tuple[str, list[dict]]:
    browser.get(page.as_uri())
    return browser.find_element("tag name", "body").text, browser.execute_script(READ_TABLES)


def test_every_report_is_complete_and_readable_without_javascript(browser, reports):
    run, _ = reports
    pages = sorted(run.glob("*.html"))
    assert {p.stem for p in pages} == {"dedup_audit", "session_summary", "usage_report"}
    for page in pages:
        text, tables = read(browser, page)
        assert "ITables" not in text and "init_notebook_mode" not in text and "trusted" not in text, page.name
        assert not re.search(r"rows? not shown", text), page.name
        assert tables, page.name
        for table in tables:
            _complete(table, run, page.name)
            for row in table["rows"]:
                for cell in row:
                    _readable(cell, page.name)


def _complete(table: dict, run: Path, page: str) -> None:
    """A table shows every row its caption counts, or says it is cut and links the complete list beside it."""
    cut = re.fullmatch(r"First ([\d,]+) of ([\d,]+) (.+) shown; all of them: (\S+)", table["caption"])
    counted = re.fullmatch(r"([\d,]+) (.+)", table["caption"])
    if cut:
        assert table["links"] == [cut[4]] and len(table["rows"]) == int(cut[1].replace(",", "")), (page, table["caption"])
        assert len(pd.read_csv(run / cut[4])) == int(cut[2].replace(",", "")), (page, table["caption"])
    elif counted:
        assert len(table["rows"]) == int(counted[1].replace(",", "")), (page, table["caption"])
    assert "shown" not in table["caption"] or cut, (page, table["caption"])


def _readable(cell: dict, page: str) -> None:
    text = cell["text"]
    assert not re.fullmatch(r"\[.*\]", text, re.S), (page, text)  # a Python/JSON list
    assert not ISO_TEXT.search(text), (page, text)  # a time as stored, not as read
    if NUMBER.fullmatch(text):
        assert cell["align"] == "right" and cell["wrap"] == "nowrap", (page, text, cell)
    elif re.match(r"\d{4}-\d\d-\d\d", text):
        assert cell["align"] == "left" and cell["wrap"] == "nowrap", (page, text, cell)
    elif re.search(r"[A-Za-z]{3}", text):
        assert cell["align"] == "left", (page, text, cell)


def test_the_index_reads_as_the_reports_do(browser, reports):
    run, out = reports
    text, tables = read(browser, out / "index.html")
    assert len(re.findall(r"^Database file:", text, re.M)) == 1 and "period: all time up to 31 Oct 2026" in text
    assert text.count("First run of this report on this database for this period: no change or trend yet.") == 3
    assert len(tables) == 3 and all(t["header"] == ["figure", "value"] for t in tables)  # no empty columns
    for name, table in zip(("dedup_audit", "session_summary", "usage_report"), tables):
        declared = json.loads((run / f"{name}.ipynb").read_text())["metadata"]["jarvis_memory"]["headline"]
        labels = {d["name"]: d["label"] for d in declared}
        index = {row[0]["text"]: row[1]["text"] for row in table["rows"]}
        assert list(index) == list(labels.values()), name  # every figure, labelled, in the declared order
        for row in table["rows"]:
            _readable(row[1], "index")
        _, report_tables = read(browser, run / f"{name}.html")
        [own] = [t for t in report_tables if t["header"] == ["figure", "value"] and not t["caption"]]
        assert index == {row[0]["text"]: row[1]["text"] for row in own["rows"]}, name  # the same words and formats

