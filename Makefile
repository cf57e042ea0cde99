# Two commands on a fresh machine: `make report` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
CHROMIUM := /usr/bin/chromium
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9]*.ipynb))

.PHONY: report test lab install install-test chromium annotate notebooks-html clean

# --- install -------------------------------------------------------------------------------------------------
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

chromium:
	@test -x $(CHROMIUM) || { echo "installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get install -y chromium || { $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium; }; }

# --- the two commands -----------------------------------------------------------------------------------------
# notebook kernels talk over local sockets (ipc): no TCP port, no "running over TCP without encryption" warning
report: $(VENV)/.installed
	$(BIN)/python -m toolkit annotate seeds/ --out build/seeds
	@mkdir -p reports/notebooks
	cd notebooks && for nb in $(notdir $(NOTEBOOKS)); do \
	  ../$(BIN)/jupyter nbconvert --to offline_html --execute --log-level=WARN --KernelManager.transport=ipc \
	    --output-dir ../reports/notebooks "$$nb" || exit 1; \
	done
	@$(BIN)/python -m toolkit report build/seeds --out reports/seeds.html --title "Russia–US–NATO security talks (seed articles)"

test: $(VENV)/.installed-test chromium
	$(BIN)/python -m pytest

# --- for analysts ------------------------------------------------------------------------------------------------
# the project folder is the server root (sentence panels link to ../seeds/…); the file browser opens on notebooks/
lab: $(VENV)/.installed
	$(BIN)/jupyter lab --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks

clean:
	rm -rf build reports test-artifacts
