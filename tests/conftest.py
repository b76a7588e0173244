"""A real Odoo 11 server on a fresh database with the four add-ons, shared by the whole pytest session.

The server runs with two workers (as in production, so bus messages cross processes) on free ports.
At the end of the session the server log is read: an ERROR or CRITICAL line the tests did not expect
fails the run, so a traceback swallowed by Odoo cannot hide behind a green test."""
import os
import re
import shutil
import signal
import socket
import subprocess
import time

import erppeek
import pytest
import requests

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOCAL = os.path.join(ROOT, ".local")
ARTIFACTS = os.path.join(ROOT, "tests", "artifacts")
DB = os.environ.get("PYTEST_ODOO_DB", "crm_test_pytest")
SERVER_LOG = os.path.join(LOCAL, "pytest-odoo-%s.log" % DB)
LOG_LINE = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ")
# Server-side log lines a test provokes on purpose (e.g. a rejected webhook); tests append patterns here.
EXPECTED_SERVER_ERRORS = []


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OdooServer:
    """What the tests know of the server: where it is and how to log in."""

    def __init__(self, db, public_port, http_port, longpolling_port):
        self.db = db
        self.http_port = http_port
        self.longpolling_port = longpolling_port
        self.url = "http://127.0.0.1:%d" % public_port  # the proxy, as users and providers reach Odoo

    def client(self, login="admin", password="admin"):
        """An XML-RPC client logged in as this user, the way an integrator connects."""
        return erppeek.Client(self.url, self.db, login, password, verbose=False)

    def wait_ready(self, process, timeout=180):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if process.poll() is not None:
                raise RuntimeError("Odoo exited during start, see %s" % SERVER_LOG)
            try:
                if requests.get(self.url + "/web/login", timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise RuntimeError("Odoo did not answer within %d s, see %s" % (timeout, SERVER_LOG))


def _odoo_cmd(*args):
    return [os.path.join(ROOT, ".venv", "bin", "python"), os.path.join(ROOT, "scripts", "odoo-bin"),
            "-c", os.path.join(LOCAL, "odoo.conf")] + list(args)


@pytest.fixture(scope="session")
def odoo_server():
    log = os.path.join(LOCAL, "pytest-install-%s.log" % DB)
    subprocess.run(["bash", os.path.join(ROOT, "scripts", "db.sh"), "fresh", DB,
                    "--log-level=warn", "--logfile=" + log], check=True)
    if os.path.exists(SERVER_LOG):
        os.remove(SERVER_LOG)
    server = OdooServer(DB, free_port(), free_port(), free_port())
    env = dict(os.environ, PATH=os.path.join(ROOT, "node_modules", ".bin") + os.pathsep + os.environ["PATH"])
    process = subprocess.Popen(_odoo_cmd(
        "-d", DB, "--http-port=%d" % server.http_port,
        "--longpolling-port=%d" % server.longpolling_port, "--workers=2", "--max-cron-threads=0",
        "--limit-time-real=300", "--proxy-mode", "--logfile=" + SERVER_LOG), env=env, start_new_session=True)
    proxy = subprocess.Popen(["bash", os.path.join(ROOT, "scripts", "proxy.sh"), str(server.url.rsplit(":", 1)[1]),
                              str(server.http_port), str(server.longpolling_port),
                              os.path.join(LOCAL, "pytest-proxy-%s" % DB)], start_new_session=True)
    try:
        server.wait_ready(process)
        yield server
    finally:
        for child in (proxy, process):
            os.killpg(child.pid, signal.SIGTERM)
            try:
                child.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)


@pytest.fixture(scope="session")
def admin(odoo_server):
    return odoo_server.client()


@pytest.fixture
def browser(odoo_server):
    """Headless Chromium driven by selenium."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--disable-quic", "--window-size=1400,900", "--lang=en-US"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"),
                              options=options)
    driver.implicitly_wait(0)
    os.makedirs(ARTIFACTS, exist_ok=True)
    try:
        yield driver
    except Exception:
        raise
    finally:
        try:
            driver.save_screenshot(os.path.join(ARTIFACTS, "last_browser_state.png"))
        finally:
            driver.quit()


def pytest_sessionfinish(session, exitstatus):
    """Fail the run when the server logged errors no test asked for."""
    if not os.path.exists(SERVER_LOG):
        return
    unexpected = []
    with open(SERVER_LOG, encoding="utf-8", errors="replace") as log:
        for line in log:
            if LOG_LINE.match(line) and not any(re.search(p, line) for p in EXPECTED_SERVER_ERRORS):
                unexpected.append(line.rstrip())
    if unexpected:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        reporter.write_line("Odoo server logged %d unexpected error(s) (%s):" % (len(unexpected), SERVER_LOG),
                            red=True)
        for line in unexpected[:20]:
            reporter.write_line("  " + line)
        session.exitstatus = 1
