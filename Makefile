# FibroMap: `make run` starts the app, `make test` runs the whole suite headless and
# `make test-fast` its fast tier.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Two stamps: `make run` installs what running FibroMap needs (about 380 MB in .venv),
# `make test` adds the test extra on top (PostgreSQL's driver, pytest, Hypothesis, shapely,
# SciPy, ruff, mypy: about 400 MB more). Each is redone when pyproject.toml changes.
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test
# pip shows what it downloads as it goes. No byte-compiling of every installed module at
# install time (half of the install's time): Python compiles what is imported, once.
# The editable install of FibroMap needs setuptools' import hook (pyproject.toml ships the
# top-level resources/ folder as fibromap.resources), and setuptools then prints a
# ten-line box ("Editable installation. Please be careful with folders in your working
# directory with the same name as your package"): here that folder is the package
# itself, so the note is filtered out, by its words.
PIP_INSTALL := PYTHONWARNINGS="ignore:Editable installation" $(BIN)/python -m pip install \
	--disable-pip-version-check --no-compile

.PHONY: run test test-fast lint explore bench durability calibrate screenshots translations deb clean

$(BIN)/python:
	@echo "Making the virtual environment $(VENV)"
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	@echo "Installing what FibroMap needs to run into $(VENV) (about 120 MB to download, most of it Qt)"
	$(PIP_INSTALL) -e .
	touch $(RUN_STAMP)

# The test extra holds everything running needs, so it stands for run's stamp too.
$(TEST_STAMP): pyproject.toml | $(BIN)/python
	@echo "Installing FibroMap with its test extra into $(VENV)"
	$(PIP_INSTALL) -e '.[test]'
	touch $(RUN_STAMP) $(TEST_STAMP)

# Qt aborts when its window plugin lacks system libraries: say which, in one apt-get line.
run: $(RUN_STAMP)
	$(BIN)/python -m fibromap.display_check
	$(BIN)/fibromap

# The tests' temporary files (every test's FibroMap home) go to memory, /dev/shm, where it
# has room: FibroMap syncs each save to disk, and on a disk those syncs took a large share
# of the suite's time. A kill -9 (tests/durability) loses nothing a sync to memory keeps.
TEST_TMPDIR := $(shell [ "$$(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 {print $$4}')" -gt 2000000 ] \
	2>/dev/null && echo /dev/shm)
# `make test` runs in one process a core (pytest-xdist; JOBS=0 for a single process, as for
# a few tests: `make test JOBS=0 PYTEST_ARGS="-k heatmap"`). Each test file stays in one
# process, so what its module fixtures make is made once.
JOBS ?= auto

# Qt aborts without a display unless told to draw offscreen; tests/conftest.py
# sets the same, so a bare `pytest` is safe too.
test: $(TEST_STAMP)
	TMPDIR=$(TEST_TMPDIR) QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n $(JOBS) --dist loadfile \
		$(PYTEST_ARGS)

# Plain Python and the store on SQLite, in a minute or two: the folders named in
# tests/conftest.py (FAST_FOLDERS), without their slow tests and PostgreSQL runs. One
# process: starting a second costs about what it saves here.
test-fast: $(TEST_STAMP)
	TMPDIR=$(TEST_TMPDIR) QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m fast $(PYTEST_ARGS)

# Lint (pyflakes, pycodestyle, bugbear, naming, import order, pyupgrade, and no function above
# cyclomatic complexity 15) and types, as configured in pyproject.toml.
lint: $(TEST_STAMP)
	$(BIN)/ruff check fibromap
	$(BIN)/mypy

# Property tests with fresh random examples (the suite itself draws a fixed sequence).
explore: $(TEST_STAMP)
	FIBROMAP_HYPOTHESIS=explore QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q \
		$$(grep -rl '@given' tests --include='*.py')

bench: $(TEST_STAMP)
	-QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.benchmarks.suite --save
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/benchmarks -p no:cacheprovider -o addopts=""

# How often the insights call noise notable, and whether known effects are found: 500
# simulated years a scenario, beside the method used before (a quarter of an hour); the
# table goes to docs/calibration.md. The suite runs a small version (tests/analysis).
calibrate: $(TEST_STAMP)
	$(BIN)/python -m tests.simulations.calibration 500 --old --write docs/calibration.md

# Kill -9 at many more random moments than the suite's share, and at every rename, sync
# and write of every command that changes several files (tests/durability/; needs strace).
durability: $(TEST_STAMP)
	FIBROMAP_DURABILITY_ROUNDS=200 FIBROMAP_EVERY_STEP=all QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/durability -p no:cacheprovider

# The README's pictures (a year of demo data at 1280x800, in resources/screenshots), and
# every view with that year and with nothing recorded, at 1280x800 and 1024x700, in
# build/screenshots/ to look at before a change to the interface is done; and the same
# in each other language FibroMap ships, in build/screenshots/LANG/ (German is the longest).
SHOTS := build/screenshots
# Every view the screenshot command knows, from the table of pages (fibromap/ui/views.py).
VIEWS = $(shell $(BIN)/python -c 'from fibromap.ui.views import VIEWS; print(*VIEWS)')
# Every language but English, from fibromap/i18n/languages.py.
OTHER_LANGUAGES = $(shell $(BIN)/python -c 'from fibromap.i18n import SHIPPED; print(*(l for l in SHIPPED if l != "en"))')
# Every language's catalogue (resources/locale/LANG/LC_MESSAGES/DOMAIN.po and .mo) made
# again from the words the code marks: after changing words, run this, then translate
# the new entries in the .po files and run it once more (tests/i18n checks they are current).
translations: $(RUN_STAMP)
	$(BIN)/python resources/locale/make_catalogues.py

screenshots: $(RUN_STAMP)
	rm -rf $(SHOTS)
	FIBROMAP_HOME=$(CURDIR)/$(SHOTS)/year-home $(BIN)/fibromap demo --into-records --days 365 --seed 1
	FIBROMAP_HOME=$(CURDIR)/$(SHOTS)/empty-home $(BIN)/python -c "from fibromap.config import \
		Paths, database_url; from fibromap.store.store import Store; p = Paths.from_environment(); \
		Store.open(database_url(p), p).close()"
	for view in $(VIEWS); do \
		FIBROMAP_HOME=$(CURDIR)/$(SHOTS)/year-home QT_QPA_PLATFORM=offscreen $(BIN)/fibromap screenshot $$view \
			-o resources/screenshots/$$view.png --size 1280x800 || exit 1; \
		for state in year empty; do for size in 1280x800 1024x700; do \
			mkdir -p $(SHOTS)/$$state-$$size; \
			FIBROMAP_HOME=$(CURDIR)/$(SHOTS)/$$state-home QT_QPA_PLATFORM=offscreen $(BIN)/fibromap \
				screenshot $$view -o $(SHOTS)/$$state-$$size/$$view.png --size $$size || exit 1; \
		done; done; \
	done
	# The female and male figures, and each detail view: the map alone for the README, and
	# the whole window to look at.
	# The deep layer: every deep muscle marked (not saved).
	FIBROMAP_HOME=$(CURDIR)/$(SHOTS)/year-home QT_QPA_PLATFORM=offscreen $(BIN)/fibromap screenshot bodymap \
		--deep --map-only -o resources/screenshots/deep-layer.png
	for figure in female male; do \
		FIBROMAP_HOME=$(CURDIR)/$(SHOTS)/year-home QT_QPA_PLATFORM=offscreen $(BIN)/fibromap screenshot bodymap \
			--figure $$figure --map-only -o resources/screenshots/figure-$$figure.png || exit 1; \
		for state in year empty; do for size in 1280x800 1024x700; do for view in bodymap heatmap; do \
			FIBROMAP_HOME=$(CURDIR)/$(SHOTS)/$$state-home QT_QPA_PLATFORM=offscreen $(BIN)/fibromap screenshot \
				$$view --figure $$figure -o $(SHOTS)/$$state-$$size/$$view-$$figure.png --size $$size || exit 1; \
		done; done; done; \
	done
	for map in head_front head_back shoulders_front shoulders_back pelvis_front pelvis_back palms hand_backs foot_tops soles; do \
		FIBROMAP_HOME=$(CURDIR)/$(SHOTS)/year-home QT_QPA_PLATFORM=offscreen $(BIN)/fibromap screenshot log \
			--map $$map --map-only -o resources/screenshots/closer-$$map.png || exit 1; \
		for state in year empty; do for size in 1280x800 1024x700; do \
			FIBROMAP_HOME=$(CURDIR)/$(SHOTS)/$$state-home QT_QPA_PLATFORM=offscreen $(BIN)/fibromap screenshot \
				log --map $$map -o $(SHOTS)/$$state-$$size/log-$$map.png --size $$size || exit 1; \
		done; done; \
	done
	for language in $(OTHER_LANGUAGES); do for view in $(VIEWS); do \
		for state in year empty; do for size in 1280x800 1024x700; do \
			mkdir -p $(SHOTS)/$$language/$$state-$$size; \
			FIBROMAP_HOME=$(CURDIR)/$(SHOTS)/$$state-home QT_QPA_PLATFORM=offscreen $(BIN)/fibromap \
				screenshot $$view --language $$language --size $$size \
				-o $(SHOTS)/$$language/$$state-$$size/$$view.png || exit 1; \
		done; done; \
	done; done

# The Debian package: a fresh bundle (packaging/build.sh), then dist/fibromap_<version>_<arch>.deb
# from it (packaging/build-deb.sh; needs dpkg-dev's tools, binutils).
deb: $(RUN_STAMP)
	bash packaging/build.sh
	bash packaging/build-deb.sh

clean:
	rm -rf $(VENV) build *.egg-info
