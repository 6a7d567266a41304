# MHAP Hub. `make run` serves the seeded demo; `make test` runs the whole suite.
# Everything lives in .venv, created from the Python that `python3` finds
# (pyenv reads .python-version). Django 6 needs Python 3.12 or newer.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint audit bench format migrate seed check-python clean help

help:
	@echo "make run     - install, migrate, seed the demo and serve it at http://$(HOST):$(PORT) with a Celery worker and beat"
	@echo "make test    - the whole test suite (PostgreSQL and Redis when DATABASE_URL and REDIS_URL are set)"
	@echo "make lint    - ruff (lint and format check) and djLint"
	@echo "make audit   - the security gates: check --deploy, security lint, CSP, login, GET, uploads"
	@echo "make bench   - issue 12's performance figures on PostgreSQL (needs DATABASE_URL)"
	@echo "make format  - let ruff and djLint rewrite files"

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null || { \
	  echo "MHAP Hub needs Python 3.12 or newer; '$(PYTHON)' is $$($(PYTHON) --version 2>&1)."; \
	  echo "Install Python 3.12 (for example 'pyenv install 3.12' or your system's python3.12 package),"; \
	  echo "or point make at one: make run PYTHON=/path/to/python3.12"; \
	  exit 1; }

$(STAMP): pyproject.toml | check-python
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[dev]"
	@touch $(STAMP)

migrate: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py migrate --no-input

seed: migrate
	DEBUG=1 $(BIN)/python manage.py seed_demo

# Web, Celery worker and Celery beat in one terminal; Ctrl-C stops all three.
run: seed
	DEBUG=1 ADMIN_MFA_REQUIRED=0 HOST=$(HOST) PORT=$(PORT) $(BIN)/python bin/devserver.py

# PYTEST_ARGS narrows a run (.ci/run passes -m "not audit" after `make audit`).
test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates --lint

# The security gates; fails on any finding. The tests marked `audit` run
# check --deploy with production values and check every page of the
# permission matrix (tests/audit/). pip-audit needs a vulnerability database
# online, so maintainers run it by hand (README, "Security").
audit: $(STAMP)
	$(BIN)/ruff check --select S --no-cache .
	$(BIN)/python -m pytest -m audit

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djlint templates --reformat

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

# Issue 12's figures on PostgreSQL (DATABASE_URL), each a ratio measured side
# by side; its own databases <name>_bench_1k, _100k and _mail are built once and
# reused. Prints every figure and writes bench/results.json.
bench: $(STAMP)
	$(BIN)/python -m bench
