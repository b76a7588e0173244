#!/usr/bin/env bash
# make bench: the bench database with the four modules, 1 M synthetic partners, then every benchmark.
source "$(dirname "$0")/env.sh"
db="${BENCH_DB:-crm_bench}"
bash "$ROOT/scripts/db.sh" ensure "$db"
say "Loading synthetic data into $db (skipped when present)"
"$PY" "$ROOT/bench/load.py" "$db" --partners "${BENCH_PARTNERS:-1000000}"
say "Benchmarks"
"$PY" "$ROOT/bench/run.py" "$db" "$LOCAL/odoo.conf" "$@"
