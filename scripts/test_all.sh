#!/usr/bin/env bash
# make test: lint, Odoo-native tests, then pytest. Every layer runs even when an earlier one failed;
# the run ends with pytest's summary line and exits non-zero when any layer failed.
source "$(dirname "$0")/env.sh"
set +e
failed=""
bash "$ROOT/scripts/lint.sh" || failed="$failed lint"
bash "$ROOT/scripts/test_native.sh" || failed="$failed odoo-native"
[ -n "$failed" ] && printf '\033[31mFAILED layers so far:%s (details above); running pytest anyway\033[0m\n' "$failed" >&2
bash "$ROOT/scripts/test_pytest.sh" "$@"
rc=$?
[ -z "$failed" ] && exit $rc
exit 1
