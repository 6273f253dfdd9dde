# Campaign Canvas: `make run` opens the app, `make test` runs the checks (`make lint`: ruff and
# mypy --strict on all of canvas_app) and then the whole suite headless.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test fuzz lint bench package clean browser postgresql

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) main.py

# The suite runs on every core (at most 4 workers), a test file per worker at a time.
test: lint browser postgresql
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -n auto --maxprocesses 4 --dist loadfile

# The store, engine, command-line and server tests also run on PostgreSQL: the suite starts a
# throwaway cluster itself (tests/pg.py) with initdb/pg_ctl, installed here when running as root
# with apt (as CI does); elsewhere that leg skips, saying why.
postgresql:
	@if command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql \
		|| (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql) \
		|| echo "could not install PostgreSQL: its test leg will skip"; \
	else echo "not root or no apt-get: PostgreSQL not installed, its test leg will skip"; fi

# The workshop's real-browser test needs the distribution's Chromium and its driver: installed
# here when running as root with apt (as CI does); elsewhere the test says why it skips.
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver \
		|| (apt-get update -q && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -q chromium chromium-driver) \
		|| echo "could not install chromium: the browser test will skip"; \
	else echo "not root or no apt-get: chromium not installed, the browser test will skip"; fi

# The adversarial suite, long: 10x the examples of `make test` (>= 20,000 command invocations),
# plus the slow cases (idle connections, racing processes); prints the figures per category.
fuzz: $(STAMP)
	CANVAS_FUZZ_EXAMPLES=$${CANVAS_FUZZ_EXAMPLES:-10} QT_QPA_PLATFORM=offscreen \
		$(PY) -m pytest -q -p no:cacheprovider tests/reliability/adversarial

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) tests/benchmarks/run_all.py

package: $(STAMP)
	PY=$(PY) bash packaging/build.sh

lint: $(STAMP)
	$(VENV)/bin/ruff check canvas_app tests main.py
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
