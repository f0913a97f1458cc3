# Kontora's two commands on a fresh machine:
#   make run    install everything, prepare the embedded database, start http://$(HOST):$(PORT)
#   make test   install everything for development and run every check (as CI does)

SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
INSTANCE := $(or $(KONTORA_INSTANCE_PATH),instance)

.PHONY: run test install install-dev contracts

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip setuptools wheel

install: $(VENV)/.installed
	scripts/system-packages.sh run

install-dev: $(VENV)/.installed-dev
	scripts/system-packages.sh test

# Python packages are reinstalled only when the project's metadata changed.
$(VENV)/.installed: setup.cfg pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[production]'
	touch $@

$(VENV)/.installed-dev: setup.cfg pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev,production]'
	touch $@

run: install
	$(BIN)/kontora db upgrade
	@$(MAKE) --no-print-directory $(INSTANCE)/.demo-loaded $(INSTANCE)/admin-login.txt
	@echo "Sign in at http://$(HOST):$(PORT)/ with:"; cat $(INSTANCE)/admin-login.txt
	$(BIN)/kontora run --host $(HOST) --port $(PORT)

# Demo data and the admin account are made once per instance; delete the files to redo.
$(INSTANCE)/.demo-loaded:
	$(BIN)/kontora demo
	touch $@

$(INSTANCE)/admin-login.txt:
	@export KONTORA_ADMIN_PASSWORD=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(12))'); \
	$(BIN)/kontora users create admin --name Administrator --admin \
	    --password-from-env KONTORA_ADMIN_PASSWORD && \
	(umask 077 && printf '  login:    admin\n  password: %s\n' "$$KONTORA_ADMIN_PASSWORD" > $@)

test: install-dev
	scripts/test.sh

# Regenerate .importlinter after adding a plugin or changing a manifest's depends; the
# test plugins (tests/conftest.py TEST_PLUGINS) are checked too.
contracts:
	$(BIN)/kontora plugins contracts $$($(BIN)/python -c \
	    'from tests.conftest import TEST_PLUGINS; print(*("--extra " + m for m in TEST_PLUGINS))') \
	    -o .importlinter
