"""Fail when an Odoo test run logged a failure.

Odoo 11 logs failing and erroring tests as ERROR lines but exits 0; this reads the log instead.
Usage: check_odoo_log.py LOGFILE [--min-tests N]"""
import re
import sys

LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) (?P<rest>.*)$")
RAN = re.compile(r"Ran (\d+) tests? in")
# ERROR lines that only summarise failures already reported, and traceback lines Odoo logs one by one.
SUMMARY = re.compile(r": (FAILED$|FAIL$|ERROR$|[=-]+$|Module \S+: \d+ failures|At least one test failed)")
CONTINUATION = re.compile(r"^\S+: (`|Traceback \(most recent call last\))")


def main(path, min_tests=1):
    problems, ran, current = [], 0, None
    with open(path, encoding="utf-8", errors="replace") as log:
        for raw in log:
            line = raw.rstrip("\n")
            m = LINE.match(line)
            if m:
                error = m.group("level") in ("ERROR", "CRITICAL")
                if error and SUMMARY.search(line):
                    continue
                if error and current is not None and CONTINUATION.match(m.group("rest").split(" ", 1)[-1]):
                    current.append(line)
                    continue
                current = None
                if error:
                    current = [line]
                    problems.append(current)
            elif current is not None and len(current) < 40:
                current.append(line)  # traceback of the error above
            found = RAN.search(line)
            if found:
                ran += int(found.group(1))
    for block in problems:
        print("\n".join(block))
    print("Odoo tests: %d run, %d failures/errors logged" % (ran, len(problems)))
    if problems:
        return 1
    if ran < min_tests:
        print("expected at least %d tests to run: are the test modules imported in tests/__init__.py?" % min_tests)
        return 1
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    minimum = int(args[args.index("--min-tests") + 1]) if "--min-tests" in args else 1
    sys.exit(main(args[0], minimum))
