# carelead: the single entry point. `make demo` sets up and runs; `make test` tests.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export UV_LINK_MODE ?= copy
UV ?= uv
PYTHON := $(UV) run python
MANAGE := $(UV) run python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help
help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

.PHONY: uv
uv: ## Install uv if it is missing
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	@command -v pyenv >/dev/null 2>&1 && pyenv rehash || true

.PHONY: install
install: uv system ## Install Python and npm dependencies and build the assets
	$(UV) sync --frozen
	npm ci --no-audit --no-fund
	npm run build

.PHONY: system
system: ## Install the system libraries PDF output needs (Pango, for WeasyPrint) if missing
	@ldconfig -p | grep -q libpangoft2-1.0 || { \
		echo "Installing Pango (PDF output) with apt-get"; \
		apt-get update -qq && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0; }

.PHONY: assets
assets: ## Rebuild CSS, JS and images into assets/dist
	npm run build

.PHONY: migrate
migrate: ## Apply database migrations
	$(MANAGE) migrate --noinput

.PHONY: seed
seed: migrate ## Load reference data and seed the demo region (deterministic)
	$(MANAGE) load_reference_data
	$(MANAGE) load_frameworks
	$(MANAGE) load_appraisal_templates
	$(MANAGE) load_talent_reference
	$(MANAGE) seed_demo

.PHONY: demo
demo: install seed run ## Install, seed demo data on SQLite and start the service

.PHONY: run
run: ## Start the development server and the task worker
	@$(MANAGE) demo_logins --url http://$(HOST):$(PORT)/ 2>/dev/null || true
	@echo
	@echo "carelead is starting at http://$(HOST):$(PORT)/ (stop with Ctrl+C)"
	@trap 'kill 0' EXIT; $(MANAGE) db_worker & $(MANAGE) runserver $(HOST):$(PORT)

.PHONY: serve
serve: ## Production serving: gunicorn + WhiteNoise (set DJANGO_ENV=production, SECRET_KEY, DATABASE_URL)
	$(MANAGE) collectstatic --noinput
	$(MANAGE) migrate --noinput
	$(UV) run gunicorn carelead.config.wsgi:application --bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-3} --access-logfile -

.PHONY: worker
worker: ## Run the background task worker
	$(MANAGE) db_worker

.PHONY: test
test: ## Run the whole test suite (installs first; set DATABASE_URL for PostgreSQL)
	$(MAKE) install
	$(UV) run pytest $(PYTEST_ARGS)

.PHONY: test-unit
test-unit: ## Run the tests without browser tests
	$(UV) run pytest -m "not browser"

.PHONY: lint
lint: ## ruff check and format check, and a check for missing migrations
	$(UV) run ruff check .
	$(UV) run ruff format --check .
	$(MANAGE) makemigrations --check --dry-run

.PHONY: format
format: ## Fix what ruff can fix
	$(UV) run ruff check --fix .
	$(UV) run ruff format .

.PHONY: bench
bench: ## Run the benchmarks (ROWS=100000 by default)
	$(PYTHON) bench/import_workforce.py --rows $${ROWS:-100000}
	$(PYTHON) bench/import_new_starters.py
	$(PYTHON) bench/appraisal_dashboard.py
	$(PYTHON) bench/calibration_page.py
