# The two commands a newcomer needs: `make serve` and `make test`.
VENV ?= .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve test build offline bench bench-smoke clean

setup:
	@bash scripts/setup.sh

serve: setup            ## set up, then serve the site at http://127.0.0.1:8000/
	$(BIN)/mkdocs serve -a 127.0.0.1:8000

test:                   ## set up (packages + chromium), then run every test
	@bash scripts/setup.sh --browser
	$(BIN)/python -m pytest

build: setup            ## strict build into site/ (the old site is kept if the build fails)
	$(BIN)/python scripts/build_site.py

bench: setup            ## benchmark vs plain Material; writes bench/report.md (several minutes)
	$(BIN)/python scripts/bench.py

bench-smoke: setup      ## the benchmark in a quick smoke mode (what CI runs via tests/test_bench.py)
	$(BIN)/python scripts/bench.py --smoke

clean:
	rm -rf site $(VENV)
