# Campaign Canvas: `make run` opens the app, `make test` runs the checks (`make lint`: ruff and
# mypy --strict on all of canvas_app) and then the whole suite headless.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test fuzz lint bench package clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) main.py

test: lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

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
