# The entry point for every routine task. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-12s %s\n", $$1, $$2}'

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the pinned requirements

run: install ## Migrate, load the demo site and serve it with a Celery worker and beat at http://127.0.0.1:8000
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo ""
	@echo "  Public site:  http://127.0.0.1:8000/   (English: http://127.0.0.1:8000/en/)"
	@echo "  Admin:        http://127.0.0.1:8000/admin/"
	@$(PY) manage.py shell --no-imports -c "from django.conf import settings as s; l = s.DEMO_STAFF_LOGIN; print(f'  Demo staff:   {l[\"username\"]} / {l[\"password\"]}')"
	@$(PY) manage.py shell --no-imports -c "from django.conf import settings as s; from cases.demo import DEMO_USERS, DEMO_REFERRER_EMAIL as r; print('  Demo roles:   ' + ', '.join(u for u, *_ in DEMO_USERS) + ' / ' + s.DEMO_STAFF_LOGIN['password']); from django.urls import reverse; print(f'  Referrer:     http://127.0.0.1:8000{reverse(\"cases_referrer_link\")} with {r} (the sign-in link is printed below)')"
	@echo "  2FA code:     $(PY) manage.py demo_otp <username>   (demo TOTP key GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ)"
	@echo "  Health:       http://127.0.0.1:8000/healthz"
	@echo ""
	@trap 'kill 0' EXIT; \
	$(BIN)/celery -A config worker --loglevel=INFO --concurrency=2 & \
	$(BIN)/celery -A config beat --loglevel=INFO & \
	$(PY) manage.py runserver 127.0.0.1:8000

test: install ## Run ruff and the whole test suite (PostgreSQL/Redis/Chromium suites run when available)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

lint: install ## Check style with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Fix style with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations: install ## Create migrations for changed models
	$(PY) manage.py makemigrations

messages: install ## Update the translation catalogues (needs gettext) and compile them
	$(PY) manage.py makemessages -l it -l en --no-obsolete --ignore='.venv/*' --ignore='var/*' --ignore='static_collected/*' --ignore='media/*'
	$(PY) manage.py compilemessages --ignore='.venv/*'

benchmark: install ## Print the benchmark figures
	for script in benchmarks/*.py; do $(PY) $$script || exit 1; done

backup: install ## Back up the PostgreSQL database and the private and media files into BACKUP_DIR (var/backups)
	$(PY) manage.py backup

restore: install ## Restore a backup into an empty database: make restore FROM=var/backups/sil-... [FORCE=1]
	@test -n "$(FROM)" || { echo "Usage: make restore FROM=path/to/backup-folder [FORCE=1]"; exit 2; }
	$(PY) manage.py restore "$(FROM)" $(if $(FORCE),--force)

clean: ## Remove the virtualenv, the local database and caches
	rm -rf $(VENV) var .pytest_cache .ruff_cache static_collected

.PHONY: help install run test lint format migrations messages benchmark backup restore clean
