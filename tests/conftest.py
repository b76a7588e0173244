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
# The co-installation pass (`pytest --oca`): one database with our four add-ons next to the OCA modules firms run
# (installed by bootstrap.sh into .local/oca, on the addons path of this pass only), and these stories of ours
# run again on it, one or two per module, plus tests/test_coinstall_oca.py. A story renamed or removed fails
# the pass, so the list cannot go stale silently.
OCA_ADDONS = os.path.join(LOCAL, "oca", "odoo", "addons")
OCA_MODULES = ["crm", "crm_phonecall", "base_phone", "crm_phone", "crm_claim", "helpdesk_mgmt"]
OCA_STORIES = [
    "tests/test_platform.py::test_integrator_finds_the_four_modules_installed_over_xmlrpc",
    "tests/test_platform.py::test_web_client_serves_login_page_and_static_files",
    "tests/test_crm_contact_history.py::test_history_tells_the_story_newest_first",
    "tests/test_crm_telephony_webhooks.py::test_sipgate_call_answered_and_hung_up_is_logged_for_the_caller",
    "tests/test_crm_telephony_webhooks.py::test_3cx_lookup_answers_json_with_customer_file_link",
    "tests/test_crm_complaints.py::test_customer_call_shows_two_similar_earlier_complaints_with_their_remedy",
    "tests/test_crm_ticketing.py::test_phone_call_about_a_broken_machine_runs_from_plan_to_quotation",
]
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


def pytest_addoption(parser):
    parser.addoption("--oca", action="store_true",
                     help="co-installation pass: our add-ons next to OCA's crm_phonecall, base_phone, crm_phone, "
                          "crm_claim and helpdesk_mgmt in one database; runs tests/test_coinstall_oca.py and the "
                          "stories in OCA_STORIES")


def pytest_configure(config):
    global DB, SERVER_LOG
    if config.getoption("--oca"):
        DB = os.environ.get("PYTEST_ODOO_DB", "crm_test_oca")
        SERVER_LOG = os.path.join(LOCAL, "pytest-odoo-%s.log" % DB)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Without --oca the co-installation tests stay out; with it, only they and the listed stories run."""
    def is_coinstall(item):
        return item.nodeid.split("::")[0].endswith("test_coinstall_oca.py")
    if config.getoption("--oca"):
        selected = [item for item in items if is_coinstall(item) or item.nodeid in OCA_STORIES]
        collected = {item.nodeid for item in items}
        files = {nodeid.split("::")[0] for nodeid in collected}
        missing = [story for story in OCA_STORIES if story not in collected and (
            story.split("::")[0] in files or not os.path.exists(os.path.join(ROOT, story.split("::")[0])))]
        if missing:
            raise pytest.UsageError("stories of the co-installation pass not found (renamed? update OCA_STORIES "
                                    "in tests/conftest.py): %s" % ", ".join(missing))
    else:
        selected = [item for item in items if not is_coinstall(item)]
    deselected = [item for item in items if item not in selected]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected


def _oca_addons_path():
    """The addons path of the co-installation pass: the OCA add-ons first, then that of odoo.conf."""
    if not os.path.isfile(os.path.join(OCA_ADDONS, "crm_phonecall", "__manifest__.py")):
        raise RuntimeError("OCA add-ons missing in %s: run make bootstrap" % OCA_ADDONS)
    with open(os.path.join(LOCAL, "odoo.conf")) as conf:
        configured = re.search(r"^addons_path = (.*)$", conf.read(), re.M).group(1)
    return OCA_ADDONS + "," + configured


def _install_database(config, log):
    """A fresh copy of the template with our four modules; with --oca, the OCA ones too, and the run fails with
    the install log's errors (e.g. "Failed to load registry" and its exception) when anything went wrong."""
    cmd = ["bash", os.path.join(ROOT, "scripts", "db.sh"), "fresh", DB, "--log-level=warn", "--logfile=" + log]
    if not config.getoption("--oca"):
        subprocess.run(cmd, check=True)
        return
    _oca_addons_path()
    ours = ["crm_contact_history", "crm_telephony", "crm_complaints", "crm_ticketing"]
    env = dict(os.environ, EXTRA_ADDONS=OCA_ADDONS, CRM_MODULES=",".join(OCA_MODULES + ours))
    returncode = subprocess.run(cmd, env=env).returncode
    errors, last = [], None
    with open(log, encoding="utf-8", errors="replace") as install_log:
        for line in install_log:
            if LOG_LINE.match(line):
                errors.append(line.rstrip())
            elif errors and line.strip() and not line.startswith(("20", " ")):
                last = line.rstrip()  # the exception line that ends a traceback
    if returncode or errors:
        raise RuntimeError("installing our add-ons next to %s failed (exit %s, %s):\n%s%s" % (
            ", ".join(OCA_MODULES), returncode, log, "\n".join(errors[:5]), "\n" + last if last else ""))


@pytest.fixture(scope="session")
def odoo_server(pytestconfig):
    log = os.path.join(LOCAL, "pytest-install-%s.log" % DB)
    if os.path.exists(log):
        os.remove(log)
    _install_database(pytestconfig, log)
    if os.path.exists(SERVER_LOG):
        os.remove(SERVER_LOG)
    server = OdooServer(DB, free_port(), free_port(), free_port())
    env = dict(os.environ, PATH=os.path.join(ROOT, "node_modules", ".bin") + os.pathsep + os.environ["PATH"])
    oca = ["--addons-path=" + _oca_addons_path()] if pytestconfig.getoption("--oca") else []
    process = subprocess.Popen(_odoo_cmd(
        *oca, "-d", DB, "--http-port=%d" % server.http_port,
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
