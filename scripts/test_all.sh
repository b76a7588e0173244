#!/usr/bin/env bash
# make test: lint, Odoo-native tests, the co-installation pass next to OCA's modules, then pytest. Every layer
# runs even when an earlier one failed; the run ends with pytest's summary line and exits non-zero when any
# layer failed.
source "$(dirname "$0")/env.sh"
set +e
failed=""
bash "$ROOT/scripts/lint.sh" || failed="$failed lint"
bash "$ROOT/scripts/test_native.sh" || failed="$failed odoo-native"
[ -n "$failed" ] && printf '\033[31mFAILED layers so far:%s (details above); running pytest anyway\033[0m\n' "$failed" >&2
# The co-installation pass: our add-ons next to the OCA modules firms run (tests/test_coinstall_oca.py plus a
# story of each module on that database; ~2-3 min). Skipped when PYTEST_ARGS select single tests.
if [ $# = 0 ]; then
    bash "$ROOT/scripts/test_pytest.sh" --oca || failed="$failed co-installation"
fi
bash "$ROOT/scripts/test_pytest.sh" "$@"
rc=$?
[ -z "$failed" ] && exit $rc
exit 1
