# Two commands a user needs: `make demo` and `make test`. Both install what is missing first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
export DEBIAN_FRONTEND := noninteractive

.PHONY: demo test lint bench browser xvfb clean

demo: browser $(STAMP)
	$(BIN)/optout demo

test: browser xvfb $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .

bench: browser $(STAMP)
	$(BIN)/python -m bench

# Debian packages, installed with apt-get when missing: $(call apt,<packages>,<commands they provide>).
define apt
@if $(foreach c,$(2),command -v $(c) >/dev/null 2>&1 &&) true; then :; else \
  echo "installing Debian's $(1)"; \
  $(SUDO) apt-get install -y -q $(1) >/dev/null 2>&1 || \
  { $(SUDO) apt-get update -q >/dev/null && $(SUDO) apt-get install -y -q $(1) >/dev/null; } || \
  { echo "could not install $(1) with apt-get; install it, then run make again"; exit 3; }; \
fi
endef

browser:
	$(call apt,chromium chromium-driver,chromium chromedriver)

# A virtual X display, for the tests of --headed (a visible browser window).
xvfb:
	$(call apt,xvfb,Xvfb)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Python 3.11 or newer is needed (found $$($(PYTHON) --version))"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

clean:
	rm -rf $(VENV) runs .pytest_cache
