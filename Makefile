# The two commands: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The embedded defaults are a developer's machine: DEBUG on unless set.
export DEBUG ?= 1

.DEFAULT_GOAL := help
.PHONY: help run test install install-dev migrate demo lint format bench clean

help:
	@echo "make run    - set up .venv, migrate SQLite, load demo data, serve http://127.0.0.1:$(PORT)"
	@echo "make test   - run the whole test suite (SQLite and filesystem broker unless DATABASE_URL/CELERY_BROKER_URL are set)"
	@echo "make lint   - ruff check and the migration check"
	@echo "make bench  - run the benchmarks under bench/"

# A developer's checkout runs in DEBUG: `.env` (read by settings, git-ignored)
# lets a bare `.venv/bin/python manage.py ...` work like `make run` does.
# Production sets its variables in the environment and never has this file.
.env:
	printf '# Local development settings (git-ignored). See README "Configuration".\nDEBUG=1\n' > $@

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when a requirements file changed since the last install.
$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

install: $(VENV)/.installed .env
install-dev: $(VENV)/.installed-dev .env

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py demo

run: demo
	@echo "Serving http://127.0.0.1:$(PORT) with a Celery worker and beat. Ctrl-C stops all three."
	PORT=$(PORT) SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} $(BIN)/honcho -f Procfile.dev start

# The tests' filesystem broker lives apart from make run's, so a running
# development worker never takes the tests' tasks.
test: install-dev
	CELERY_FILESYSTEM_FOLDER=$${CELERY_FILESYSTEM_FOLDER:-var/celery-test} $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install-dev
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) var staticfiles db.sqlite3
