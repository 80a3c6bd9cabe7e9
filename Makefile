# Leporello: `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Debian packages the app needs at build and run time (gettext compiles the interface translations).
DEBIAN_PACKAGES := gettext python3-venv
# Printing (labels, catalogue PDF): WeasyPrint needs Pango and HarfBuzz's fast subsetter (without
# it each CJK PDF takes seconds longer), Noto for Latin and Chinese (else Chinese prints as empty
# boxes); the print tests read PDFs with poppler-utils and decode QR codes with zbar-tools.
DEBIAN_PACKAGES += libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core fonts-noto-cjk poppler-utils zbar-tools
# Print profiles: Ghostscript's CMYK ICC profile (default output intent of PDF/X-4: Debian ships no
# FOGRA profile), HanaMin fonts for rare Chinese place-name characters (CJK Ext. B-F), qpdf for
# the print tests' structure check.
DEBIAN_PACKAGES += libgs-common fonts-hanazono qpdf
# The browser tests in `make test` (marker `browser`) drive Debian's Chromium through Playwright.
DEBIAN_PACKAGES += chromium
# The photograph tests read metadata back from public files with exiftool as a second opinion.
DEBIAN_PACKAGES += libimage-exiftool-perl
# The translation round-trip tests (marker `libreoffice`) open and save exports in LibreOffice.
DEBIAN_PACKAGES += libreoffice-calc
# The valid-HTML test runs the Nu HTML Checker (vnu.jar, `make vnu`), a Java program.
DEBIAN_PACKAGES += default-jre-headless
HOST ?= 127.0.0.1
PORT ?= 8000
SCREENSHOT_PORT ?= 8765

.PHONY: viewer vnu prod-smoke bench-prod bench-search bench-kiosk screenshots run test test-postgres lint format check ci sysdeps messages clean bench bench-print bench-visitor

$(STAMP): pyproject.toml requirements/constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Leporello needs Python 3.11 or newer ($(PYTHON) is $$($(PYTHON) --version))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements/constraints.txt -e ".[dev]"
	@touch $(STAMP)

# The npm packages of vendor/package.json, exactly as vendor/package-lock.json pins them.
NPM_STAMP := vendor/node_modules/.leporello-installed
$(NPM_STAMP): vendor/package.json vendor/package-lock.json
	@command -v npm >/dev/null || ./scripts/ensure-debian-packages nodejs npm
	cd vendor && npm ci --no-audit --no-fund --silent
	@touch $@

# The deep-zoom viewer (OpenSeadragon, BSD-3-Clause) from the npm registry, pinned by
# vendor/package-lock.json, copied into static/vendor/ (served by Django/WhiteNoise, no CDN).
VIEWER := static/vendor/openseadragon/openseadragon.min.js
$(VIEWER): $(NPM_STAMP)
	mkdir -p $(@D)
	@# The source map too: the hashed static files of production check every file a file names.
	cp vendor/node_modules/openseadragon/build/openseadragon/openseadragon.min.js \
	  vendor/node_modules/openseadragon/build/openseadragon/openseadragon.min.js.map \
	  vendor/node_modules/openseadragon/LICENSE.txt $(@D)/
	@touch $@

viewer: $(VIEWER)

# The Nu HTML Checker (vnu-jar from npm, MIT, a devDependency pinned in vendor/package.json) for
# tests/visitor/test_valid_html.py; var/tools/ is not committed. Needs Java (default-jre-headless).
VNU := var/tools/vnu.jar
$(VNU): $(NPM_STAMP)
	@command -v java >/dev/null || ./scripts/ensure-debian-packages default-jre-headless
	mkdir -p $(@D)
	cp vendor/node_modules/vnu-jar/build/dist/vnu.jar $@

vnu: $(VNU)

sysdeps:
	@./scripts/ensure-debian-packages $(DEBIAN_PACKAGES)

# The interface translations, compiled when their .po changed (so that two runs of `make test`
# side by side, as in CI, never write a .mo file the other is reading).
MESSAGES := locale/de/LC_MESSAGES/django.mo locale/zh_Hans/LC_MESSAGES/django.mo
messages: $(STAMP) sysdeps $(MESSAGES)

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po $(STAMP)
	@$(BIN)/python manage.py compilemessages --ignore=.venv -v 0 -l $*

run: sysdeps $(STAMP) messages $(VIEWER)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@# Renditions and zoom tiles are queued, not made here: pages show what exists meanwhile.
	$(BIN)/python manage.py make_renditions --queue
	@echo "Serving http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	@# The background workers (catalogue PDFs; renditions and tiles) run beside the dev server
	@# and stop with it.
	@$(BIN)/python manage.py db_worker --backend printing & printing=$$!; \
	  $(BIN)/python manage.py db_worker --backend renditions & renditions=$$!; \
	  trap "kill $$printing $$renditions 2>/dev/null" EXIT INT TERM; \
	  $(BIN)/python manage.py runserver $(HOST):$(PORT)

# The suite on TEST_PROCESSES processes (pytest-xdist, --dist loadgroup): the tests of one file stay
# together, in their order, in one process (module fixtures: live servers, browsers, shared PDFs);
# the modules that use the demo come last (tests/conftest.py), so each process builds it at most once.
# Each process migrates its own test database. 0: one process, without xdist.
TEST_PROCESSES ?= 2
test: sysdeps $(STAMP) messages $(VIEWER) $(VNU)
	$(BIN)/pytest -n $(TEST_PROCESSES) --dist loadgroup

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

# The production pieces for real on this machine (docs/deployment.md): a throw-away PostgreSQL
# database, Redis, two gunicorn instances, a worker; cleans up after itself.
prod-smoke: $(STAMP) messages
	$(BIN)/python scripts/prod_smoke.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache static_collected static/vendor vendor/node_modules var/tools

# PNGs of every public page type in de, zh-hans and en plus the main admin forms, in screenshots/.
screenshots: $(STAMP) messages $(VIEWER)
	@./scripts/ensure-debian-packages chromium fonts-noto-cjk fonts-noto-core
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py make_renditions -v 0
	@$(BIN)/python manage.py runserver --noreload 127.0.0.1:$(SCREENSHOT_PORT) >/dev/null 2>&1 & echo $$! > .screenshots.pid; \
	  for i in $$(seq 50); do curl -s -o /dev/null 127.0.0.1:$(SCREENSHOT_PORT)/de/ && break; sleep 0.2; done; \
	  $(BIN)/python scripts/screenshots.py http://127.0.0.1:$(SCREENSHOT_PORT) screenshots; \
	  status=$$?; kill $$(cat .screenshots.pid); rm -f .screenshots.pid; exit $$status

# Production benchmark (bench/prod_bench.py): gunicorn + PostgreSQL + Redis, cached pages against a
# bare view, uncached pages with query counts, 50 clients for 60 s (BENCH_SECONDS, BENCH_CLIENTS).
bench-prod: $(STAMP) messages
	@./scripts/ensure-debian-packages wrk
	$(BIN)/python bench/prod_bench.py

# `make bench` runs both benchmarks: the visitor pages and printing.
bench: bench-visitor bench-print

# Search (docs/search.md): latency and database queries with 24 and 2,000 works, SQLite and
# PostgreSQL (at POSTGRES_SERVER), each in a throw-away database.
POSTGRES_SERVER ?= postgres://postgres@127.0.0.1:5432
bench-search: $(STAMP)
	$(BIN)/python bench/search_bench.py --works 2000 --postgres $(POSTGRES_SERVER)

# Offline kiosk (issue 16, bench/README.md): bytes, files and seconds until a tablet holds a stop
# of 24 and of 100 works, storage.estimate(), cold offline start; Chromium, throw-away database.
bench-kiosk: sysdeps $(STAMP) messages
	$(BIN)/python bench/kiosk_bench.py --port $(BENCH_PORT) --kiosk-renditions-only

# Printing benchmark (labels and catalogue for 100 works, against WeasyPrint alone), in /tmp.
bench-print: sysdeps $(STAMP)
	$(BIN)/python bench/print_bench.py

# Speed and accessibility of the visitor pages (bench/README.md): cache against a bare view,
# page weight and axe-core in Chromium, Lighthouse (npm packages installed into bench/).
BENCH_PORT ?= 8130
bench-visitor: $(STAMP) messages $(VIEWER)
	@./scripts/ensure-debian-packages chromium nodejs npm
	cd bench && npm install --no-audit --no-fund --silent
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py make_renditions -v 0
	$(BIN)/python bench/cache_ratio.py
	@$(BIN)/python manage.py runserver --noreload 127.0.0.1:$(BENCH_PORT) >/dev/null 2>&1 & echo $$! > .bench.pid; \
	  for i in $$(seq 50); do curl -s -o /dev/null 127.0.0.1:$(BENCH_PORT)/de/ && break; sleep 0.2; done; \
	  $(BIN)/python bench/browser.py http://127.0.0.1:$(BENCH_PORT) && bench/lighthouse.sh http://127.0.0.1:$(BENCH_PORT); \
	  status=$$?; kill $$(cat .bench.pid); rm -f .bench.pid; exit $$status
