"""The review loop in a real browser: JupyterLab (started here, on a free loopback port, with private Jupyter
folders) opened in headless Chromium through chromedriver (selenium); the dedup notebook run on a tiny demo,
two items marked with its buttons, the decisions saved, then `dedup apply` (dry run, then --apply) and
`dedup undo`, the database checked each time.  Skipped, with the reason, where no browser is installed."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

import jarvis_memory
from conftest import cli_env
from jarvis_memory import timestamps
from jarvis_memory.reports import runner

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
CHROMEDRIVER = shutil.which("chromedriver")
selenium = pytest.importorskip("selenium", reason="selenium is not installed (the `test` extra installs it)")
pytest.importorskip("jupyterlab", reason="jupyterlab is not installed (the `test` extra installs it)")
pytestmark = [pytest.mark.slow, pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER),
                                                    reason="no Chromium and chromedriver on PATH")]
WAIT = 180  # seconds for JupyterLab to start and the notebook to run on the tiny demo (2 busy cores)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[tuple[str, str, Path, dict[str, str]]]:
    """(its URL, its token, the folder it serves, its environment): JupyterLab whose config, data, runtime and
    IPython folders are in tmp_path, with a kernelspec `python3` for this interpreter, stopped afterwards."""
    from ipykernel.kernelspec import write_kernel_spec

    private = tmp_path / "user"
    env = cli_env() | {var: str(private / name) for var, name in
                       {"JUPYTER_CONFIG_DIR": "config", "JUPYTER_DATA_DIR": "data", "JUPYTER_RUNTIME_DIR": "runtime",
                        "IPYTHONDIR": "ipython", "MPLCONFIGDIR": "matplotlib", "HOME": "home"}.items()}
    env["JUPYTER_PATH"] = env["JUPYTER_DATA_DIR"]
    write_kernel_spec(str(private / "data" / "kernels" / "python3"), overrides={"display_name": "Python 3"})
    labconfig = private / "config" / "labconfig"
    labconfig.mkdir(parents=True)  # no news prompt over the page
    (labconfig / "page_config.json").write_text(json.dumps(
        {"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}}))
    settings = private / "config" / "lab" / "user-settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)  # the notebook's kernel starts without a "Select Kernel" dialog
    (settings / "tracker.jupyterlab-settings").write_text(json.dumps({"autoStartDefaultKernel": True}))
    served = tmp_path / "served"
    served.mkdir()
    port, token = _free_port(), os.urandom(12).hex()
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
         "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={served}",
         "--allow-root",  # as CI runs (JupyterLab refuses root without it)
         "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         "--LabApp.extension_manager=readonly"],  # no extension listings fetched
        env=env, stdout=subprocess.DEVNULL, stderr=open(tmp_path / "lab.log", "wb"), start_new_session=True)
    try:
        deadline = time.monotonic() + WAIT
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=5)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("JupyterLab did not start: " + (tmp_path / "lab.log").read_text()[-2000:])
                time.sleep(0.5)
        yield f"http://127.0.0.1:{port}", token, served, env
    finally:
        with contextlib.suppress(ProcessLookupError):  # its own session: the server and the kernels it started
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        server.wait()


@pytest.fixture
def browser(tmp_path: Path):
    """Headless Chromium driven by chromedriver."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--user-data-dir={tmp_path / 'chromium'}", "--window-size=1400,1000"):
        options.add_argument(arg)
    home = {"HOME": str(tmp_path / "user" / "home"), "XDG_CONFIG_HOME": str(tmp_path / "user" / "xdg-config"),
            "XDG_CACHE_HOME": str(tmp_path / "user" / "xdg-cache")}
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER, env=os.environ | home), options=options)
    try:
        yield driver
    finally:
        driver.quit()


@contextlib.contextmanager
def screenshot_on_failure(driver, path: Path) -> Iterator[None]:
    """What the page showed when a step failed, in ``path``."""
    try:
        yield
    except BaseException:
        driver.save_screenshot(str(path))
        raise


def dump(url: str) -> dict[str, list[dict]]:
    with jarvis_memory.Database(url) as db:
        return {"memory_entries": db.query("SELECT * FROM memory_entries ORDER BY id"),
                "log": db.query("SELECT removed_id, survivor_id, decision, undone_at IS NULL AS active"
                                " FROM jm_memory_merges ORDER BY merge_id")}


def jarvis(url: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(Path(sys.executable).with_name("jarvis-memory")), "--url", url, *args],
                          env=cli_env(), capture_output=True, text=True, timeout=120)


def test_review_in_jupyterlab_then_apply_and_undo(lab, browser, tmp_path):
    import nbformat
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.select import Select
    from selenium.webdriver.support.ui import WebDriverWait

    from jarvis_memory.analysis import dedup
    from jarvis_memory.analysis.dedup.review import review_items
    from jarvis_memory.analysis.load import load
    from jarvis_memory.demo import FIXTURE_AS_OF, build

    base, token, served, _ = lab
    build(tmp_path / "demo.db", size="tiny", seed=7, as_of=FIXTURE_AS_OF)
    url = (tmp_path / "demo.db").as_uri()
    with jarvis_memory.Database(url) as db:
        db.ready()  # the CLI's writes migrate it anyway; the notebook reads it read-only
    out = tmp_path / "out"
    nb = load_notebook_node(str(runner.available()["dedup_audit"]))
    nb = parameterize_notebook(nb, {"database_url": url, "output_dir": str(out), "eval_set": str(tmp_path / "none")})
    nbformat.write(nb, served / "dedup_audit.ipynb")
    # What the panel will offer, read the way the notebook reads it: the test picks from it, never hard-codes ids.
    memories = load(url).memories
    items = review_items(memories, dedup.candidates(memories), dedup.review_queue(memories)).set_index("item")
    variant = "group 1"
    duplicate = next(name for name in items.index[10:] if name.startswith("duplicates"))  # on the second page
    before = dump(url)

    wait = WebDriverWait(browser, WAIT)

    def item_box(name: str):
        return wait.until(ec.presence_of_element_located(
            (By.XPATH, f"//div[contains(@class,'jm-review-item')][.//strong[text()='{name}']]")))

    def choose(name: str, action: str) -> None:
        box = item_box(name)
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
        box.find_element(By.XPATH, f".//button[normalize-space()='{action}']").click()
        wait.until(lambda _: f"decided: {action}" in item_box(name).find_element(By.CSS_SELECTOR, ".jm-review-decided").text)

    with screenshot_on_failure(browser, tmp_path / "failure.png"):
        browser.get(f"{base}/lab/tree/dedup_audit.ipynb?token={token}")
        wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, ".jp-Notebook .jp-Cell")))
        idle = lambda d: "Idle" in d.find_element(By.ID, "jp-main-statusbar").text  # noqa: E731  (the kernel's state)
        wait.until(idle)
        wait.until(ec.element_to_be_clickable((By.XPATH, "//li[contains(@class,'lm-MenuBar-item')][.//*[text()='Run']]"))).click()
        wait.until(ec.element_to_be_clickable(
            (By.XPATH, "//li[contains(@class,'lm-Menu-item')][.//*[text()='Run All Cells']]"))).click()
        item_box(variant)
        wait.until(idle)
        # In JupyterLab the static copy of the items (what the report shows) gives way to the panel.
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".jm-review-card") == d.find_elements(
            By.CSS_SELECTOR, ".jm-review-item .jm-review-card"))
        choose(variant, "supersede")
        browser.find_element(By.XPATH, "//button[normalize-space()='next ▶']").click()
        choose(duplicate, "merge")
        better = items.at[duplicate, "ids"][0]  # the newest, not the older the merge keeps by default
        Select(item_box(duplicate).find_element(By.TAG_NAME, "select")).select_by_visible_text(f"#{better}")
        wait.until(lambda _: f"keep #{better}" in item_box(duplicate).find_element(By.CSS_SELECTOR, ".jm-review-decided").text)
        browser.find_element(By.CSS_SELECTOR, ".jm-review-save").click()
        wait.until(lambda d: "saved" in d.find_element(By.CSS_SELECTOR, ".jm-review-status").text)
    decisions = out / "dedup_decisions.csv"
    assert decisions.is_file()

    dry = jarvis(url, "dedup", "apply", str(decisions))
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert dump(url) == before
    started = timestamps.now()
    done = jarvis(url, "dedup", "apply", "--apply", str(decisions))
    assert done.returncode == 0, done.stdout + done.stderr
    after = dump(url)
    rows = {r["id"] for r in after["memory_entries"]}
    newest, *older = items.at[variant, "ids"]
    assert newest in rows and not rows & set(older)
    assert better in rows and not rows & (set(items.at[duplicate, "ids"]) - {better})
    assert {(r["removed_id"], r["survivor_id"], r["decision"]) for r in after["log"]} == (
        {(i, newest, "supersede") for i in older} | {(i, better, "merge") for i in items.at[duplicate, "ids"][1:]})
    undone = jarvis(url, "dedup", "undo", "--all-since", started)
    assert undone.returncode == 0, undone.stdout + undone.stderr
    assert dump(url)["memory_entries"] == before["memory_entries"]
