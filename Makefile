# Two entry points for a fresh machine with Python 3.11+: `make demo` and `make test`.
# PYTHON: the interpreter .venv is made with (and links to). On a server, one every user may
# run (/usr/bin/python3.11), not one under a private home folder: `make` warns about that.
# Everything is installed into ./.venv from the hashed lock file requirements.lock.
PYTHON ?= python3
VENV := .venv
TOOLS := .tools
UV := $(TOOLS)/bin/uv
STAMP := $(VENV)/.installed
export UV_PYTHON_DOWNLOADS := never

.PHONY: demo test lint format lock bench clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet uv==0.13.9

$(STAMP): requirements.lock pyproject.toml | $(UV)
	$(UV) venv --quiet --allow-existing --python $(PYTHON) $(VENV)
	$(UV) pip sync --quiet --python $(VENV)/bin/python --require-hashes --compile-bytecode \
		requirements.lock
	$(UV) pip install --quiet --python $(VENV)/bin/python --no-deps \
		--config-settings editable_mode=compat -e .
	$(VENV)/bin/python -m compileall -q bot storage reports
	sh deploy/check-interpreter.sh $(VENV)/bin/python
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/klachtenbot demo

# Installs Dovecot for the IMAP tests when it may (root with apt-get); the run ends with one
# line naming any group of tests that was skipped and how to enable it.
test: $(STAMP)
	bash .ci/dovecot --if-possible
	$(VENV)/bin/python -m pytest -n 2 --dist loadgroup

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The performance targets of the issues, each printing its figures (a few minutes in all).
bench: $(STAMP)
	$(VENV)/bin/python bench/intake.py
	$(VENV)/bin/python bench/slack_ack.py
	$(VENV)/bin/python bench/reports.py
	$(VENV)/bin/python bench/find.py
	$(VENV)/bin/python bench/hostile.py
	$(VENV)/bin/python bench/startup.py
	$(VENV)/bin/python bench/clock.py
	$(VENV)/bin/python bench/teams.py
	$(VENV)/bin/python bench/teams_invoke.py
	$(VENV)/bin/python bench/decisions.py

# Re-pin every dependency after editing pyproject.toml.
lock: $(UV)
	$(UV) pip compile pyproject.toml --group pyproject.toml:dev --generate-hashes \
		--universal --python-version 3.11 --quiet -o requirements.lock

clean:
	rm -rf $(VENV) $(TOOLS)
