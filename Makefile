# FibroMap: `make run` starts the app, `make test` runs the whole suite headless.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test explore bench durability screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Qt aborts when its window plugin lacks system libraries: say which, in one apt-get line.
run: $(STAMP)
	$(BIN)/python -m fibromap.display_check
	$(BIN)/fibromap

# Qt aborts without a display unless told to draw offscreen; tests/conftest.py
# sets the same, so a bare `pytest` is safe too.
test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

# Property tests with fresh random examples (the suite itself draws a fixed sequence).
explore: $(STAMP)
	FIBROMAP_HYPOTHESIS=explore QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q \
		$$(grep -rl '@given' tests --include='*.py')

bench: $(STAMP)
	-QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.benchmarks.suite --save
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/benchmarks -p no:cacheprovider -o addopts=""

# Kill -9 at many more random moments than the suite's share (tests/durability/).
durability: $(STAMP)
	FIBROMAP_DURABILITY_ROUNDS=200 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/durability -p no:cacheprovider

# The README's pictures: a year of demo data, each view rendered offscreen.
SHOTS_HOME := $(CURDIR)/build/screenshots-home
screenshots: $(STAMP)
	rm -rf $(SHOTS_HOME)
	FIBROMAP_HOME=$(SHOTS_HOME) $(BIN)/fibromap demo --into-records --days 365 --seed 1
	for view in bodymap history checkin medications heatmap trends patterns insights scores overview; do \
		FIBROMAP_HOME=$(SHOTS_HOME) QT_QPA_PLATFORM=offscreen $(BIN)/fibromap screenshot $$view \
			-o resources/screenshots/$$view.png --size 1280x800 || exit 1; \
	done

clean:
	rm -rf $(VENV) build *.egg-info
