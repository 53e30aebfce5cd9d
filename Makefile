# Quick start: `make run` (serve the demo) and `make test` (the whole suite).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint check clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# Python dependencies: declared in pyproject.toml, pinned by requirements.lock.
$(VENV)/.installed: $(PY) pyproject.toml requirements.lock
	$(PIP) install --quiet -c requirements.lock -e ".[test]"
	touch $@

# Front-end assets and test tools (Bootstrap, htmx, icons, vnu-jar, axe-core) from package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed

run: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py muat_wilayah bali
	$(PY) manage.py muat_demo
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl+C to stop); log in with a demo account listed above."
	@echo "A background worker (manage.py pekerja: imports, large exports, the daily jobs) runs beside it."
	@$(PY) manage.py pekerja & pekerja=$$!; \
	  trap 'kill $$pekerja 2>/dev/null; wait $$pekerja 2>/dev/null' EXIT; \
	  $(PY) manage.py runserver $(HOST):$(PORT)

# The suite runs in parallel (pytest-xdist), one worker per CPU, each with its own test
# database; `make test PYTEST_WORKERS=0` runs it in one process (e.g. for --pdb).
PYTEST_WORKERS ?= logical
test: install
	@if [ -x /usr/bin/chromium ] || [ -n "$$CHROMIUM_PATH" ]; then \
	  echo "Browser tests: running against the system Chromium."; \
	else \
	  echo "Browser tests: SKIPPED, no /usr/bin/chromium (apt-get install chromium). Under CI=true this fails."; \
	fi
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

# ruff, ruff-format, makemigrations --check and import-linter, as .pre-commit-config.yaml
# declares them, over every file.
lint: install
	$(VENV)/bin/pre-commit run --all-files --show-diff-on-failure

check: install
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) node_modules db.sqlite3 staticfiles var
