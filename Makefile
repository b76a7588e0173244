# The two commands: `make run` serves the demo, `make test` runs every test layer.
.PHONY: run test bootstrap test-native test-pytest lint bench stop reset clean

ODOO_PORT ?= 8069
export ODOO_PORT

run:
	@bash scripts/run.sh

bootstrap:
	@bash scripts/bootstrap.sh
	@bash scripts/pg.sh start

# Lint (seconds), Odoo-native tests, then pytest; all layers run, pytest's summary line ends the run.
test: bootstrap
	@bash scripts/test_all.sh $(PYTEST_ARGS)

lint:
	@bash scripts/lint.sh

test-native:
	@bash scripts/test_native.sh $(MODULES)

test-pytest:
	@bash scripts/test_pytest.sh $(PYTEST_ARGS)

bench: bootstrap
	@bash scripts/bench.sh $(BENCH_ARGS)

stop:
	@-pkill -f "scripts/odoo-bin -c $(CURDIR)/.local/odoo.conf" || true
	@-pkill -f "nginx -c $(CURDIR)/.local/" || true
	@bash scripts/pg.sh stop

reset:
	@bash scripts/pg.sh start
	@bash scripts/db.sh drop crm_demo
	@echo "demo database dropped: the next 'make run' creates it anew"

clean: stop
	@bash -c 'source scripts/env.sh; rm -rf "$$PGHOME" .local'
