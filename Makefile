# Two commands on a fresh machine: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEV_ENV := DEBUG=1
TEST_ENV := DJANGO_SETTINGS_MODULE=onemg_planner.settings_test

.PHONY: run test lint check pytest pytest-sqlite pytest-postgres two-servers system-deps venv serve clean

venv: $(STAMP)
$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

system-deps:
	scripts/system-deps.sh

run: venv system-deps
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py seed_demo
	# The background worker (PDF renders, e-mail, digests, reminders: manage.py run_worker) runs beside the web
	# server and stops with it.
	$(DEV_ENV) $(PY) manage.py run_worker & trap "kill $$!" EXIT; $(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:8000

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: venv
	$(TEST_ENV) $(PY) manage.py check
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run

pytest-sqlite: venv
	$(TEST_ENV) $(VENV)/bin/pytest -n 2 -q

# The accessibility walk (every page for every role through axe-core) checks HTML, which does not depend on
# the database: it runs in the SQLite pass only and saves about 1.5 minutes here. Every other browser flow runs
# on both databases (an invitation's row lock once failed on PostgreSQL alone).
pytest-postgres: venv system-deps
	$(TEST_ENV) scripts/with-postgres.sh $(VENV)/bin/pytest -n 2 -q --ignore=tests/browser/test_accessibility.py

# Two gunicorns and one worker against one throwaway PostgreSQL: sessions, presence, the cache and PDF jobs are
# shared across app machines (about 40 s).
two-servers: venv system-deps
	scripts/two_servers.sh

test: venv system-deps lint check pytest-sqlite pytest-postgres two-servers

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
