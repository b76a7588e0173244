#!/usr/bin/env bash
# make run: bootstrap, PostgreSQL, the demo database, then SERVERS Odoo servers (default 1, two workers each)
# on that one database behind nginx, in the foreground.
# SERVERS=N: server i (0-based) serves HTTP on ODOO_PORT+10000+100*i and longpolling on
# ODOO_LONGPOLLING_PORT+100*i; nginx on ODOO_PORT spreads requests and longpolling over them.
# ODOO_WORKERS (2), ODOO_CRON_THREADS (1) and ODOO_ARGS (more options for every server) tune them;
# RUN_LOG_DIR=DIR writes server i's log to DIR/server-i.log instead of the terminal.
source "$(dirname "$0")/env.sh"
bash "$ROOT/scripts/bootstrap.sh"
bash "$ROOT/scripts/pg.sh" start
servers="${SERVERS:-1}" longpolling_port="${ODOO_LONGPOLLING_PORT:-8072}"
[[ "$servers" =~ ^[1-9][0-9]?$ ]] || die "SERVERS must be a number from 1 to 99, not '$servers'"
http_ports=() longpolling_ports=()
for ((i = 0; i < servers; i++)); do
    http_ports+=($((ODOO_PORT + 10000 + 100 * i))); longpolling_ports+=($((longpolling_port + 100 * i)))
done
for port in "$ODOO_PORT" "${http_ports[@]}" "${longpolling_ports[@]}"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        die "port $port is in use (another 'make run'?). Stop it (make stop), or choose another port: make run ODOO_PORT=8070 ODOO_LONGPOLLING_PORT=8073"
    fi
done
bash "$ROOT/scripts/db.sh" ensure "$DEMO_DB"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
bash "$ROOT/scripts/proxy.sh" "$ODOO_PORT" "$(IFS=,; echo "${http_ports[*]}")" \
    "$(IFS=,; echo "${longpolling_ports[*]}")" "$LOCAL/run-proxy-$ODOO_PORT" &
pids+=($!)
cat >&2 <<MSG

  Odoo 11 with the Customer Service add-ons: http://localhost:$ODOO_PORT  (database $DEMO_DB, $servers server(s))
  Logins:  admin / admin              administrator (English)
           sales / sales              salesperson (customer file)
           agent / agent              telephony agent
           complaints / complaints    complaints user
           technician / technician    service technician
           portal / portal            customer portal of Müller Maschinenbau GmbH (/my)
  Stop with Ctrl-C (PostgreSQL keeps running: make stop). Fresh demo database: make reset && make run

MSG
for ((i = 0; i < servers; i++)); do
    log=()
    [ -n "${RUN_LOG_DIR:-}" ] && mkdir -p "$RUN_LOG_DIR" && log=(--logfile="$RUN_LOG_DIR/server-$i.log")
    # shellcheck disable=SC2086  # ODOO_ARGS: several options, split on purpose
    "$PY" "$ODOO_BIN" -c "$LOCAL/odoo.conf" -d "$DEMO_DB" --proxy-mode \
        --http-interface=127.0.0.1 --http-port="${http_ports[$i]}" --workers="${ODOO_WORKERS:-2}" \
        --longpolling-port="${longpolling_ports[$i]}" --max-cron-threads="${ODOO_CRON_THREADS:-1}" \
        --limit-time-real=600 "${log[@]}" ${ODOO_ARGS:-} &
    pids+=($!)
done
# the stack ends with the first of its processes that ends (Ctrl-C ends them all)
wait -n
