"""crm_telephony: caller lookup and the sipgate newCall webhook at bench scale (1 M partners).

Both sides are measured in the same run on the same data. The synthetic partners are loaded by COPY after
the module was installed, so their E.164 columns are filled here first, with the install-time batch job
(committed on a cursor of its own, the way the install would have left them)."""
import base64
import http.client
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from contextlib import contextmanager

import requests
import rsa
from werkzeug.test import Client
from werkzeug.wrappers import BaseResponse

import odoo
import odoo.service.wsgi_server
from odoo.addons.crm_telephony.models.phone_number import normalize_partner_numbers, to_e164
from odoo.addons.crm_telephony.tests.payloads import sipgate_body

from bench.recognition import recognition
from bench.run import Result, p95

LOOKUPS = 300
BASELINE_LOOKUPS = 15
WEBHOOKS = 200
BASELINE_WEBHOOKS = 10
OVERSIZED_POSTS = 10
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OCA_QUERY = "SELECT id FROM res_partner WHERE replace(phone, ' ', '') ilike %s"


def benchmarks(env):
    result = _normalise(env)
    if result:
        yield result
    numbers = _sample_numbers(env)
    _prewarm(env)
    recognition(env)  # prints its table: precision and recall, not times
    yield _lookup(env, numbers)
    yield _webhook(env, numbers)
    yield from _webhook_http(env, numbers)


def _normalise(env):
    """Install-time normalisation of partners that have no E.164 yet (batched SQL), vs. per row."""
    env.cr.execute("SELECT count(*) FROM res_partner WHERE phone IS NOT NULL AND phone_e164 IS NULL")
    missing = env.cr.fetchone()[0]
    if not missing:
        return None
    with env.registry.cursor() as cr:
        t0 = time.perf_counter()
        done = normalize_partner_numbers(cr, only_missing=True)
        ours = (time.perf_counter() - t0) * 1000
        cr.commit()
        cr.execute("ANALYZE res_partner")
        cr.execute("SELECT id, phone, mobile FROM res_partner WHERE phone IS NOT NULL ORDER BY id DESC LIMIT 2000")
        rows = cr.fetchall()
        t0 = time.perf_counter()
        for partner_id, phone, mobile in rows:  # one UPDATE per partner, as an ORM write per record would do
            to_e164.cache_clear()
            cr.execute("UPDATE res_partner SET phone_e164 = %s, mobile_e164 = %s WHERE id = %s",
                       [to_e164(phone, "DE"), to_e164(mobile, "DE"), partner_id])
        per_row = (time.perf_counter() - t0) / len(rows)
        cr.rollback()
    env.cr.rollback()  # a fresh snapshot that sees the committed numbers
    return Result("crm_telephony install normalisation (%d partners)" % done, ours, per_row * done * 1000,
                  "batched SELECT per 20 000 rows, results in a temp table, one UPDATE FROM vs. one UPDATE per partner "
                  "(2 000 rows measured, extrapolated; the ORM would add its own overhead)")


def _prewarm(env):
    """Partners and their indexes in PostgreSQL's memory, as on a server that answers calls all day (the
    host here returns idle page cache to others, so a cold page would cost a disk read). Both sides run
    on the warmed data; without pg_prewarm (or the rights for it) the run goes on cold."""
    try:
        with env.cr.savepoint():
            env.cr.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
            env.cr.execute("""
                SELECT sum(pg_prewarm(c.oid)) FROM pg_class c
                WHERE c.oid = 'res_partner'::regclass
                   OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = 'res_partner'::regclass)
            """)
    except Exception:  # noqa: BLE001 - a benchmark without warm-up is still a benchmark
        print("pg_prewarm not available: partners are read from disk where the OS cache lost them")


def _sample_numbers(env):
    env.cr.execute("""
        SELECT phone FROM res_partner TABLESAMPLE SYSTEM (1)
        WHERE phone IS NOT NULL AND ref LIKE 'BENCH-%%' LIMIT %s
    """, [LOOKUPS])
    # as a telephone system sends them: international digits without '+' (the bench company's country
    # need not be Germany, so national forms would not be German numbers there)
    numbers = [to_e164(row[0], "DE")[1:] for row in env.cr.fetchall()]
    random.Random(7).shuffle(numbers)
    return numbers


def _lookup(env, numbers):
    """phone_lookup as the webhook user (access rules applied) vs. OCA connector-telephony's query."""
    webhook = env.ref("crm_telephony.user_telephony_webhook")
    partners = env["res.partner"].sudo(webhook)
    for number in numbers[:5]:
        partners.phone_lookup(number)  # warm caches
    samples, found = [], 0
    for number in numbers:
        env.cache.invalidate()  # as in a request of its own: nothing of the last call in the record cache
        t0 = time.perf_counter()
        found += bool(partners.phone_lookup(number))
        samples.append((time.perf_counter() - t0) * 1000)
    baseline = []
    for number in numbers[:BASELINE_LOOKUPS]:
        digits = "".join(ch for ch in number if ch.isdigit())
        t0 = time.perf_counter()
        env.cr.execute(OCA_QUERY, ["%" + digits[-8:]])
        env.cr.fetchall()
        baseline.append((time.perf_counter() - t0) * 1000)
    env.cr.execute("SELECT count(*) FROM res_partner")
    total = env.cr.fetchone()[0]
    return Result("crm_telephony phone_lookup p95 (%d partners)" % total, p95(samples), p95(baseline),
                  "p95 over %d numbers as sipgate sends them (median %.2f ms), %d found, record cache emptied before "
                  "each; baseline %s, p95 over %d" % (len(numbers), statistics.median(samples), found,
                                                      OCA_QUERY.replace("%s", "'%<last 8>'"), len(baseline)))


@contextmanager
def _signing_key(env):
    """Our own key pair in place of sipgate's for the run (committed, restored afterwards)."""
    public, private = rsa.newkeys(1024)
    company = env.user.company_id
    with env.registry.cursor() as cr:
        cr.execute("SELECT sipgate_public_key FROM res_company WHERE id = %s", [company.id])
        previous = cr.fetchone()[0]
        cr.execute("UPDATE res_company SET sipgate_public_key = %s WHERE id = %s",
                   [public.save_pkcs1().decode(), company.id])
        cr.commit()
    env.registry.clear_caches()  # the webhooks' cached secrets (written by SQL here, not through the ORM)
    try:
        yield private
    finally:
        with env.registry.cursor() as cr:
            cr.execute("UPDATE res_company SET sipgate_public_key = %s WHERE id = %s", [previous, company.id])
            cr.execute("DELETE FROM crm_telephony_call WHERE provider_call_id LIKE 'bench-%%'")
            cr.execute("DELETE FROM bus_bus WHERE channel LIKE '%%crm.telephony%%'")
            cr.commit()
        env.registry.clear_caches()


def _post(client, private, digits):
    body = sipgate_body("newCall", "bench-" + uuid.uuid4().hex, digits, users=[("Tim Becker", "w0", "1234567w0")])
    signature = base64.b64encode(rsa.sign(body, private, "SHA-256")).decode()
    t0 = time.perf_counter()
    response = client.post("/crm_telephony/sipgate", data=body, headers={"X-Sipgate-Signature": signature},
                           content_type="application/x-www-form-urlencoded")
    elapsed = (time.perf_counter() - t0) * 1000
    assert response.status_code == 200, response.status_code
    return elapsed


def _in_worker_thread(func):
    """func() in a thread of its own, as a server worker runs requests: Odoo's WSGI application then opens
    fresh environments per request (in the benchmark's thread they would pile up in the benchmark's)."""
    outcome = {}

    def run():
        try:
            outcome["value"] = func()
        except Exception as error:  # noqa: BLE001 - raised again in the benchmark's thread
            outcome["error"] = error
    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _webhook(env, numbers):
    """The sipgate newCall webhook through Odoo's WSGI application in this process (werkzeug test client:
    request parsing, routing, signature, lookup, call record, bus message, commit), one request at a time
    in one worker thread. Baseline: the same webhook with OCA's lookup query patched in."""
    env.cr.rollback()  # the webhook requests run on cursors of their own
    client = Client(odoo.service.wsgi_server.application, BaseResponse)
    with _signing_key(env) as private:
        for number in numbers[:5]:
            _in_worker_thread(lambda: _post(client, private, number))
        samples = _in_worker_thread(lambda: [_post(client, private, number) for number in numbers[:WEBHOOKS]])
        partner_class = type(env["res.partner"])
        original = partner_class._phone_lookup_e164

        def oca_lookup(self, e164, limit=50):
            self.env.cr.execute(OCA_QUERY, ["%" + e164[-8:]])
            return [{"id": row[0], "match": "exact", "score": 100 + index}  # OCA names its first hit
                    for index, row in enumerate(self.env.cr.fetchall()[:limit])]
        partner_class._phone_lookup_e164 = oca_lookup
        try:
            baseline = _in_worker_thread(
                lambda: [_post(client, private, number) for number in numbers[:BASELINE_WEBHOOKS]])
        finally:
            partner_class._phone_lookup_e164 = original
    return Result("crm_telephony sipgate newCall webhook p95", p95(samples), p95(baseline),
                  "in-process WSGI (no socket, no nginx), one worker, %d calls (median %.1f ms); baseline: same "
                  "webhook with the OCA lookup query, %d calls" % (
                      len(samples), statistics.median(samples), len(baseline)))


def _odoo_server(env, *extra):
    """An Odoo server on this database with one HTTP worker (prefork), as a small production would run."""
    port, longpolling = _free_port(), _free_port()
    config = odoo.tools.config
    log = os.path.join(os.path.dirname(config.rcfile), "bench-http-%d.log" % port)
    process = subprocess.Popen([
        sys.executable, os.path.join(ROOT, "scripts", "odoo-bin"), "-c", config.rcfile, "-d", env.cr.dbname,
        "--workers=1", "--max-cron-threads=0", "--http-interface=127.0.0.1", "--http-port=%d" % port,
        "--longpolling-port=%d" % longpolling, "--log-level=warn", "--logfile=" + log] + list(extra),
        start_new_session=True)
    url = "http://127.0.0.1:%d" % port
    deadline = time.time() + 120
    while time.time() < deadline and process.poll() is None:
        try:
            if requests.get(url + "/web/login", timeout=5).status_code == 200:
                return process, url
        except requests.RequestException:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError("the benchmark's Odoo server did not start, see %s" % log)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


class _HttpClient:
    """The test client's post() over a real connection, one per post, as sipgate makes them (Odoo's workers
    close it after each answer anyway)."""

    def __init__(self, url):
        self.host, self.port = url.rsplit("/", 1)[-1].split(":")

    def post(self, path, data, headers, content_type):
        connection = http.client.HTTPConnection(self.host, int(self.port), timeout=30)
        try:
            connection.request("POST", path, body=data, headers=dict(headers, **{"Content-Type": content_type}))
            response = connection.getresponse()
            response.read()
            response.status_code = response.status
            return response
        finally:
            connection.close()


def _posts_over_http(url, private, numbers):
    client = _HttpClient(url)
    for number in numbers[:5]:
        _post(client, private, number)
    return [_post(client, private, number) for number in numbers]


def _webhook_http(env, numbers):
    """The same webhook end to end over HTTP: a real Odoo server with one worker, the client's clock from
    sending the request to the whole answer. Baseline: a server of the same kind whose lookup is OCA's
    query (bench/addons/crm_bench_oca_lookup, loaded server-wide into that server only)."""
    env.cr.rollback()
    with _signing_key(env) as private:
        process, url = _odoo_server(env)
        try:
            samples = _posts_over_http(url, private, numbers[:WEBHOOKS])
            oversized = _oversized_body(url)
        finally:
            _stop(process)
        addons = odoo.tools.config["addons_path"] + "," + os.path.join(ROOT, "bench", "addons")
        process, url = _odoo_server(env, "--addons-path=" + addons, "--load=base,web,crm_bench_oca_lookup")
        try:
            baseline = _posts_over_http(url, private, numbers[:BASELINE_WEBHOOKS])
        finally:
            _stop(process)
    yield Result("crm_telephony sipgate newCall webhook over HTTP p95", p95(samples), p95(baseline),
                 "Odoo server with --workers=1, a new connection per post as sipgate makes them, %d calls "
                 "(median %.1f ms); baseline: the same server with the OCA lookup query, %d calls" % (
                     len(samples), statistics.median(samples), len(baseline)))
    yield oversized


def _oversized_body(url, size=7 * 1024 * 1024):
    """A 7 MB form body of 700 000 fields, sent with its Content-Length straight to the worker: our webhook
    answers 413 before reading it; baseline: an Odoo route that parses the form first (/web/login, as our
    route did before the post_load hook), the time until its answer."""
    body = b"a=1&" * (size // 4)
    client = _HttpClient(url)

    def post(path):
        t0 = time.perf_counter()
        response = client.post(path, body, {}, "application/x-www-form-urlencoded")
        return (time.perf_counter() - t0) * 1000, response.status_code

    ours = [post("/crm_telephony/events") for _ in range(OVERSIZED_POSTS)]
    baseline = [post("/web/login") for _ in range(2)]
    return Result("crm_telephony 7 MB body refused (direct to the worker)",
                  statistics.median(ms for ms, _status in ours), statistics.median(ms for ms, _status in baseline),
                  "our webhook answered %s, %d posts; baseline /web/login parses the form first and answered %s" % (
                      "/".join(sorted({str(status) for _ms, status in ours})), len(ours),
                      "/".join(sorted({str(status) for _ms, status in baseline}))))
