#!/usr/bin/env bash
# Installs what is missing, idempotently: Debian packages, the Python 3.7 environment with the pinned
# Odoo 11 suite, the lint environment, lessc. A second run only checks stamps and returns in a second.
source "$(dirname "$0")/env.sh"
mkdir -p "$LOCAL"

APT_PACKAGES="libldap2-dev libsasl2-dev libpq-dev wkhtmltopdf poppler-utils chromium chromium-driver nginx-light"
missing=""
for p in $APT_PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    [ "$(id -u)" = 0 ] || die "Debian packages missing:$missing — run: sudo apt-get install$missing"
    say "Installing Debian packages:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq $missing >"$LOCAL/apt.log" 2>&1 \
        || die "apt-get install failed, see $LOCAL/apt.log"
fi
[ -x "$PGBIN/initdb" ] || die "PostgreSQL server binaries not found (looked in /usr/lib/postgresql/*/bin): apt-get install postgresql"

# Python 3.7: Odoo 11 supports 3.5-3.7 only.
find_py37() {
    local c
    for c in "${PYTHON37:-}" "$(pyenv root 2>/dev/null)"/versions/3.7*/bin/python3.7 /usr/local/bin/python3.7 /usr/bin/python3.7; do
        [ -n "$c" ] && [ -x "$c" ] && { echo "$c"; return 0; }
    done
    return 1
}
# The OCA add-ons at the end of requirements-test.txt (from "# OCA add-ons" on) never go into .venv: see
# .local/oca below.
venv_requirements() { cat "$ROOT/requirements.txt"; sed '/^# OCA add-ons/,$d' "$ROOT/requirements-test.txt"; }
oca_requirements() { sed -n '/^# OCA add-ons/,$p' "$ROOT/requirements-test.txt" | grep '^odoo11-addon-' || true; }
req_hash="$(venv_requirements | md5sum | cut -c1-12)"
if [ ! -f "$VENV/.stamp-$req_hash" ]; then
    py37="$(find_py37)" || die "Python 3.7 not found: install it with 'pyenv install 3.7.16' or set PYTHON37=/path/to/python3.7"
    say "Building the Python 3.7 environment in .venv (pinned Odoo 11 suite, ~2 min)"
    [ -x "$VENV/bin/python" ] || "$py37" -m venv "$VENV"
    pipq() { "$VENV/bin/pip" install -q --disable-pip-version-check "$@" 2>&1 | grep -v "is ignored: it is neither" || true; }
    # vatnumber 1.2 needs use_2to3, i.e. setuptools<58 without build isolation.
    pipq 'setuptools<58' wheel
    pipq --no-build-isolation vatnumber==1.2
    venv_requirements >"$LOCAL/requirements-venv.txt"
    pipq -r "$LOCAL/requirements-venv.txt"
    "$VENV/bin/python" -c "import odoo, odoo.addons.sale_management, erppeek, selenium, phonenumbers" \
        || die "the Python environment is incomplete; remove .venv and run again"
    rm -f "$VENV"/.stamp-* && touch "$VENV/.stamp-$req_hash"
fi

# OCA add-ons for the co-installation test, in a folder of their own (never on the default addons path).
oca_hash="$(oca_requirements | md5sum | cut -c1-12)"
if [ ! -f "$OCA_DIR/.stamp-$oca_hash" ]; then
    say "Installing the OCA add-ons of the co-installation test into .local/oca"
    rm -rf "$OCA_DIR"
    oca_requirements >"$LOCAL/requirements-oca.txt"
    "$VENV/bin/pip" install -q --disable-pip-version-check --no-deps --target "$OCA_DIR" \
        -r "$LOCAL/requirements-oca.txt" 2>&1 | grep -v "is ignored: it is neither" || true
    for module in $(oca_requirements | sed 's/^odoo11-addon-//; s/==.*//; s/-/_/g'); do
        [ -f "$OCA_ADDONS/$module/__manifest__.py" ] || die "OCA add-on $module missing in $OCA_ADDONS; remove it and run again"
    done
    touch "$OCA_DIR/.stamp-$oca_hash"
fi

lint_hash="$(md5sum < "$ROOT/requirements-lint.txt" | cut -c1-12)"
if [ ! -f "$LINT_VENV/.stamp-$lint_hash" ]; then
    say "Building the lint environment in .venv-lint"
    [ -x "$LINT_VENV/bin/python" ] || python3 -m venv "$LINT_VENV"
    "$LINT_VENV/bin/pip" install -q --disable-pip-version-check -r "$ROOT/requirements-lint.txt" 2>&1 \
        | grep -v "is ignored: it is neither" || true
    "$LINT_VENV/bin/python" -c "import pylint_odoo, flake8" || die "lint environment incomplete; remove .venv-lint"
    rm -f "$LINT_VENV"/.stamp-* && touch "$LINT_VENV/.stamp-$lint_hash"
fi

if [ ! -x "$ROOT/node_modules/.bin/lessc" ]; then
    command -v npm >/dev/null || die "npm not found: apt-get install npm"
    say "Installing lessc (npm, less@3.13.1)"
    (cd "$ROOT" && npm install --no-audit --no-fund --silent >"$LOCAL/npm.log" 2>&1) || die "npm install failed, see $LOCAL/npm.log"
fi

# Odoo configuration of this checkout.
addons_core="$("$PY" -c 'import odoo.addons, os; print(",".join(p for p in odoo.addons.__path__ if os.path.isdir(p)))')"
cat > "$LOCAL/odoo.conf" <<CONF
[options]
addons_path = $ROOT/addons,$addons_core
data_dir = $LOCAL/data
db_host = $PGSOCK
db_port = $PGPORT
db_user = $PGUSER_ODOO
db_password = False
admin_passwd = admin
list_db = True
without_demo = False
CONF
