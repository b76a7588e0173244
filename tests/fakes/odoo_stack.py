"""The processes of Odoo servers in prefork mode, found by their HTTP port: workers to kill or weigh, the
longpolling process to kill, and the wait until Odoo has replaced them (psutil; only our own processes)."""
import os
import signal
import subprocess
import time

import psutil
import requests


def main_process(http_port):
    """The Odoo server process started with --http-port=`http_port` (not one of its forks)."""
    flag = "--http-port=%d" % http_port
    for process in psutil.process_iter(["cmdline", "ppid"]):
        cmdline = process.info["cmdline"] or []
        if flag in cmdline and not any("gevent" in part for part in cmdline):
            try:
                parent_cmdline = psutil.Process(process.info["ppid"]).cmdline()
            except psutil.Error:
                parent_cmdline = []
            if flag not in parent_cmdline:
                return process
    raise LookupError("no Odoo server with %s" % flag)


def http_workers(http_port):
    """The HTTP workers (cron workers run at nice 10, the longpolling process is gevent's)."""
    workers = []
    for child in main_process(http_port).children():
        try:
            if "gevent" not in " ".join(child.cmdline()) and child.nice() < 10:
                workers.append(child)
        except psutil.Error:
            continue
    return workers


def longpolling_process(http_port):
    for child in main_process(http_port).children():
        try:
            if "gevent" in " ".join(child.cmdline()):
                return child
        except psutil.Error:
            continue
    return None


def kill_worker(http_port):
    """SIGKILL one HTTP worker, mid-request as likely as not; returns its pid."""
    worker = http_workers(http_port)[0]
    os.kill(worker.pid, signal.SIGKILL)
    return worker.pid


def kill_longpolling(http_port):
    process = longpolling_process(http_port)
    os.kill(process.pid, signal.SIGKILL)
    return process.pid


def wait_replaced(http_port, gone_pid, workers, timeout=30):
    """Until Odoo runs `workers` HTTP workers and a longpolling process again, none of them `gone_pid`."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            pids = [worker.pid for worker in http_workers(http_port)]
            polling = longpolling_process(http_port)
        except LookupError:
            pids, polling = [], None
        if len(pids) >= workers and gone_pid not in pids and polling and polling.pid != gone_pid:
            return True
        time.sleep(0.2)
    return False


def workers_rss_mb(http_ports):
    """Resident memory of every HTTP worker of these servers, in MB, by pid."""
    return {worker.pid: worker.memory_info().rss / 2 ** 20
            for port in http_ports for worker in http_workers(port)}


def cpu_seconds(http_ports):
    """CPU seconds (user + system) used so far by each part of the stack, for a CPU breakdown of a run:
    {"workers", "longpolling", "postgresql" (every postgres process of the machine), "nginx", "client"
    (this process: the load client and its agents)}. Processes that ended meanwhile are not counted."""
    def used(process):
        try:
            times = process.cpu_times()
        except psutil.Error:
            return 0.0
        return times.user + times.system

    parts = {
        "workers": sum(used(worker) for port in http_ports for worker in http_workers(port)),
        "longpolling": sum(used(process) for process in (longpolling_process(port) for port in http_ports)
                           if process),
        "client": used(psutil.Process()),
    }
    for name in ("postgresql", "nginx"):
        parts[name] = 0.0
    for process in psutil.process_iter(["name"]):
        name = process.info["name"] or ""
        if name.startswith("postgres"):
            parts["postgresql"] += used(process)
        elif name.startswith("nginx"):
            parts["nginx"] += used(process)
    return parts


def wait_http(url, timeout=180, process=None):
    """Until the login page answers 200 through `url`; False when `process` ended or time ran out."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process is not None and process.poll() is not None:
            return False
        try:
            if requests.get(url + "/web/login", timeout=5).status_code == 200:
                return True
        except requests.RequestException:
            pass
        time.sleep(0.5)
    return False


def stop(process, timeout=30):
    """SIGTERM to the process group a stack was started in (start_new_session), SIGKILL after `timeout`."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)
