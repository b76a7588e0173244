"""A busy Monday morning: sustained ring/answer/hang-up load against `make run`'s stack, faults, two servers.

Each scenario starts scripts/run.sh on the bench database (nginx, SERVERS Odoo servers with 2 workers each,
ports of its own, logs in .local/bench-load/), connects agents to the bus, drives tests/fakes/switchboard.py
against 127.0.0.1 and audits every call of the run in the database (tests/fakes/call_audit.py). Printed,
never asserted. LOAD_RATE (events/s, 200), LOAD_SECONDS (60), LOAD_CALLS (memory run, 10000) and
LOAD_SCENARIOS (comma list of floor,steady,memory,worker,longpolling,postgresql,oca,servers; all by default)
tune it.
PostgreSQL is restarted in the postgresql scenario: run it on a cluster nobody else uses at that moment."""
import os
import random
import socket
import subprocess
import sys
import threading
import time
from urllib.parse import urlsplit

import erppeek

import odoo

from bench.run import Result

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))  # the fakes (a package named tests shadows tests/ here)
from fakes import bus_agents, call_audit, odoo_stack, switchboard  # noqa: E402 pylint: disable=wrong-import-position

ADDON = "crm_telephony"
RATE = float(os.environ.get("LOAD_RATE", 200))
SECONDS = float(os.environ.get("LOAD_SECONDS", 60))
MEMORY_CALLS = int(os.environ.get("LOAD_CALLS", 10000))
SCENARIOS = os.environ.get("LOAD_SCENARIOS",
                           "floor,memory,steady,worker,longpolling,postgresql,oca,servers").split(",")
FAULT_SECONDS = 30  # a fault scenario runs this long, its fault at FAULT_AT
FAULT_AT = 10
LOG_DIR = os.path.join(ROOT, ".local", "bench-load")
ODOO_ARGS = "--limit-request=1000000"  # no worker recycled after 8192 requests: memory growth must show


def benchmarks_over_http(dbname, conf):
    """Yield the comparison with the OCA lookup; every scenario prints its own line."""
    prefix = "load%d" % (time.time() % 10 ** 6)
    saved = _company_secrets(dbname)
    try:
        numbers = iter(range(0, 10 ** 6, 100000))
        ours = None
        single = [name for name in ("floor", "memory", "steady", "worker", "longpolling", "postgresql")
                  if name in SCENARIOS]
        if single:
            with Stack(dbname, servers=1) as stack:
                for name in single:
                    figures = globals()["_" + name](stack, "%s-%s" % (prefix, name), next(numbers))
                    ours = figures if name == "steady" else ours
        if "oca" in SCENARIOS:
            addons = odoo.tools.config["addons_path"] + "," + os.path.join(ROOT, "bench", "addons")
            with Stack(dbname, servers=1, extra="--addons-path=%s --load=base,web,crm_bench_oca_lookup" % addons) \
                    as stack:
                baseline = _run(stack, "%s-oca" % prefix, "with the OCA lookup", next(numbers))
            if ours:
                yield Result("call load p99, 1 server, 2 workers, %.0f events/s offered" % RATE, ours["p99"],
                             baseline["p99"], "ours %.0f events/s vs. OCA lookup %.0f events/s acknowledged" % (
                                 ours["per_second"], baseline["per_second"]))
        if "servers" in SCENARIOS:
            with Stack(dbname, servers=2) as stack:
                _run(stack, "%s-two" % prefix, "two servers, events of each call spread over both", next(numbers),
                     urls=stack.server_urls)
    finally:
        odoo.sql_db.close_all()  # connections from before a PostgreSQL restart are gone
        _clean(dbname, prefix, saved)


class Stack:
    """scripts/run.sh on the bench database with ports of its own, no crons (they are tested in pytest)."""

    def __init__(self, dbname, servers, extra=""):
        self.dbname, self.servers, self.extra = dbname, servers, extra

    def __enter__(self):
        port = _free_base_port(self.servers)
        self.http_ports = [port + 10000 + 100 * i for i in range(self.servers)]
        self.url = "http://127.0.0.1:%d" % port
        self.server_urls = ["http://127.0.0.1:%d" % p for p in self.http_ports]
        os.makedirs(LOG_DIR, exist_ok=True)
        self.logs = [os.path.join(LOG_DIR, "server-%d.log" % i) for i in range(self.servers)]
        for log in self.logs:
            if os.path.exists(log):
                os.remove(log)
        env = dict(os.environ, DEMO_DB=self.dbname, SERVERS=str(self.servers), ODOO_PORT=str(port),
                   ODOO_LONGPOLLING_PORT=str(port + 1), RUN_LOG_DIR=LOG_DIR, ODOO_CRON_THREADS="0",
                   ODOO_ARGS=" ".join(filter(None, [ODOO_ARGS, self.extra])))
        self.process = subprocess.Popen(["bash", os.path.join(ROOT, "scripts", "run.sh")], env=env,
                                        stdout=subprocess.DEVNULL, stderr=open(os.path.join(LOG_DIR, "run.log"), "w"),
                                        start_new_session=True)
        if not all(odoo_stack.wait_http(url, process=self.process) for url in [self.url] + self.server_urls):
            odoo_stack.stop(self.process)
            raise RuntimeError("the load stack did not start, see %s" % LOG_DIR)
        self.admin = erppeek.Client(self.url, self.dbname, "admin", "admin", verbose=False)
        self.signer, self.agents, self.agent_ids = call_audit.prepare(self.admin)
        return self

    def __exit__(self, *exc):
        odoo_stack.stop(self.process)

    def answered_500(self):
        """Requests the servers answered 500, from their access log lines."""
        count = 0
        for log in self.logs:
            with open(log, encoding="utf-8", errors="replace") as lines:
                count += sum(1 for line in lines if '" 500 ' in line)
        return count


def _run(stack, prefix, title, first_number, seconds=SECONDS, calls=None, urls=None, fault=None, linger=3,
         max_seconds=None):
    """One load run: plan, agents on the bus, send (for at most `max_seconds`, twice the plan's time and
    30 s by default), audit; prints one line and returns the figures, with the HTTP workers' RSS (MB by
    pid) once the calls are made and before the audit reads them all in one request (`rss`)."""
    rate = RATE
    if calls:
        seconds = calls * 2.8 / rate
    plan = switchboard.plan_calls(stack.agents, rate, seconds, prefix, stack.signer, first_number=first_number)
    agents = bus_agents.connect_agents(stack.url, stack.dbname, stack.agents)
    board = switchboard.Switchboard(urls or [stack.url], plan)
    fired = {}

    def on_second(elapsed):
        if fault and elapsed >= FAULT_AT and not fired:
            fired["thread"] = threading.Thread(target=lambda: fired.update(note=fault(stack)), daemon=True)
            fired["thread"].start()
    max_seconds = max_seconds or seconds * 2 + 30
    cpu_before = odoo_stack.cpu_seconds(stack.http_ports)
    outcomes = board.run(on_second, max_seconds=max_seconds)
    cpu_after = odoo_stack.cpu_seconds(stack.http_ports)
    if fired:
        fired["thread"].join(120)
    bus_agents.stop_agents(agents, linger=linger)
    figures = switchboard.summary(outcomes, board.elapsed)
    figures["elapsed"] = board.elapsed
    figures["calls_made"] = board.calls_made()
    figures["rss"] = odoo_stack.workers_rss_mb(stack.http_ports)
    result = call_audit.audit(stack.admin, prefix, plan, outcomes, stack.agent_ids, agents)
    note = fired.get("note", "")
    logins = sum(agent.logins - 1 for agent in agents)
    print("call load, %s: %s; %s%s; %d answered 500 in the servers' logs%s" % (
        title, switchboard.describe(figures), call_audit.describe(result),
        " (agents logged out by Odoo and logged in again: %d)" % logins if logins else "", stack.answered_500(),
        "; " + note if note else ""), flush=True)
    if board.not_sent:
        print("    the server kept up with less than the rate: %d events not sent within %.0f s" % (
            board.not_sent, max_seconds), flush=True)
    for example in result["examples"][:5]:
        print("    " + example, flush=True)
    figures.update(result)
    figures["cpu"] = {part: cpu_after[part] - cpu_before[part] for part in cpu_before}
    return figures


def _cpu_line(figures, elapsed):
    """Where the machine's cores went, per acknowledged event, and what the workers alone could carry."""
    events = figures["acked"] or 1
    cpu = figures["cpu"]
    per_event = {part: 1000.0 * seconds / events for part, seconds in cpu.items()}
    busy = sum(cpu.values()) / elapsed if elapsed else 0.0
    print("    CPU per event: HTTP workers %.1f ms, longpolling %.1f ms, PostgreSQL %.1f ms, nginx %.1f ms, "
          "load client and agents %.1f ms (%.1f of %d cores busy); extrapolated: 2 workers with a core each "
          "would carry %.0f events/s" % (
              per_event["workers"], per_event["longpolling"], per_event["postgresql"], per_event["nginx"],
              per_event["client"], busy, os.cpu_count(),
              2000.0 / per_event["workers"] if per_event["workers"] else 0.0), flush=True)


def _steady(stack, prefix, first_number):
    figures = _run(stack, prefix, "%.0f events/s offered for %.0f s, 1 server, 2 workers" % (RATE, SECONDS),
                   first_number)
    _cpu_line(figures, figures["elapsed"])
    return figures


def _floor(stack, prefix, first_number, seconds=20, concurrency=32, path="/web/webclient/version_info"):
    """Odoo's own ceiling on this stack: the switchboard's client (threads, http.client, a connection per
    request) posting for `seconds` as fast as it is answered to a JSON route of Odoo that does no work
    (its version), through the same nginx to the same 2 workers. What a webhook event costs beyond it is
    ours; what this costs no code of ours can save."""
    event = switchboard.Event(None, 0, "floor", "odoo", path, b'{"jsonrpc": "2.0", "method": "call", "params": {}}',
                              {"Content-Type": "application/json"})
    url = urlsplit(stack.url)
    latencies, statuses, deadline = [], {}, time.time() + seconds
    lock = threading.Lock()

    def post():
        while time.time() < deadline:
            status, _retry_after, ms = switchboard.post(url, event)
            with lock:
                latencies.append(ms)
                statuses[status] = statuses.get(status, 0) + 1
    threads = [threading.Thread(target=post, daemon=True) for _i in range(concurrency)]
    t0 = time.time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.time() - t0
    print("call load, floor: Odoo answering a route that does no work (%s), %d clients, same stack: %.0f "
          "requests/s, p50 %.1f ms, p99 %.1f ms; statuses %s" % (
              path, concurrency, len(latencies) / elapsed, switchboard.percentile(latencies, 0.5),
              switchboard.percentile(latencies, 0.99), statuses), flush=True)
    return {}


def _memory(stack, prefix, first_number):
    """RSS of the HTTP workers after the first 1 000 calls and after MEMORY_CALLS (no worker recycled); on a
    machine slower than the rate, after the calls made within 5 and 15 minutes."""
    first = _run(stack, prefix + "a", "memory, first 1000 calls", first_number, calls=1000, linger=1,
                 max_seconds=300)
    rest = _run(stack, prefix + "b", "memory, %d more calls" % (MEMORY_CALLS - 1000), first_number + 1000,
                calls=MEMORY_CALLS - 1000, linger=1, max_seconds=900)
    audited = odoo_stack.workers_rss_mb(stack.http_ports)
    before, after = first["rss"], rest["rss"]
    made = first["calls_made"] + rest["calls_made"]
    same = sorted(set(before) & set(after))
    growth = (sum(after[pid] for pid in same) / sum(before[pid] for pid in same) - 1) * 100 if same else float("nan")

    def megabytes(rss):
        return " + ".join("%.0f" % rss[pid] for pid in sorted(rss))
    print("call load, memory: HTTP workers' RSS after %d calls %s MB, after %d calls %s MB: %+.1f %% "
          "(goal within 10 %% from 1000 to 10000 calls; both taken before the audit reads the run's calls; "
          "after its read of all %d calls in one request %s MB)%s" % (
              first["calls_made"], megabytes(before), made, megabytes(after), growth, rest["calls_made"],
              megabytes(audited), "" if len(same) == len(before) else " (a worker was replaced between the two)"),
          flush=True)
    return {}


def _worker(stack, prefix, first_number):
    def kill(stack):
        pid = odoo_stack.kill_worker(stack.http_ports[0])
        started = time.time()
        back = odoo_stack.wait_replaced(stack.http_ports[0], pid, workers=2)
        return "worker %d killed with SIGKILL at %d s, %s after %.1f s" % (
            pid, FAULT_AT, "replaced" if back else "NOT replaced", time.time() - started)
    return _run(stack, prefix, "an HTTP worker killed", first_number, seconds=FAULT_SECONDS, fault=kill)


def _longpolling(stack, prefix, first_number):
    def kill(stack):
        pid = odoo_stack.kill_longpolling(stack.http_ports[0])
        started = time.time()
        back = odoo_stack.wait_replaced(stack.http_ports[0], pid, workers=2)
        return "longpolling process %d killed at %d s, %s after %.1f s" % (
            pid, FAULT_AT, "restarted" if back else "NOT restarted", time.time() - started)
    return _run(stack, prefix, "the longpolling process killed", first_number, seconds=FAULT_SECONDS, fault=kill,
                linger=12)


def _postgresql(stack, prefix, first_number):
    def restart(stack):
        pg = os.path.join(ROOT, "scripts", "pg.sh")
        started = time.time()
        subprocess.run(["bash", pg, "stop"], check=True, stderr=subprocess.DEVNULL)
        time.sleep(3)
        subprocess.run(["bash", pg, "start"], check=True)
        return "PostgreSQL stopped at %d s, up again after %.1f s" % (FAULT_AT, time.time() - started)
    # pop-ups of the outage arrive with the next poll (bus_agents polls every 10 s at most)
    return _run(stack, prefix, "PostgreSQL restarted", first_number, seconds=FAULT_SECONDS, fault=restart, linger=15)


def _free_base_port(servers):
    """A public port P with P+1 (longpolling) and the servers' ports P+10000+100*i free."""
    for _ in range(50):
        port = random.randrange(20000, 29000, 2)
        ports = [port] + [port + 1 + 100 * i for i in range(servers)] + \
            [port + 10000 + 100 * i for i in range(servers)]
        if all(_free(p) for p in ports):
            return port
    raise RuntimeError("no free ports for the load stack")


def _free(port):
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _company_secrets(dbname):
    """The sipgate keys and the secrets' rows (Placetel secret, API key digest) before the run set its own."""
    with odoo.sql_db.db_connect(dbname).cursor() as cr:
        cr.execute("SELECT id, sipgate_public_key FROM res_company")
        keys = cr.fetchall()
        cr.execute("SELECT * FROM crm_telephony_secret")
        columns = [column.name for column in cr.description]
        return keys, columns, cr.fetchall()


def _clean(dbname, prefix, saved):
    """The bench database as it was: the run's calls, their tasks and bus messages gone, secrets restored."""
    with odoo.sql_db.db_connect(dbname).cursor() as cr:
        cr.execute("""
            DELETE FROM mail_activity WHERE res_model = 'crm.telephony.call' AND res_id IN (
                SELECT id FROM crm_telephony_call WHERE provider_call_id LIKE %s)
        """, [prefix + "-%"])
        cr.execute("DELETE FROM crm_telephony_call WHERE provider_call_id LIKE %s", [prefix + "-%"])
        cr.execute("DELETE FROM bus_bus WHERE channel LIKE %s", ['%"crm.telephony"%'])
        keys, columns, rows = saved
        for company_id, public_key in keys:
            cr.execute("UPDATE res_company SET sipgate_public_key = %s WHERE id = %s", [public_key, company_id])
        cr.execute("DELETE FROM crm_telephony_secret")
        for row in rows:
            cr.execute("INSERT INTO crm_telephony_secret (%s) VALUES (%s)" % (  # column names from the table
                ", ".join('"%s"' % column for column in columns), ", ".join(["%s"] * len(columns))), row)
        cr.commit()
