"""Run every benchmark in bench/bench_*.py inside an Odoo process on the bench database.

Each benchmark module defines `benchmarks(env)` yielding Result tuples, or `benchmarks_over_http(dbname, conf)`
when it drives servers of its own and holds no cursor here (bench_call_load.py restarts PostgreSQL); `ADDON`
names the add-on it needs when the file name does not. Both sides of a comparison are measured here, in the
same run, on the same data. Results are printed, never asserted: a slow machine
does not fail anything.

Usage: python bench/run.py DBNAME ODOO_CONF [file name filter, e.g. crm_telephony]"""
import glob
import importlib
import os
import statistics
import sys
import time
from collections import namedtuple

import odoo

HERE = os.path.dirname(os.path.abspath(__file__))
Result = namedtuple("Result", "name ours_ms baseline_ms note")


def timed(func, repeat=20, warmup=2):
    """Median wall time of func() in ms, and the last result."""
    result = None
    for _ in range(warmup):
        result = func()
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = func()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples), result


def p95(samples):
    ordered = sorted(samples)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


def report(result):
    ratio = result.baseline_ms / result.ours_ms if result.ours_ms else float("inf")
    line = "%s: ours %.2f ms, baseline %.2f ms, ratio %.1f" % (result.name, result.ours_ms, result.baseline_ms, ratio)
    if result.note:
        line += "  (%s)" % result.note
    print(line, flush=True)


def main(dbname, conf, pattern=""):
    odoo.tools.config.parse_config(["-c", conf, "-d", dbname, "--log-level=warn"])
    sys.path.insert(0, os.path.dirname(HERE))
    registry = odoo.registry(dbname)
    files = sorted(glob.glob(os.path.join(HERE, "bench_*.py")))
    if not files:
        print("no benchmarks in bench/bench_*.py yet")
    for path in files:
        if pattern and pattern not in os.path.basename(path):
            continue
        module = importlib.import_module("bench." + os.path.basename(path)[:-3])
        addon = getattr(module, "ADDON", os.path.basename(path)[len("bench_"):-3])  # bench_<addon>.py
        with odoo.api.Environment.manage(), registry.cursor() as cr:
            installed = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})["ir.module.module"].search_count(
                [("name", "=", addon), ("state", "=", "installed")])
        if not installed:
            print("%s: skipped, %s is not installed in %s" % (os.path.basename(path), addon, dbname))
            continue
        if hasattr(module, "benchmarks_over_http"):
            for result in module.benchmarks_over_http(dbname, conf):
                report(result)
            continue
        with odoo.api.Environment.manage(), registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            for result in module.benchmarks(env):
                report(result)
            cr.rollback()  # benchmarks leave the bench database as they found it


if __name__ == "__main__":
    main(*sys.argv[1:])
