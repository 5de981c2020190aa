# Two commands on a fresh machine with Python 3.11:  `make demo`  and  `make test`.
# Everything installs from pyproject.toml into .venv; nothing is installed by hand.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared

.PHONY: demo test install install-test browser eval bench clean

# pip 23 installs trafilatura without lxml_html_clean: upgrade pip inside the venv first.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# The dashboard's browser tests drive Debian's chromium (never `playwright install`, which downloads).
browser:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's chromium for the browser tests"; \
		(apt-get install -y -qq chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium)) ; \
	else echo "chromium not found and not root: browser tests will be skipped"; fi

demo: install
	$(BIN)/detente demo

test: install-test browser
	$(BIN)/python -m pytest -q

# Quality on the development sets in $(SHARED) with the maintainers' scorers (slow; not part of `make test`).
eval: install
	$(BIN)/python tools/run_eval.py --shared $(SHARED)

# Speed: pages/s per stage against trafilatura alone and the spaCy parse (not part of `make test`).
bench: install
	$(BIN)/python tools/bench.py --shared $(SHARED)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache detente-demo.duckdb
