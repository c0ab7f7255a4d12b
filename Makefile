# Klantcultuur: `make demo` runs the app with a demo organisation, `make test` runs the suite.
# The first of Python 3.11, 3.12 and 3.13 on the PATH; another one with
# `make test PYTHON=python3.13 VENV=.venv-3.13`.
PYTHON ?= $(shell for p in python3.11 python3.12 python3.13 python3; do \
	$$p -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))' 2>/dev/null \
	&& command -v $$p && break; done)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
export DJANGO_SETTINGS_MODULE := klantcultuur.settings

.PHONY: demo test test-fast setup run worker beat lint format messages bench clean model

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.11, 3.12 or 3.13 is needed"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if (3, 11) <= sys.version_info[:2] <= (3, 13) else "Python 3.11, 3.12 or 3.13 is needed, found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

setup: $(STAMP)
	@DEBUG=1 $(BIN)/python manage.py compiletranslations

demo: setup
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py load_demo
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

run: setup
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

worker: setup
	$(BIN)/celery -A klantcultuur worker --loglevel=info

beat: setup
	$(BIN)/celery -A klantcultuur beat --loglevel=info

test: setup
	$(BIN)/python -m pytest

# Everything but the tests marked slow (training, demo loads, benchmarks, browser tests,
# whole-site sweeps: conftest.py), on one worker process per core.
test-fast: setup
	$(BIN)/python -m pytest -m "not slow" -n auto

# Formatting, lint, types (mypy with django-stubs) and the layer contract (pyproject.toml).
lint: setup
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	DEBUG=1 $(BIN)/mypy
	$(BIN)/lint-imports --no-cache

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

APPS := $(patsubst klantcultuur/%/apps.py,%,$(wildcard klantcultuur/*/apps.py))

# One Dutch catalogue per app (klantcultuur/<app>/locale) and one for klantcultuur/lib.
messages: setup
	for app in $(APPS); do (cd klantcultuur/$$app && mkdir -p locale && DEBUG=1 ../../$(BIN)/django-admin makemessages --locale nl --no-obsolete --no-location) || exit 1; done
	cd klantcultuur && DEBUG=1 ../$(BIN)/django-admin makemessages --locale nl --no-obsolete --no-location $(foreach dir,$(filter-out lib locale,$(notdir $(patsubst %/,%,$(wildcard klantcultuur/*/)))),--ignore '$(dir)/*') --ignore 'testing.py'
	@# The creation date changes on every run and only causes merge conflicts.
	@find klantcultuur -path '*/locale/*/django.po' -exec sed -i '/^"POT-Creation-Date:/d' {} +
	@DEBUG=1 $(BIN)/python manage.py compiletranslations

# The comment reader's shipped model, rebuilt from tools/textanalysis/data (same data, same file).
model: setup
	$(BIN)/python -m tools.textanalysis.train

clean:
	rm -rf $(VENV) var .pytest_cache
