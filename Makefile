# The two commands a newcomer needs: `make serve` and `make test`.
VENV ?= .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve test build offline bench bench-smoke gates words clean

setup:
	@bash scripts/setup.sh

serve: setup            ## set up, then serve the site at http://127.0.0.1:8000/
	$(BIN)/mkdocs serve --dirty -a 127.0.0.1:8000

test:                   ## set up (packages + chromium), then run every test
	@bash scripts/setup.sh --browser
	$(BIN)/python -m pytest

build: setup            ## strict build into site/, with the offline zip in site/downloads/ (the old site is kept if the build fails)
	$(BIN)/python scripts/build_site.py

offline: setup          ## only the offline bundle: dist/zh-ai-reader-offline.zip (unzip, open index.html)
	$(BIN)/python scripts/build_site.py --offline-zip dist/zh-ai-reader-offline.zip

bench: setup            ## benchmark vs plain Material; writes bench/report.md (several minutes)
	$(BIN)/python scripts/bench.py

bench-smoke: setup      ## the benchmark in a quick smoke mode (what CI runs via tests/test_bench.py)
	$(BIN)/python scripts/bench.py --smoke

gates:                  ## the quality gates alone: bad input, injection, properties, links, HTML, Lighthouse, reproducibility
	@bash scripts/setup.sh --browser
	$(BIN)/python -m pytest tests/test_bad_input.py tests/test_injection_browser.py tests/test_properties.py tests/test_quality_gates.py

words: setup            ## the author's word report: words no dictionary knows and likely terms, per article
	$(BIN)/python scripts/words.py

clean:
	rm -rf site dist $(VENV) node_modules
