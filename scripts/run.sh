#!/usr/bin/env bash
# make run: bootstrap, PostgreSQL, the demo database, then Odoo (two workers behind nginx) in the foreground.
source "$(dirname "$0")/env.sh"
bash "$ROOT/scripts/bootstrap.sh"
bash "$ROOT/scripts/pg.sh" start
http_port=$((ODOO_PORT + 10000)) longpolling_port="${ODOO_LONGPOLLING_PORT:-8072}"
for port in "$ODOO_PORT" "$http_port" "$longpolling_port"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        die "port $port is in use (another 'make run'?). Stop it (make stop), or choose another port: make run ODOO_PORT=8070 ODOO_LONGPOLLING_PORT=8073"
    fi
done
bash "$ROOT/scripts/db.sh" ensure "$DEMO_DB"
bash "$ROOT/scripts/proxy.sh" "$ODOO_PORT" "$http_port" "$longpolling_port" "$LOCAL/run-proxy" &
proxy_pid=$!
trap 'kill $proxy_pid 2>/dev/null || true' EXIT
cat >&2 <<MSG

  Odoo 11 with the Customer Service add-ons: http://localhost:$ODOO_PORT  (database $DEMO_DB)
  Logins:  admin / admin              administrator (English)
           sales / sales              salesperson (customer file)
           agent / agent              telephony agent
           complaints / complaints    complaints user
           technician / technician    service technician
           portal / portal            customer portal of Müller Maschinenbau GmbH (/my)
  Stop with Ctrl-C (PostgreSQL keeps running: make stop). Fresh demo database: make reset && make run

MSG
"$PY" "$ODOO_BIN" -c "$LOCAL/odoo.conf" -d "$DEMO_DB" --proxy-mode \
    --http-interface=127.0.0.1 --http-port="$http_port" --workers="${ODOO_WORKERS:-2}" \
    --longpolling-port="$longpolling_port" --max-cron-threads=1 --limit-time-real=600
