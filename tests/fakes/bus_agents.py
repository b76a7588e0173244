"""Agents logged in to the web client, waiting on the bus for their pop-ups, as the browser does it.

Each agent is a thread with a session of its own that long-polls /longpolling/poll with the id of the last
message it got; a refused or broken poll (the longpolling process restarted, a server gone) is tried again
after a short pause with the same id, so a message sent meanwhile still arrives. A poll that finds the
session gone (Odoo 11 logs a session out when its request meets PostgreSQL down: http.Root.dispatch) logs
in again, as the agent does after "session expired", until a login succeeds, and is counted. Bounded: each
poll waits at most POLL_TIMEOUT, and the agents stop when told."""
import threading
import time

import requests

POLL_TIMEOUT = 10  # seconds a poll may wait here (Odoo answers an idle poll after 50 s)
POPUP_CHANNEL = "crm.telephony"


class BusAgent(threading.Thread):
    """One agent's browser tab: logs in, then collects the call ids of the pop-ups it is sent."""

    def __init__(self, url, db, login, password, poll_url=None):
        """`poll_url`: where the longpolling is, when not behind the same proxy (a server's own port)."""
        super().__init__(daemon=True)
        self.url, self.db, self.login, self.password = url, db, login, password
        self.poll_url = poll_url or url
        self.record_ids = set()  # crm.telephony.call ids of the pop-ups
        self.failed_polls = 0
        self.logins = 0
        self.stopping = threading.Event()
        self.session = requests.Session()
        self.ready = threading.Event()

    def log_in(self):
        response = self.session.post(self.url + "/web/session/authenticate", json={
            "jsonrpc": "2.0", "method": "call", "params": {
                "db": self.db, "login": self.login, "password": self.password}}, timeout=30)
        response.raise_for_status()
        result = response.json().get("result") or {}
        if not result.get("uid"):
            raise RuntimeError("agent %s could not log in: %s" % (self.login, response.text[:300]))
        self.logins += 1

    def run(self):
        last = 0
        logged_out = False
        self.ready.set()
        while not self.stopping.is_set():
            if logged_out:  # as the agent after "session expired": log in before anything else
                logged_out = not self._log_in_again()
                if logged_out:
                    self.stopping.wait(0.5)
                    continue
            try:
                response = self.session.post(self.poll_url + "/longpolling/poll", json={
                    "jsonrpc": "2.0", "method": "call", "params": {"channels": [], "last": last, "options": {}}},
                    timeout=POLL_TIMEOUT)
                answer = response.json() if response.status_code == 200 else {}
                messages = answer.get("result")
                logged_out = response.status_code == 404 or answer.get("error", {}).get("code") == 100
            except (requests.RequestException, ValueError, AttributeError):
                messages, logged_out = None, False
            if messages is None:
                self.failed_polls += 1
                self.stopping.wait(0.5)
                continue
            for message in messages:
                last = max(last, message["id"])
                self._received(message)

    def _log_in_again(self):
        """True once logged in again. While PostgreSQL is still down the login fails and is tried again
        before the next poll: a poll of the logged-out session would be answered, as the public user's,
        with no pop-up ever (the agent would wait for nothing)."""
        try:
            self.log_in()
        except (requests.RequestException, RuntimeError, ValueError):
            return False
        return True

    def _received(self, message):
        channel, payload = message.get("channel"), message.get("message") or {}
        if not (isinstance(channel, list) and len(channel) == 3 and channel[1] == POPUP_CHANNEL):
            return
        call = payload.get("call") or {}
        if call.get("id"):
            self.record_ids.add(call["id"])

    def stop(self):
        self.stopping.set()


def connect_agents(url, db, agents):
    """The agents logged in and polling (their threads started)."""
    connected = []
    for agent in agents:
        bus_agent = BusAgent(url, db, agent.login, agent.password)
        bus_agent.log_in()
        bus_agent.start()
        connected.append(bus_agent)
    for bus_agent in connected:
        bus_agent.ready.wait(10)
    time.sleep(1)  # the first polls are under way before the first call rings
    return connected


def stop_agents(bus_agents, linger=3.0):
    """Let the last pop-ups arrive (`linger` s), then stop every agent (each returns within POLL_TIMEOUT)."""
    time.sleep(linger)
    for bus_agent in bus_agents:
        bus_agent.stop()
    for bus_agent in bus_agents:
        bus_agent.join(POLL_TIMEOUT + 5)
