#!/usr/bin/env bash
# Odoo-native tests of the four modules on a fresh throw-away database; fails on any logged failure.
# Usage: test_native.sh [modules]   (default: all four)
source "$(dirname "$0")/env.sh"
mods="${1:-$MODULES}"
db="${NATIVE_DB:-crm_test_native}"
log="$LOCAL/test-native-$db.log"
rm -f "$log"
say "Odoo-native tests of $mods (log: $log)"
rc=0
# --test-enable starts Odoo's HTTP server (for HttpCase): give it a free port, never another server's 8069
port="$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
CRM_MODULES="$mods" bash "$ROOT/scripts/db.sh" fresh "$db" --test-enable --http-port="$port" --log-level=test \
    --logfile="$log" || rc=$?
# Odoo 11 mostly exits 0 on failed tests: the log decides.
"$PY" "$ROOT/scripts/check_odoo_log.py" "$log" || rc=1
[ "$rc" = 0 ] || die "Odoo-native tests failed (log: $log)"
