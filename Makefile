# make build  — set up everything and build every output (site/, dist/*.zip, dist/*.pdf, the one-page checklists)
# make test   — set up everything, build, and run the whole test suite
# make serve  — live preview on http://127.0.0.1:8000/
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV   := .venv
PY     := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
# Reproducible outputs: one timestamp for every build of a commit (MkDocs' build date and sitemap, zip entry
# times, PDF dates). Without git (a source tarball) guide.build.source_date_epoch() falls back to a fixed date.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(strip $(SOURCE_DATE_EPOCH)),)
export SOURCE_DATE_EPOCH
endif

.PHONY: help new-page setup sysdeps build site offline pdf checklist test check test-fast reproducible serve serve-en bench bench-search bench-suite bench-check linkcheck watch-sources diagrams translations translations-strict translated clean

help:
	@echo "make build      build the site, the offline zip, the PDF and the one-page checklist (installs what is missing)"
	@echo "make test       build, then run the whole test suite"
	@echo "make diagrams   render new or changed mermaid diagrams (commit docs/assets/diagrams/)"
	@echo "make new-page PAGE=folder/name.md JA=\"見出し\" EN=\"Title\"  a page in both editions, nav, index, query stubs"
	@echo "make check      quick check while editing (seconds): build, prose, sources, links"
	@echo "make test-fast  every test that needs no browser and no make build"
	@echo "make reproducible  build everything twice, compare every file byte by byte (CI runs it)"
	@echo "make serve      live preview at http://127.0.0.1:8000/ (serve-en: the English edition on :8001)"
	@echo "make translations  English pages whose Japanese page changed since they were translated"
	@echo "make translated PAGE=steps/1-open.md  after translating the change: mark the English page current"
	@echo "make bench      Lighthouse table for every page"
	@echo "make bench-search  search hit rate, index size and time to first result (web and offline)"
	@echo "make bench-suite   how long the whole test suite takes (3 runs; target 60 s on 2 cores), lines of code"
	@echo "make bench-check   how long make check takes (5 runs; target 10 s)"
	@echo "make linkcheck  live check of external links (needs internet)"
	@echo "make watch-sources  do the cited official pages still say what the guide quotes? (needs internet)"

# --- set-up -----------------------------------------------------------------
$(VENV)/.stamp: requirements.txt pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	# The guide/ package (build code shared by all). setuptools warns that a folder named like the package may
	# shadow it: guide/ is the package itself (a flat layout), so that warning does not apply here.
	PYTHONWARNINGS="ignore:Editable installation" $(PY) -m pip install --quiet --no-deps -e .
	touch $@

node_modules/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

sysdeps:
	@bash scripts/ensure_system_deps.sh

setup: $(VENV)/.stamp node_modules/.stamp sysdeps

# --- outputs: the pipeline, in order (guide/pipeline.py says what each step makes) ---------------------
build: setup
	$(PY) -m guide.pipeline

site: setup
	$(PY) -m guide.pipeline site

offline: setup
	$(PY) -m guide.pipeline offline

pdf: setup
	$(PY) -m guide.pipeline pdf

# One A4 sheet with all the steps, printed from site/checklist/ (made from data/screens.yml).
checklist: site
	$(PY) -m guide.pipeline checklist

# A new page in both editions: nav, folder index, stub queries, translation_of (guide/new_page.py).
new-page: setup
	$(PY) -m guide.new_page "$(PAGE)" --ja "$(JA)" --en "$(EN)" $(if $(AFTER),--after "$(AFTER)")

# Render new/changed ```mermaid fences to docs/assets/diagrams/*.svg (commit them).
diagrams: setup
	$(PY) -m guide.diagrams

# --- checks -----------------------------------------------------------------
test: build
	$(PY) -m pytest

# The quick check while editing (seconds): strict build, prose, sources, content, links and anchors.
# Leaves out the browser tests, the built outputs (dist/) and the checkers' own self-tests. Short reports:
# each failure's message and line, failures and errors listed at the end (not the skipped tests).
CHECK_MARKS := not browser and not dist and not selftest and not slow
check: setup
	$(PY) -m pytest -q --tb=short -rfE -m "$(CHECK_MARKS)"

# Every test that needs neither a browser nor the built outputs in dist/ (self-tests included).
test-fast: setup
	$(PY) -m pytest -q -m "not browser and not dist"

# Two full builds into temporary folders, every file compared byte by byte (~2 min; not part of `make test`).
reproducible: setup
	$(PY) -m guide.reproducible

linkcheck: setup
	$(PY) -m pytest tests/test_links.py --live-links -k external

# Fetch every source in data/sources.yml that has a url; report ok / moved / phrase-missing / gone / error.
watch-sources: setup
	$(PY) -m guide.watch

bench: site
	$(PY) -m guide.bench

bench-search: site offline
	$(PY) -m guide.bench_search

# The whole pytest run, three times after one build (as in make test): wall time, counts, core use.
bench-suite: build
	$(PY) -m guide.bench_suite

bench-check: setup
	$(PY) -m guide.bench_suite --runs 5 --target 10 -- -m "$(CHECK_MARKS)"

serve: setup
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

serve-en: setup
	$(VENV)/bin/mkdocs serve --config-file mkdocs.en.yml --dev-addr 127.0.0.1:8001

# English pages whose Japanese page changed since they were translated (a report; exit 0 unless a page
# is missing). translations-strict also fails on a stale translation: run it before a release.
translations: setup
	$(PY) -m guide.translations

translations-strict: setup
	$(PY) -m guide.translations --strict

# After translating a change into an English page: record the Japanese page it now matches (PAGE=steps/1-open.md).
translated: setup
	$(PY) -m guide.translations --update $(PAGE)

clean:
	rm -rf site dist build .cache test-artifacts
