"""The package layout (issue 15): layers checked by import-linter, no private names across
sub-packages, no module over 400 lines without a reason at its top."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "jarvis_memory"
SUB_PACKAGES = {"store", "analysis", "reports", "demo"}
MAX_LINES = 400


def modules():
    return sorted(PACKAGE.rglob("*.py"))


def dotted(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def area(module: str) -> str:
    """``store``, ``analysis``… for a sub-package's modules; the module itself for a base module."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in SUB_PACKAGES else ".".join(parts[:2])


def test_import_contracts_are_kept():
    """cli → reports → analysis → store; only the CLI imports the demo; base modules import no sub-package."""
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--no-cache"], cwd=PACKAGE.parent, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "4 kept, 0 broken" in result.stdout


def private_imports_across_sub_packages():
    found = []
    for path in modules():
        here = dotted(path)
        package = here if path.name == "__init__.py" else here.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom):
                continue
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("jarvis_memory"):
                continue
            names = [target + "." + a.name for a in node.names]
            for name in names:
                inside = name[len("jarvis_memory."):].split(".")
                if area(name) != area(here) and any(p.startswith("_") and not p.startswith("__") for p in inside):
                    found.append(f"{here} imports {name}")
    return found


def test_no_private_name_is_imported_across_sub_packages():
    assert private_imports_across_sub_packages() == []


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_a_long_module_says_why_at_its_top(path):
    text = path.read_text(encoding="utf-8")
    lines = text.count("\n")
    assert lines <= MAX_LINES or "Why one module" in (ast.get_docstring(ast.parse(text)) or ""), (
        f"{path.name} has {lines} lines: split it, or say why it is one module at its top ('Why one module: …')")
