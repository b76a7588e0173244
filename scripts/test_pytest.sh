#!/usr/bin/env bash
# The pytest layer: tests/ against a real Odoo server that the session fixture starts.
source "$(dirname "$0")/env.sh"
cd "$ROOT"
say "pytest: tests/ against a live Odoo server"
exec "$PY" -m pytest "$@"
