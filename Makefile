# Two commands matter: `make demo` and `make test`. Everything else is what they are made of.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
VENDOR := var/vendor
GOVUK := node_modules/govuk-frontend/dist/govuk

.PHONY: demo test pytest thorough check install vendor browser migrate bench clean messages

$(BIN)/alongside: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(BIN)/alongside

install: $(BIN)/alongside $(VENDOR)/.copied

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

# Copy only what is served from GOV.UK Frontend; its fonts and images go to the site root.
# Copied once per npm install (the stamp), never again while a test server may be serving them.
vendor: $(VENDOR)/.copied

$(VENDOR)/.copied: node_modules/.package-lock.json
	mkdir -p $(VENDOR)/govuk-frontend $(VENDOR)/webroot var/staticfiles
	cp $(GOVUK)/govuk-frontend.min.css $(GOVUK)/govuk-frontend.min.css.map $(GOVUK)/all.bundle.js $(GOVUK)/all.bundle.js.map $(VENDOR)/govuk-frontend/
	rm -rf $(VENDOR)/webroot/assets && cp -r $(GOVUK)/assets $(VENDOR)/webroot/assets
	touch $@

demo: install
	ALONGSIDE_MODE=demo $(BIN)/alongside demo --port $(PORT)

# Debian's Chromium for the browser tests; never a browser downloaded by Playwright.
browser:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium is missing and cannot be installed here: browser tests will report that they did not run."; fi; }

check: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	ALONGSIDE_MODE=test $(BIN)/mypy src
	$(BIN)/lint-imports
	ALONGSIDE_MODE=test $(BIN)/python manage.py makemigrations --check --dry-run >/dev/null

# pytest-xdist workers ("auto": one per core; 0 runs in this process, for a debugger). Tests
# go out one at a time to whichever worker is free, the slow ones first (tests/plugin.py).
PYTEST_WORKERS ?= auto

test: check browser pytest

# The suite alone, without the checks (.ci/run runs the checks once for both databases).
pytest: install
	ALONGSIDE_MODE=test $(BIN)/pytest -n $(PYTEST_WORKERS) --dist load --maxschedchunk 1 $(PYTEST_ARGS)

# Every test but the browser journeys under the thorough Hypothesis profile (ten times CI's
# examples), with the slowest tests timed: the slow conformance cases are among them.
thorough: install
	HYPOTHESIS_PROFILE=thorough ALONGSIDE_MODE=test $(BIN)/pytest -n $(PYTEST_WORKERS) \
	  --dist load --maxschedchunk 1 -m "not browser" --durations=30 $(PYTEST_ARGS)

bench: install
	ALONGSIDE_MODE=test $(BIN)/python bench/run.py
	$(MAKE) thorough

# Welsh: extract strings from Python and Jinja2 templates, merge into the catalogue, compile.
messages: install
	mkdir -p var
	$(BIN)/pybabel extract -F babel.cfg -k _ -k gettext -k gettext_lazy -k ngettext:1,2 \
	  --no-location --omit-header -o var/messages.pot .
	$(BIN)/pybabel update -i var/messages.pot -d src/alongside/locale -D django -l cy
	$(BIN)/pybabel compile -d src/alongside/locale -D django

clean:
	rm -rf var node_modules $(VENV)
