# Two commands on a fresh machine:
#   make demo   - create .venv if missing, install, code the bundled sample articles, print a summary
#   make test   - create .venv if missing, install, run the test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint bench eval clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	mkdir -p out
	$(BIN)/eventcoder code samples/articles.jsonl --output out/sample-events.jsonl --summary
	@echo "Coded records: out/sample-events.jsonl (one JSON object per article)"

test: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

eval: $(STAMP)
	$(BIN)/python bench/eval_events.py

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
