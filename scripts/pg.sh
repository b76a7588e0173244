#!/usr/bin/env bash
# Project-local PostgreSQL: own data directory, own port, own socket folder, run as the postgres user.
# Usage: pg.sh start|stop|status
source "$(dirname "$0")/env.sh"

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
running() { as_pg "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; }

start() {
    if [ ! -f "$PGDATA/PG_VERSION" ]; then
        say "Creating the project's PostgreSQL cluster in $PGDATA (port $PGPORT)"
        rm -rf "$PGDATA"
        mkdir -p "$PGDATA" "$PGSOCK"
        [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$PGHOME"
        as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PGHOME/initdb.log" 2>&1 \
            || die "initdb failed, see $PGHOME/initdb.log"
        cat >>"$PGDATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PGPORT
unix_socket_directories = '$PGSOCK'
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 2GB
work_mem = 32MB
maintenance_work_mem = 512MB
max_connections = 200
CONF
    fi
    mkdir -p "$PGSOCK"; [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGSOCK"
    # clusters made before: a million partners and their indexes (1 GB) fit in PostgreSQL's own memory
    grep -q '^shared_buffers = 512MB' "$PGDATA/postgresql.conf" \
        && sed -i 's/^shared_buffers = 512MB/shared_buffers = 2GB/' "$PGDATA/postgresql.conf" \
        && running && as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w restart -l "$PGHOME/postgresql.log" \
            -o "-p $PGPORT" >/dev/null
    if running; then return 0; fi
    # A pid file left by a killed server blocks the start: remove it when its process is gone.
    if [ -f "$PGDATA/postmaster.pid" ]; then
        pid="$(head -1 "$PGDATA/postmaster.pid")"
        if ! kill -0 "$pid" 2>/dev/null; then
            say "Removing stale PostgreSQL pid file (process $pid is gone)"
            rm -f "$PGDATA/postmaster.pid"
        fi
    fi
    if port_busy "$PGPORT"; then
        die "port $PGPORT is used by another program; choose another one: PGPORT=<free port> make ..."
    fi
    as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGHOME/postgresql.log" -o "-p $PGPORT" -w -t 60 start >/dev/null \
        || die "PostgreSQL did not start, see $PGHOME/postgresql.log"
    as_pg "$PGBIN/psql" -h "$PGSOCK" -p "$PGPORT" -U postgres -d postgres -qtAc \
        "SELECT 1 FROM pg_roles WHERE rolname='$PGUSER_ODOO'" | grep -q 1 \
        || as_pg "$PGBIN/psql" -h "$PGSOCK" -p "$PGPORT" -U postgres -d postgres -qc \
            "CREATE ROLE $PGUSER_ODOO LOGIN CREATEDB SUPERUSER" >/dev/null
}

case "${1:-start}" in
    start) start ;;
    stop) if running; then as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null; say "PostgreSQL stopped"; fi ;;
    status) running && echo "PostgreSQL running on port $PGPORT, socket $PGSOCK" || echo "PostgreSQL not running" ;;
    *) die "usage: $0 start|stop|status" ;;
esac
