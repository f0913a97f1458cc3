# Kontora's two commands on a fresh machine:
#   make run    install everything, prepare the embedded database, start http://$(HOST):$(PORT)
#   make test   install everything for development and run every check (as CI does)
#   make lock   refresh requirements/*.txt after changing setup.cfg's dependencies

SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
INSTANCE := $(or $(KONTORA_INSTANCE_PATH),instance)

.PHONY: run test install install-dev lock contracts

# Every Python package, pip/setuptools/wheel included, is installed from a lock with hashes
# (requirements/*.txt, compiled from setup.cfg by `make lock`); the project itself is then
# installed editable with no dependency resolution and no build isolation, so nothing comes
# from outside the lock.
PROD_LOCK := requirements/production.txt
DEV_LOCK := requirements/dev.txt
define install_lock
	$(BIN)/pip install --quiet --require-hashes -r $(1)
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
endef

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

install: $(VENV)/.installed
	scripts/system-packages.sh run

install-dev: $(VENV)/.installed-dev
	scripts/system-packages.sh test

# Python packages are reinstalled only when a lock or the project's metadata changed.
$(VENV)/.installed: $(PROD_LOCK) setup.cfg pyproject.toml | $(BIN)/python
	$(call install_lock,$(PROD_LOCK))
	touch $@

$(VENV)/.installed-dev: $(DEV_LOCK) setup.cfg pyproject.toml | $(BIN)/python
	$(call install_lock,$(DEV_LOCK))
	touch $@

# Refresh the locks for Python 3.11 from setup.cfg (and requirements/venv.in: the venv's
# pip, setuptools and wheel). Pins already in a lock are kept while setup.cfg allows them;
# LOCK_ARGS=--upgrade moves every package to its newest release, --upgrade-package NAME one.
# The dev lock is constrained by the production one, so both install the same versions.
LOCK_ARGS ?=
PIP_COMPILE = CUSTOM_COMPILE_COMMAND='make lock' $(BIN)/pip-compile --quiet --generate-hashes \
    --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links $(LOCK_ARGS)

lock: $(VENV)/.installed-dev
	$(PIP_COMPILE) --extra production -o $(PROD_LOCK) setup.cfg requirements/venv.in
	$(PIP_COMPILE) --extra dev --extra production -c $(PROD_LOCK) -o $(DEV_LOCK) \
	    setup.cfg requirements/venv.in

# Mailed links point at this server unless KONTORA_BASE_URL says otherwise.
run: export KONTORA_BASE_URL ?= http://$(HOST):$(PORT)
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
