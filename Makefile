# The two commands a fresh clone needs: `make build` and `make test`.
# Everything runs inside .venv, created from the pinned requirements.lock.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Quotes are checked against the archived source texts in archive/, which
# `claimtrack archive` fills and git ignores. ARCHIVE=DIR checks them against the
# texts in another folder instead.
ARCHIVE ?=
ARCHIVE_FLAG := $(if $(ARCHIVE),--archive $(ARCHIVE),)

# What a build reads: when none of it changed since the last build, make does nothing.
BUILT := $(VENV)/.built
BUILD_INPUTS := datapackage.json README.md $(wildcard data/*.csv schemas/*.json charts/* archive/*) \
	$(shell find src -name '*.py') $(wildcard tests/*.py) $(if $(ARCHIVE),$(wildcard $(ARCHIVE)/*))

.PHONY: build test validate publish changelog lock clean

build: $(BUILT)

$(BUILT): $(STAMP) $(BUILD_INPUTS)
	$(BIN)/claimtrack build $(ARCHIVE_FLAG)
	$(BIN)/python scripts/update_readme.py
	touch $(BUILT)

validate: $(STAMP)
	$(BIN)/claimtrack validate $(ARCHIVE_FLAG)

# The release zip, the SQLite database for Datasette and the static site, in dist/.
publish: $(STAMP)
	$(BIN)/claimtrack publish $(ARCHIVE_FLAG)

# CHANGELOG.md from the git history of the data.
changelog: $(STAMP)
	$(BIN)/python scripts/update_changelog.py

test: $(STAMP)
	$(BIN)/python -m pytest -n auto

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Regenerate requirements.lock from pyproject.toml in a throw-away environment.
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --disable-pip-version-check "setuptools>=77" wheel ".[test]"
	echo '# Pinned dependencies for claimtrack and its tests. Regenerate with `make lock`.' > requirements.lock
	.lock-venv/bin/python -m pip freeze --exclude claimtrack --all | grep -v '^pip==' >> requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) .pytest_cache
