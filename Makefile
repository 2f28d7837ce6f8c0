# The two commands a newcomer needs (see README):  make run   and   make test
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared

.PHONY: install run test test-fast eval lint bench clean

$(BIN)/directives: pyproject.toml
	bash scripts/bootstrap.sh
	@touch $@

install: $(BIN)/directives

## Start the local engine, ingest corpus/ and serve the API and pages on :8000
run: install
	$(BIN)/directives run corpus/

## The whole test suite (installs what it needs first)
test: install
	bash scripts/test.sh

test-fast: install
	$(BIN)/pytest -q -m "not e2e and not integration and not postgres"

## Extract the seeds and print the reference scorer's table
eval: install
	$(BIN)/directives eval --gold $(SHARED)/gold $(SHARED)/corpus/seeds

lint: install
	$(BIN)/ruff check ingest nlp search_api tests scripts

bench: install
	$(BIN)/python tests/bench/bench_extract.py

clean:
	rm -rf $(VENV) data .pytest_cache
