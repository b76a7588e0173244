#!/usr/bin/env bash
# Databases of this checkout.
#   db.sh template          build the template with our dependencies (once; rebuilt when incomplete)
#   db.sh fresh NAME [-- odoo args]  drop NAME, copy the template, install our four modules (+ odoo args)
#   db.sh ensure NAME       keep NAME when complete, update our modules when the code changed, else rebuild it
#   db.sh drop NAME
source "$(dirname "$0")/env.sh"
PSQL=("$PGBIN/psql" -qtAX -d postgres)

exists() { [ "$("${PSQL[@]}" -c "SELECT 1 FROM pg_database WHERE datname='$1'")" = 1 ]; }
installed_count() {  # how many of the given modules are installed in database $1
    local list="'${2//,/\',\'}'"
    "$PGBIN/psql" -qtAX -d "$1" -c "SELECT count(*) FROM ir_module_module WHERE state='installed' AND name IN ($list)" 2>/dev/null || echo 0
}
complete() { local n; n=$(tr ',' '\n' <<<"$2" | wc -l); [ "$(installed_count "$1" "$2")" = "$n" ]; }
german() {  # German loaded beside English, the demo company a German one
    [ "$("$PGBIN/psql" -qtAX -d "$1" -c "SELECT (SELECT count(*) FROM res_lang WHERE code IN ('de_DE', 'en_US') AND active)
        + (SELECT count(*) FROM res_company c JOIN res_partner p ON p.id = c.partner_id JOIN res_country k ON k.id = p.country_id
           WHERE c.id = 1 AND k.code = 'DE')")" = 3 ]
}
filestore() { echo "$LOCAL/data/filestore/$1"; }
drop() {
    exists "$1" && "${PSQL[@]}" -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname='$1'" >/dev/null \
        && "$PGBIN/dropdb" "$1"
    rm -rf "$(filestore "$1")"
}
odoo() {  # EXTRA_ADDONS: more addons folders, e.g. the test fixtures
    local extra=()
    if [ -n "${EXTRA_ADDONS:-}" ]; then
        extra=(--addons-path="$EXTRA_ADDONS,$(sed -n 's/^addons_path = //p' "$LOCAL/odoo.conf")")
    fi
    "$PY" "$ODOO_BIN" -c "$LOCAL/odoo.conf" "${extra[@]}" "$@"
}
addons_hash() { (cd "$ROOT/addons" && find . -type f ! -path '*/tests/*' ! -name '*.pyc' -print0 | sort -z | xargs -0 md5sum | md5sum | cut -c1-12); }

template() {
    # reused when complete and its files are there (a checkout removed and cloned again finds its cluster in /tmp)
    exists "$TEMPLATE_DB" && complete "$TEMPLATE_DB" "$BASE_MODULES" && german "$TEMPLATE_DB" \
        && [ -d "$(filestore "$TEMPLATE_DB")" ] && return 0
    local tmp="${TEMPLATE_DB}_building"
    say "Building the template database (Odoo apps our modules need, a German demo company; ~3-4 min, once)"
    drop "$TEMPLATE_DB"; drop "$tmp"
    "$PGBIN/createdb" -E UTF8 -T template0 "$tmp"
    # The demo company is a German GmbH (scripts/german_demo.py): named and in EUR before the apps come, in
    # Germany (country, VAT id, German staff) after, so that account loads SKR03 and no chart of its own.
    # English stays the main language (the administrator's, as in a new Odoo); German is added in a
    # separate step: loading it while the database is created would make it the only language.
    local run=(--stop-after-init --log-level=warn --logfile="$LOCAL/template.log")
    odoo -d "$tmp" -i base "${run[@]}" \
        && "$PY" "$ROOT/scripts/german_demo.py" "$LOCAL/odoo.conf" "$tmp" company \
        && odoo -d "$tmp" -i "$BASE_MODULES" "${run[@]}" \
        && odoo -d "$tmp" --load-language=de_DE "${run[@]}" \
        && "$PY" "$ROOT/scripts/german_demo.py" "$LOCAL/odoo.conf" "$tmp" staff \
        || die "building the template failed, see $LOCAL/template.log"
    complete "$tmp" "$BASE_MODULES" && german "$tmp" || die "template incomplete, see $LOCAL/template.log"
    "${PSQL[@]}" -c "ALTER DATABASE $tmp RENAME TO $TEMPLATE_DB"
    mkdir -p "$LOCAL/data/filestore"; mv "$(filestore "$tmp")" "$(filestore "$TEMPLATE_DB")"
}

fresh() {  # fresh NAME [extra odoo args]: the four modules installed on a copy of the template
    local name="$1"; shift
    template
    drop "$name"
    "$PGBIN/createdb" -T "$TEMPLATE_DB" "$name"
    mkdir -p "$(filestore "$name")"; cp -a "$(filestore "$TEMPLATE_DB")/." "$(filestore "$name")/"
    odoo -d "$name" -i "$MODULES" --stop-after-init "$@"
}

ensure() {
    local name="$1" log="$LOCAL/$1-install.log" stamp="$LOCAL/$1.addons-hash" h
    h="$(addons_hash)"
    if exists "$name" && complete "$name" "$MODULES"; then
        if [ "$(cat "$stamp" 2>/dev/null)" != "$h" ]; then
            say "Add-on code changed: updating the modules in $name"
            odoo -d "$name" -u "$MODULES" --stop-after-init --log-level=warn --logfile="$log" \
                || die "module update failed, see $log (or reset: make reset)"
            echo "$h" >"$stamp"
        fi
        return 0
    fi
    exists "$name" && say "Database $name is incomplete (interrupted run?): rebuilding it"
    say "Creating database $name with the four modules and demo data"
    fresh "$name" --log-level=warn --logfile="$log" || { drop "$name"; die "installing the modules failed, see $log"; }
    complete "$name" "$MODULES" || { drop "$name"; die "modules not installed, see $log"; }
    # the demo company keeps the public holidays of its Bundesland (the test databases choose their own)
    "$PY" "$ROOT/scripts/german_demo.py" "$LOCAL/odoo.conf" "$name" holidays >>"$log" 2>&1 \
        || { drop "$name"; die "writing the demo's public holidays failed, see $log"; }
    echo "$h" >"$stamp"
}

cmd="${1:-}"; shift || true
case "$cmd" in
    template) template ;;
    fresh) fresh "$@" ;;
    ensure) ensure "$@" ;;
    drop) drop "$1"; rm -f "$LOCAL/$1.addons-hash" ;;
    *) die "usage: $0 template|fresh NAME|ensure NAME|drop NAME" ;;
esac
