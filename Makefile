# jiceng's front door. `make run` and `make test` set everything up on a machine
# that has only python3: they create .venv (once) and install the project into it.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.jiceng-installed

.PHONY: run test lint typecheck unit docs docs-serve bench bench-quick test-all clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,bench]'
	touch $(STAMP)

## The main job: a policy simulation of a seed preset, printing its report.
run: $(STAMP)
	$(BIN)/python -m jiceng

## The whole test suite: lint, format, types, tests with coverage, docs examples, docs site.
test: lint typecheck unit docs

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy
	$(BIN)/basedpyright --pythonpath $(BIN)/python

unit: $(STAMP)
	$(BIN)/pytest --cov --cov-report=term

docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet --site-dir $(VENV)/site

docs-serve: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve

## Side-by-side benchmarks (not tests): `make bench` or the quick version.
bench: $(STAMP)
	$(BIN)/python benchmarks/kernel_transitions.py
	$(BIN)/python benchmarks/points_ledger.py
	$(BIN)/python benchmarks/simulation.py

bench-quick: $(STAMP)
	$(BIN)/python benchmarks/kernel_transitions.py --quick
	$(BIN)/python benchmarks/points_ledger.py --quick
	$(BIN)/python benchmarks/simulation.py --quick

## The suite on every supported Python: pyenv's interpreters first, then PATH.
test-all:
	@set -e; for v in 3.11 3.12 3.13; do \
	  py=$$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/$$v.*/bin/python$$v 2>/dev/null | sort -V | tail -n 1); \
	  [ -n "$$py" ] || py=$$(command -v python$$v || true); \
	  if [ -z "$$py" ]; then echo "python$$v not found" >&2; exit 1; fi; \
	  echo "== Python $$v ($$py) =="; \
	  $(MAKE) --no-print-directory test PYTHON=$$py VENV=.venv-$$v; \
	done

clean:
	rm -rf .venv .venv-3.* .coverage .mypy_cache .pytest_cache .ruff_cache site
