# Two commands on a fresh machine: `make run` (set up and start the app on the default store)
# and `make test` (set up and run every test). `make bench` runs the benchmarks; `make dist`
# builds the frozen one-folder app into dist/meguro-jukyo/, `make dist-check` builds it and
# runs tests/test_frozen.py against that build.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DIST_STAMP := $(VENV)/.installed-dist
FROZEN := dist/meguro-jukyo

.PHONY: run test bench translations dist dist-check clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

$(DIST_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[test,dist]'
	touch $(DIST_STAMP)

run: $(STAMP)
	$(BIN)/meguro-jukyo

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m bench

translations: $(STAMP)
	$(BIN)/python -m meguro_jukyo.qt.i18n update

dist: $(DIST_STAMP)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
	    installer/meguro-jukyo.spec

dist-check: dist
	MEGURO_JUKYO_FROZEN=$(abspath $(FROZEN)) QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/test_frozen.py

clean:
	rm -rf $(VENV) build dist *.egg-info
