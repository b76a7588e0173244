"""Odoo 11 exits 0 when its tests fail; our runner must not. Proven on a module with a broken test."""
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_native_runner_fails_on_a_broken_odoo_test():
    env = dict(os.environ, EXTRA_ADDONS=os.path.join(ROOT, "tests", "fixtures", "addons"),
               NATIVE_DB="crm_test_runner_check")
    run = subprocess.run(["bash", os.path.join(ROOT, "scripts", "test_native.sh"), "crm_broken_fixture"],
                         env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True,
                         timeout=900)
    subprocess.run(["bash", os.path.join(ROOT, "scripts", "db.sh"), "drop", "crm_test_runner_check"], check=False)
    assert run.returncode != 0, run.stdout
    assert "FAIL: test_deliberately_broken" in run.stdout
    assert "deliberately broken test" in run.stdout
    assert "Odoo tests: 1 run, 1 failures/errors logged" in run.stdout
