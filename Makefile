# Two commands on a fresh machine:
#   make demo   - create .venv if missing, install, code the English and French sample articles into eventcoder.duckdb, print a summary
#   make test   - create .venv if missing, install, run the test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test test-fast lint bench bench-ingest eval clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/eventcoder ingest samples/articles.jsonl samples/articles_parallel_en.jsonl samples/articles_fr.jsonl --db eventcoder.duckdb
	$(BIN)/eventcoder summary --db eventcoder.duckdb
	@echo "Database: eventcoder.duckdb (try: $(BIN)/eventcoder events --country NER; docs/store.md)"
	@echo "Dashboard and API: $(BIN)/eventcoder serve --db eventcoder.duckdb, then open http://127.0.0.1:8000/ (API docs: /docs; docs/serve.md)"

test: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

# The inner loop: everything but the tests marked slow (whole-dataset floors, subprocess CLI
# runs, crash, Dask, browser, load).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 --dist loadfile -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

bench-ingest: $(STAMP)
	$(BIN)/python bench/ingest.py

eval: $(STAMP)
	$(BIN)/python bench/eval_events.py

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
