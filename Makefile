# Leporello: `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Debian packages the app needs at build and run time (gettext compiles the interface translations).
DEBIAN_PACKAGES := gettext python3-venv
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-postgres lint format check ci sysdeps messages screenshots clean

$(STAMP): pyproject.toml requirements/constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Leporello needs Python 3.11 or newer ($(PYTHON) is $$($(PYTHON) --version))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements/constraints.txt -e ".[dev]"
	@touch $(STAMP)

sysdeps:
	@./scripts/ensure-debian-packages $(DEBIAN_PACKAGES)

messages: $(STAMP) sysdeps
	@$(BIN)/python manage.py compilemessages --ignore=.venv -v 0

run: sysdeps $(STAMP) messages
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@echo "Serving http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: sysdeps $(STAMP) messages
	$(BIN)/pytest

# The same suite on PostgreSQL (a server at 127.0.0.1:5432, user postgres, trust auth).
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/leporello
test-postgres:
	DATABASE_URL=$(POSTGRES_URL) $(MAKE) test

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: $(STAMP) messages
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

# Everything CI runs: lint, Django checks, the suite on SQLite and on PostgreSQL.
ci: lint check test test-postgres

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache static_collected
