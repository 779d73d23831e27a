# newscorpus workflow. Each target names its inputs; a target whose inputs did not change does not
# run again (the venv stamps), like a spaCy project's commands.
PYTHON ?= python3
VENV := .venv
LS_VENV := .venv-labelstudio
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LS_STAMP := $(LS_VENV)/.installed
SAMPLE := corpus/raw/sample
DEMO_CORPUS := corpus
VERSION ?= 0.1.0

.PHONY: help venv ls-venv browser postgres test lint format demo bench bench-normalize bench-quotes \
	bench-extraction bench-labelstudio bench-labelstudio-load bench-publish bench-engines bench-stance bench-import clean

help:
	@echo "make demo   - the whole job on the shipped sample corpus (creates .venv itself)"
	@echo "make test   - lint and the full test suite, Label Studio included"
	@echo "make bench  - throughput/memory/quality benchmarks (docs/benchmarks.md)"

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev]'
	touch $@

venv: $(STAMP)

# Label Studio pins its own Django and pyarrow: it lives in a virtual env of its own.
$(LS_STAMP): scripts/labelstudio-requirements.txt
	test -x $(LS_VENV)/bin/python || $(PYTHON) -m venv $(LS_VENV)
	$(LS_VENV)/bin/python -m pip install -q --upgrade pip
	$(LS_VENV)/bin/python -m pip install -q -r scripts/labelstudio-requirements.txt
	touch $@

ls-venv: $(LS_STAMP)

# Headless Chromium for the labeling-page test (Debian packages; needs root, as in CI).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
		else echo "chromium missing: the labeling-page test will skip"; fi; }

# PostgreSQL for `ls serve --database postgresql` and the tests that run Label Studio on it (Debian
# package postgresql; installs as root only, as in CI; the cluster itself is newscorpus's to start).
postgres:
	@scripts/install-postgres

lint: venv
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

format: venv
	$(BIN)/ruff format src tests benchmarks scripts
	$(BIN)/ruff check --fix src tests benchmarks scripts

test: venv ls-venv browser postgres lint
	$(BIN)/pytest -q

demo: venv ls-venv
	scripts/demo

bench: bench-normalize bench-extraction bench-quotes bench-labelstudio bench-publish bench-stance \
	bench-import

bench-normalize: venv
	$(BIN)/python benchmarks/normalize.py --state-sizes 100000,1000000

# Quality benchmarks: totals, then each of 5 folds (by a hash of the page key / article name) and
# the spread between folds (max - min); `--fold I` scores one fold only (see docs/benchmarks.md).
bench-extraction: venv
	$(BIN)/python benchmarks/extraction.py --folds 5

bench-quotes: venv
	$(BIN)/python benchmarks/quotes.py --folds 5

bench-labelstudio: venv ls-venv
	$(BIN)/python benchmarks/labelstudio.py

# 8 annotators submit 2,000 annotations at once, on SQLite then PostgreSQL (loopback only).
bench-labelstudio-load: venv ls-venv postgres
	$(BIN)/python benchmarks/labelstudio_load.py

bench-publish: venv
	$(BIN)/python benchmarks/publish.py --record

# Stance model on ../shared/data/fnc1-dev: grouped 5-fold CV, training time, throughput, memory.
bench-stance: venv
	$(BIN)/python benchmarks/stance.py --by-claim

# PolNeAR train through `import brat` (twice: the re-run) and `publish`, FNC-1 dev through
# `import fnc1` and `publish`: articles/s, peak memory, publish time (reads ../shared).
bench-import: venv
	$(BIN)/python benchmarks/imports.py --record

# Local against Ray (2 workers) on 100,000 generated pages: long (tens of minutes on 2 cores).
bench-engines: venv
	$(BIN)/python benchmarks/engines.py --pages 100000 --also 10000 --tasks 20

clean:
	rm -rf corpus/articles corpus/rejects corpus/state annotations/predictions build dist .pytest_cache
