# The README's two commands: `make demo` and `make test`. Both set up what they need.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
STAMP = $(VENV)/.installed

.PHONY: demo test check install system-deps bench train clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c "import sys; sys.exit(0 if sys.version_info >= (3, 11) else 'casefile needs Python 3.11 or newer')"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/casefile demo

# Debian packages the tests need (a PostgreSQL server, ...): installed as root, else named.
system-deps:
	bash scripts/system-deps.sh

test: system-deps install
	$(BIN)/python -m pytest -q

check: install
	$(BIN)/ruff format --check casefile tests bench
	$(BIN)/ruff check casefile tests bench
	$(BIN)/mypy casefile

bench: install
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/geocode.py
	$(BIN)/python bench/api_load.py

# Retrain the learned scorers (casefile/learn/data/*.npz) from ../shared: seeded, CPU only,
# minutes. `make demo` and `make test` never train; they use the weights in the package.
train: install
	$(BIN)/python scripts/train.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
