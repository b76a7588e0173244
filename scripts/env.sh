# Shared settings of the project's scripts; sourced, never run.
# Every path is derived from the checkout so two clones never share state.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
LINT_VENV="$ROOT/.venv-lint"
LOCAL="$ROOT/.local"                     # ignored: config, logs, stamps, filestore
PY="$VENV/bin/python"
ODOO_BIN="$ROOT/scripts/odoo-bin"
MODULES="${CRM_MODULES:-crm_contact_history,crm_telephony,crm_complaints,crm_ticketing}"
# OCA add-ons of the co-installation test (requirements-test.txt, installed by bootstrap.sh) and the Odoo
# modules it installs next to ours.
OCA_DIR="$LOCAL/oca"
OCA_ADDONS="$OCA_DIR/odoo/addons"
OCA_MODULES="crm,crm_phonecall,base_phone,crm_phone,crm_claim,helpdesk_mgmt"
# Modules our add-ons depend on: installed once into a template database that every test database copies.
BASE_MODULES="contacts,mail,calendar,sale_management,account_invoicing,l10n_de_skr03,base_automation,hr_timesheet"

# PostgreSQL lives outside the checkout (the postgres user cannot enter root's home) in a per-checkout folder.
CHECKOUT_ID="$(printf '%s' "$ROOT" | md5sum | cut -c1-8)"
PGBIN="${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
PGHOME="${PGHOME:-/tmp/crm-pg-$CHECKOUT_ID}"
PGDATA="$PGHOME/data"
PGSOCK="$PGHOME/run"
PGPORT="${PGPORT:-$((54000 + 0x${CHECKOUT_ID:0:3} % 900))}"
PGUSER_ODOO="odoo"
export PGHOST="$PGSOCK" PGPORT PGUSER="$PGUSER_ODOO"

ODOO_PORT="${ODOO_PORT:-8069}"
DEMO_DB="${DEMO_DB:-crm_demo}"
TEMPLATE_DB="crm_template_base"

export PATH="$ROOT/node_modules/.bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf '\033[31mERROR: %s\033[0m\n' "$*" >&2; exit 1; }
