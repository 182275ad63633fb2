# Two commands for a new user: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-test
RUNSTAMP := $(VENV)/.installed

.PHONY: run test bench bench-quick clean bytecode browser tools
SOURCES := tui screens data widgets

$(RUNSTAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[serve]'
	touch $@

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@ $(RUNSTAMP)

# An editable install leaves the sources uncompiled, and with PYTHONDONTWRITEBYTECODE set (as on
# some machines) every start would compile them again: ~20 ms. Up-to-date files are skipped.
# (`python -m bench` compiles them itself.)
bytecode: $(RUNSTAMP)
	@$(BIN)/python -m compileall -q $(SOURCES)

run: $(RUNSTAMP) bytecode
	$(BIN)/attune $(ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

# The browser the browser test drives: Debian's chromium (CI runs this; without it `make test`
# skips that one test and says why).
browser:
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)

# The standard age tool, which the encryption test opens a month file with (without it, that test
# uses rage through pyrage, the same format).
tools: browser
	command -v age >/dev/null || (apt-get update -qq && apt-get install -y -qq age)

bench: $(STAMP)
	$(BIN)/python -m bench $(BENCH_ARGS)

bench-quick: $(STAMP)
	$(BIN)/python -m bench --quick

clean:
	rm -rf $(VENV)
