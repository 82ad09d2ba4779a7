# Two commands on a fresh machine: `make run` (set up and start the app on the default store)
# and `make test` (set up and run every test). `make bench` runs the benchmarks.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench translations clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/meguro-jukyo

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m bench

translations: $(STAMP)
	$(BIN)/python -m meguro_jukyo.qt.i18n update

clean:
	rm -rf $(VENV) build *.egg-info
