# egov-assess — the two commands of the README are `make run` and `make test`; `make serve` serves a department.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.requirements-installed
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
DEBIAN_PACKAGES := chromium chromium-driver libreoffice-calc-nogui poppler-utils fonts-dejavu-core redis-server postgresql

.PHONY: run serve worker test venv system-deps lint bench notebook clean-cache messages

venv: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

## The compiled translations (assess/i18n/locale/*/LC_MESSAGES/messages.mo, not in git) are rebuilt whenever a
## .po file is newer than its .mo: `make run` and `make test` always start with them.
MO_FILES := $(patsubst %.po,%.mo,$(wildcard assess/i18n/locale/*/LC_MESSAGES/messages.po))
venv: $(MO_FILES)
$(MO_FILES): %.mo: %.po $(STAMP)
	$(PY) -m assess.i18n.messages compile $(word 4,$(subst /, ,$@))

## After changing texts in the code: pybabel extract (babel.cfg) + update of every catalogue + compile.
## Then translate the new and fuzzy entries of assess/i18n/locale/az/LC_MESSAGES/messages.po (docs/I18N.md).
messages: venv
	$(PY) -m assess.i18n.messages update
	-$(PY) -m assess.i18n.messages check

## Debian packages the tests need (headless browser, LibreOffice for the Excel → PDF check, poppler-utils for
## pdftotext, redis-server and postgresql: the tests start their own servers on free ports in temporary folders,
## no system service is used). tests/test_fresh_machine.py checks every program the code calls is in this list.
system-deps:
	@missing=""; \
	for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

## Start the dashboard on http://127.0.0.1:8050 with the bundled data (Flask's development server, no external service).
run: venv
	$(PY) app.py

## Serve a department: gunicorn workers, compressed responses (EGOV_ASSESS_HOST, PORT, EGOV_ASSESS_WORKERS …;
## REDIS_URL and DATABASE_URL switch jobs and assessments to Redis/Celery and PostgreSQL; README "Deployment").
serve: venv
	$(PY) -m service serve

## A Celery worker for the background jobs (needs REDIS_URL); as many as you like, on any host.
worker: venv
	$(PY) -m service worker

## Set everything up and run the whole suite (unit, data, browser, notebooks, doctests).
test: venv system-deps
	$(PY) -m pytest -n 2 --dist loadgroup --doctest-modules assess tests

lint: venv
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports

bench: venv
	@for f in benchmarks/bench_*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

notebook: venv
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks --ip=127.0.0.1 --no-browser $(if $(filter 0,$(shell id -u)),--allow-root,)

clean-cache:
	rm -rf .cache
