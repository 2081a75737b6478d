# Daily commands for the careerlib workbook. `make help` lists them.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
OUT    ?= reports

.DEFAULT_GOAL := help
.PHONY: help setup reports test test-fast browser lab bench strip clean

help: ## list the commands
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

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

test: setup browser ## run every test: library, CLI, notebooks (nbval), real browser
	$(BIN)/python -m pytest --nbval-lax tests notebooks

test-fast: setup ## library tests only (no notebooks, no browser)
	$(BIN)/python -m pytest tests -m "not browser and not slow"

lab: setup ## open the workbook in JupyterLab
	$(BIN)/jupyter lab notebooks/

bench: setup ## print the benchmark ratios
	$(BIN)/python benchmarks/bench_reports.py
	$(BIN)/python benchmarks/bench_roi.py
	$(BIN)/python benchmarks/bench_import.py

strip: setup ## remove outputs from the notebooks before committing
	$(BIN)/nbstripout notebooks/*.ipynb

clean: ## remove generated reports and caches (keeps .venv and your data)
	rm -rf $(OUT) test-artifacts .pytest_cache .hypothesis
