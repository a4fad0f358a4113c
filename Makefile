# Thin wrappers over scripts/. Pass extra arguments with ARGS="...",
# e.g. make test ARGS='-m "not browser"'.
PY := .venv/bin/python
ARGS ?=

.PHONY: setup run test sample bench clean

setup:
	bash scripts/setup.sh

run:
	bash scripts/run.sh $(ARGS)

test:
	bash scripts/test.sh $(ARGS)

# Regenerate the shipped sample files in sample_data/.
sample:
	bash scripts/setup.sh --runtime
	$(PY) -m analytics generate --out sample_data $(ARGS)

bench:
	@if [ -f benchmarks/run.py ]; then \
		bash scripts/setup.sh && $(PY) benchmarks/run.py $(ARGS); \
	else \
		echo "bench: no benchmarks/run.py yet"; \
	fi

# Caches and test output only; keeps .venv and data/ (your database).
clean:
	rm -rf test-artifacts .pytest_cache benchmarks/work
	find . -path ./.venv -prune -o -type d -name __pycache__ -prune -exec rm -rf {} +
