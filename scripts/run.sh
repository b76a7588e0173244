#!/usr/bin/env bash
# make run: bootstrap, PostgreSQL, the demo database, then Odoo in the foreground.
source "$(dirname "$0")/env.sh"
bash "$ROOT/scripts/bootstrap.sh"
bash "$ROOT/scripts/pg.sh" start
if (exec 3<>"/dev/tcp/127.0.0.1/$ODOO_PORT") 2>/dev/null; then
    die "port $ODOO_PORT is in use (another 'make run'?). Stop it, or choose another port: make run ODOO_PORT=8070"
fi
bash "$ROOT/scripts/db.sh" ensure "$DEMO_DB"
cat >&2 <<MSG

  Odoo 11 with the Customer Service add-ons: http://localhost:$ODOO_PORT  (database $DEMO_DB)
  Logins:  admin / admin              administrator
           sales / sales              salesperson (customer file)
           agent / agent              telephony agent
           complaints / complaints    complaints user
           technician / technician    service technician
  Stop with Ctrl-C (PostgreSQL keeps running: make stop). Fresh demo database: make reset && make run

MSG
exec "$PY" "$ODOO_BIN" -c "$LOCAL/odoo.conf" -d "$DEMO_DB" --db-filter="^$DEMO_DB\$" \
    --http-port="$ODOO_PORT" --workers="${ODOO_WORKERS:-2}" --longpolling-port="${ODOO_LONGPOLLING_PORT:-8072}" \
    --max-cron-threads=1 --limit-time-real=600
