#!/usr/bin/env bash
# flake8 over all our Python; over the add-ons, OCA's mandatory pylint-odoo checks for 11.0 (.pylintrc) and the
# successors of those pylint-odoo no longer has: external imports, PO files, reStructuredText.
# Every check runs; the lint fails at the end when any of them found something.
source "$(dirname "$0")/env.sh"
cd "$ROOT"
ADDONS=(addons/crm_contact_history addons/crm_telephony addons/crm_complaints addons/crm_ticketing)
po_files=(); rst_files=()
for addon in "${ADDONS[@]}"; do
    po_files+=("$addon"/i18n/*.po "$addon"/i18n/*.pot)
    rst_files+=("$addon"/README.rst "$addon"/readme/*.rst)
done
failed=""
check() { local name="$1"; shift; "$@" || failed="$failed $name"; }

say "Lint: flake8 + pylint-odoo (OCA's mandatory set for 11.0)"
check readme "$LINT_VENV/bin/python" scripts/gen_readme.py --check
check i18n "$PY" scripts/i18n.py check
check flake8 "$LINT_VENV/bin/flake8" addons tests bench scripts
check pylint-odoo "$LINT_VENV/bin/pylint" --rcfile=.pylintrc "${ADDONS[@]}"
check external-imports "$LINT_VENV/bin/python" scripts/lint_external_imports.py "${ADDONS[@]}"
check po "$LINT_VENV/bin/oca-checks-po" \
    --enable=po-syntax-error,po-requires-module,po-duplicate-message-definition,po-python-parse-printf,po-python-parse-format \
    "${po_files[@]}"
check rst "$LINT_VENV/bin/rst-lint" --level=info "${rst_files[@]}"
[ -z "$failed" ] || die "lint found problems:$failed"
echo "lint: clean"
