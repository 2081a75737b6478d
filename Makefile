# Daily commands for the careerlib workbook. `make help` lists them.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
OUT    ?= reports
LINTED := careerlib tests benchmarks
# Test processes (pytest-xdist): one per core, at most 4 (a test starts kernels, browsers and
# reports of its own, so more workers mostly add memory). CI's machine has 2 cores.
# `make test TEST_WORKERS=0` runs everything in one process.
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); [ "$$n" -gt 4 ] && n=4; echo $$n)

.DEFAULT_GOAL := help
.PHONY: help setup reports test test-fast lint format browser lab bench strip clean plotly-bundle

help: ## list the commands
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

setup: $(VENV)/.installed ## create .venv and install careerlib with its test tools

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@# Keep notebook outputs (personal data) out of commits.
	@git rev-parse --git-dir >/dev/null 2>&1 && $(BIN)/nbstripout --install --attributes .gitattributes || true
	@touch $@

reports: setup ## run every report on the sample data into reports/
	$(BIN)/careerlib report --all --out $(OUT)

browser: ## install Debian's chromium for the browser tests, if missing
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  else echo "browser tests need Debian's chromium: sudo apt-get install -y chromium"; exit 1; fi; }

test: setup browser ## run every test: library, CLI, notebooks (nbval), real browser; on every core
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --nbval-lax tests notebooks

test-fast: setup ## library tests only (no notebooks, no browser); on every core
	$(BIN)/python -m pytest -n $(TEST_WORKERS) tests -m "not browser and not slow"

lint: setup ## check style and common mistakes with ruff (settings in pyproject.toml); changes nothing
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)

format: setup ## format the code and sort imports with ruff (then review the diff)
	$(BIN)/ruff check --fix --select I $(LINTED)
	$(BIN)/ruff format $(LINTED)

lab: setup ## open the workbook in JupyterLab
	$(BIN)/jupyter lab notebooks/

bench: setup ## print the benchmark ratios
	$(BIN)/python benchmarks/bench_reports.py
	$(BIN)/python benchmarks/bench_roi.py
	$(BIN)/python benchmarks/bench_import.py
	$(BIN)/python benchmarks/bench_offers.py

plotly-bundle: setup ## rebuild the partial plotly.js the reports embed (needs node and npm; CI does not)
	$(BIN)/python scripts/build_plotly_bundle.py

strip: setup ## remove outputs from the notebooks before committing
	$(BIN)/nbstripout notebooks/*.ipynb

clean: ## remove generated reports and caches (keeps .venv and your data)
	rm -rf $(OUT) test-artifacts .pytest_cache .hypothesis
