# Two commands on a fresh machine: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEV_ENV := DEBUG=1
TEST_ENV := DJANGO_SETTINGS_MODULE=onemg_planner.settings_test
# Python keeps compiled modules (__pycache__, ignored by git) and pytest its rewritten test modules, even where the
# machine's environment says not to: make test starts about ten Python processes, and each would otherwise compile
# the project and rewrite the tests again (about 5 CPU-seconds per process).
unexport PYTHONDONTWRITEBYTECODE

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
	$(TEST_ENV) $(VENV)/bin/pytest -n 2 --dist loadgroup -q

# The second pass runs on PostgreSQL what can depend on the database (--second-database; tests/conftest.py,
# runs_once): every test that has the database, views, services, races, locks, migrations and faults included.
# It leaves to the SQLite pass the tests without a database fixture (pure code, templates, files), the browser
# tests (tests/browser/: what a person sees, from pages whose code is the same on both databases; the
# accessibility walk with them) except those marked both_databases (two editors saving one section at once, a
# team set up through invitations, whose row lock once failed on PostgreSQL alone, and the tests that read the
# database's settings), and those marked one_database, whose subject is decided above the database: the access
# matrix's statuses (its change detection's PostgreSQL path runs here) and the query budgets.
pytest-postgres: venv system-deps
	$(TEST_ENV) scripts/with-postgres.sh $(VENV)/bin/pytest -n 2 --dist loadgroup -q --second-database

# Two gunicorns and one worker against one throwaway PostgreSQL: sessions, presence, the cache and PDF jobs are
# shared across app machines (about 40 s).
two-servers: venv system-deps
	scripts/two_servers.sh

# The three runs are independent (own databases, own ports) and spend much of their time waiting (on Chromium,
# on PostgreSQL, on servers starting): they run side by side, each one's output printed whole when it ends, and
# any failure fails `make test`. On this 2-core machine that takes the suite from about 14 to under 10 minutes.
test: venv system-deps lint check
	$(MAKE) --no-print-directory -j3 --output-sync=target pytest-sqlite pytest-postgres two-servers

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
