# The two commands of the README: `make run` (scan the bundled demo corpus, print the table, then
# serve the API and review console on SQLite with that corpus loaded) and `make test`.
# Both create .venv at the repository root and install what they need into it.
PYTHON ?= python3
VENV := .venv
HOST ?= 127.0.0.1
PORT ?= 8000
BIN := $(VENV)/bin

.PHONY: run test test-slow bench install install-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml setup.py src/tvec/banks/_kernel.c src/tvec/model/_features.c src/tvec/_text.c src/tvec/_xxh64.h | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	$(BIN)/tvec demo
	$(BIN)/tvec serve --demo --host $(HOST) --port $(PORT)

test: install-test
	$(BIN)/pytest -q

test-slow: install-test
	$(BIN)/pytest -q -m slow

bench: install-test
	$(BIN)/python bench/bench_pipeline.py
	$(BIN)/python bench/bench_banks.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info
