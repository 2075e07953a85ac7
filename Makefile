# The two commands: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
# make test always runs on the real Postgres and Redis of this machine.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/marathon
TEST_REDIS_URL ?= redis://127.0.0.1:6379/1

.PHONY: run test test-faults lint fmt messages bench install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.txt requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

# A laptop: DEBUG on for every command, so the settings accept the published laptop key.
run: export DEBUG ?= 1
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@if [ -n "$$REDIS_URL" ]; then \
		echo "REDIS_URL is set: starting a Celery worker (with beat) beside the site"; \
		$(BIN)/celery -A marathon worker --beat --loglevel=INFO & \
		trap "kill $$! 2>/dev/null" EXIT INT TERM; \
		$(BIN)/python manage.py runserver $(HOST); \
	else \
		echo "No REDIS_URL: tasks run in-process, e-mails are written to var/mail/"; \
		$(BIN)/python manage.py runserver $(HOST); \
	fi

# The tests, the fault tests and the benches run with DEBUG off, as production does, on a
# key of their own (the settings refuse to start without one); never a production key.
test test-faults bench: export SECRET_KEY ?= not-a-secret-key-for-make-test-and-make-bench-only

# Tests read static files from the source folders (no collectstatic needed);
# tests/marathon/test_static.py checks the hashed, compressed build separately.
test: export STATIC_MANIFEST := 0
test: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python manage.py makemigrations --check --dry-run
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(BIN)/pytest -m "not faults and not newcomer" $(PYTEST_ARGS)
	# What `make run` gives a newcomer: SQLite, no Redis, tasks in-process.
	DATABASE_URL= REDIS_URL= $(BIN)/pytest -q -m newcomer tests/newcomer

# Faults for real: each test starts its own Postgres cluster, Redis, web server and Celery
# workers on free ports (never the machine's), breaks them and checks nothing is lost.
test-faults: export STATIC_MANIFEST := 0
test-faults: install
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(BIN)/pytest -m faults tests/faults $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Refresh the French catalogue after changing user-facing strings, then fill in
# the empty msgstr entries in locale/fr/LC_MESSAGES/django.po.
messages: install
	$(BIN)/python manage.py makemessages --locale fr --locale nl --locale en --no-obsolete --ignore .venv --ignore var --ignore tests --ignore bench
	$(BIN)/python manage.py compilemessages --locale fr --locale nl --locale en --ignore .venv

# The site under load beside a floor (bench/README.md explains the figures and keeps their history): a throw-away database
# (BENCH_DATABASE_URL), Redis db (BENCH_REDIS_URL), the web server and a Celery worker.
# BENCH_ARGS="--seconds 30" for longer runs.
bench: install
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var
