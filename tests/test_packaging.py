"""Packaging (issue 20, case 10): the editable install `make setup` does on a first run prints no warning of the
build backend (setuptools warned about "folders in your working directory with the same name as your package"
for the unmapped flat layout, with the import hook it then installs)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_the_editable_install_prints_no_build_backend_warning(tmp_path):
    project = tmp_path / "project"  # a copy: the build writes its egg-info beside the package
    project.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(CHECKOUT / name, project / name)
    shutil.copytree(CHECKOUT / "jarvis_memory", project / "jarvis_memory",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "tmp").mkdir()
    # --ignore-installed: pip would otherwise uninstall the running venv's own jarvis-memory first
    out = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--ignore-installed", "--prefix",
                          str(tmp_path / "prefix"), "-e", str(project)], capture_output=True, text=True,
                         timeout=540, env={**os.environ, "TMPDIR": str(tmp_path / "tmp")}, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert re.findall(r"\b\w+Warning\b", out.stdout + out.stderr) == [], out.stderr
    assert "same name as your package" not in out.stderr
    pth = list((tmp_path / "prefix").rglob("__editable__*"))  # one path entry, no import hook module
    assert len(pth) == 1 and pth[0].suffix == ".pth" and pth[0].read_text().split() == [str(project)]
