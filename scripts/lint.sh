#!/usr/bin/env bash
# flake8 over all our Python, pylint-odoo's mandatory checks over the add-ons.
source "$(dirname "$0")/env.sh"
cd "$ROOT"
say "Lint: flake8 + pylint-odoo"
"$LINT_VENV/bin/python" scripts/gen_readme.py --check
"$PY" scripts/i18n.py check
"$LINT_VENV/bin/flake8" addons tests bench scripts
"$LINT_VENV/bin/pylint" --rcfile=.pylintrc addons/crm_contact_history addons/crm_telephony addons/crm_complaints addons/crm_ticketing
echo "lint: clean"
