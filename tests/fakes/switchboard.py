"""A busy switchboard: ring, answer and hang-up of many calls at a set rate, from sipgate (signed), Placetel
(signed) and a generic PBX, posted the way the telephone systems post them, retried the way they retry.

Plain Python (threads and http.client, no Odoo), bounded in count and time, only against the URL it is given
(127.0.0.1). Used by bench/bench_call_load.py and tests/test_load.py. Every request's outcome is kept, so
the call audit (call_audit.py) can tell what was acknowledged and must be in the database."""
import http.client
import itertools
import queue
import random
import threading
import time
from collections import Counter, namedtuple
from urllib.parse import urlsplit

from .telephony import API_KEY, PLACETEL_SECRET, payloads

PROVIDERS = ("sipgate", "placetel", "pbx")
PATHS = {"sipgate": "/crm_telephony/sipgate", "placetel": "/crm_telephony/placetel", "pbx": "/crm_telephony/events"}
# Retries of a 5xx or a broken connection: Placetel's call control retries up to 10 times, 100 ms apart (its
# call-control-notify-api README); sipgate documents no retry for its push events. Our telephone system keeps
# retrying with growing pauses (at most RETRY_CAP, or the server's shorter Retry-After) for RETRY_FOR seconds,
# like a PBX script or queue that does not drop events: an outage of PostgreSQL shows as late events, and
# an event given up is "undelivered" (never acknowledged), not lost.
RETRY_PAUSES = (0.1, 0.1, 0.2, 0.5, 1.0)
RETRY_CAP = 1.0
RETRY_FOR = 120.0
TIMEOUT = 30.0

Agent = namedtuple("Agent", "login password sipgate_user_id extension")
Event = namedtuple("Event", "call at kind provider path body headers")
Outcome = namedtuple("Outcome", "event status attempts latency_ms first_status sent_at")


class Call(namedtuple("Call", "call_id provider agent caller answered events")):
    """One planned call: who rings whom, whether it is answered, its events in the order they happen."""


def plan_calls(agents, rate, seconds, prefix, signer, seed=16, answered_share=0.8, first_number=0):
    """Calls whose events add up to `rate` events/s for `seconds`: ring, answer (most calls) and hang-up
    0.3-2 s apart, providers and agents in turn, each caller a number of its own. Bodies are built and
    signed here, before the clock runs."""
    rng = random.Random(seed)
    per_call = 2 + answered_share
    count = max(1, int(round(rate * seconds / per_call)))
    calls = []
    for index in range(count):
        start = index * per_call / rate
        provider = PROVIDERS[index % len(PROVIDERS)]
        agent = agents[index % len(agents)]
        answered = rng.random() < answered_share
        caller = "4935140%06d" % (first_number + index)
        call_id = "%s-%s-%d" % (prefix, provider, index)
        times = [start]
        if answered:
            times.append(start + rng.uniform(0.3, 1.0))
        times.append(times[-1] + rng.uniform(0.3, 1.0))
        kinds = ["ring", "answer", "hangup"] if answered else ["ring", "hangup"]
        events = [_event(call_id, provider, agent, caller, answered, kind, at, signer)
                  for kind, at in zip(kinds, times)]
        calls.append(Call(call_id, provider, agent, caller, answered, events))
    return calls


def _event(call_id, provider, agent, caller, answered, kind, at, signer):
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if provider == "sipgate":
        user = (agent.login, agent.sipgate_user_id)
        event = {"ring": "newCall", "answer": "answer", "hangup": "hangup"}[kind]
        extra = {} if kind != "hangup" else {"cause": "normalClearing" if answered else "cancel"}
        body = payloads.sipgate_body(event, call_id, caller, users=[user], **extra)
        headers["X-Sipgate-Signature"] = signer.sign(body)
    elif provider == "placetel":
        event = {"ring": "IncomingCall", "answer": "CallAccepted", "hangup": "HungUp"}[kind]
        extra = {"ring": {"peer": agent.extension}, "answer": {"peer": agent.extension},
                 "hangup": {"type": "accepted" if answered else "missed"}}[kind]
        body = payloads.placetel_body(event, call_id, caller, **extra)
        headers["X-PLACETEL-SIGNATURE"] = payloads.placetel_signature(PLACETEL_SECRET, body)
    else:
        extra = {"hangup": {"result": "completed" if answered else "no_answer"}}.get(kind, {})
        body = payloads.pbx_event(kind, call_id, caller, agent=agent.login, **extra)
        headers = {"Content-Type": "application/json", "X-Api-Key": API_KEY}
    return Event(call_id, at, kind, provider, PATHS[provider], body, headers)


class Switchboard:
    """Posts the planned events at their times with at most `concurrency` requests under way, each on a new
    connection (as sipgate and Placetel make them); `urls`: one proxy, or several servers that the events
    of one call are spread over in turn."""

    def __init__(self, urls, calls, concurrency=32):
        self.urls = [urlsplit(url) for url in urls]
        self.events = sorted((event for call in calls for event in call.events), key=lambda event: event.at)
        self.concurrency = concurrency
        self.outcomes = []
        self._lock = threading.Lock()
        self._turn = itertools.count()

    def run(self, on_second=None, max_seconds=None):
        """Send everything, or what is due before `max_seconds` (a server slower than the rate makes the run
        last longer; the rest is counted as not sent); returns the outcomes. `on_second(elapsed)` is called
        about once a second from the scheduler (the fault scenarios inject their fault there)."""
        work = queue.Queue(maxsize=self.concurrency * 4)
        senders = [threading.Thread(target=self._sender, args=(work,), daemon=True) for _ in range(self.concurrency)]
        for sender in senders:
            sender.start()
        self.started = time.monotonic()
        next_tick = 1.0
        self.not_sent = 0
        for position, event in enumerate(self.events):
            if max_seconds and time.monotonic() - self.started > max_seconds:
                self.not_sent = len(self.events) - position
                break
            while True:
                now = time.monotonic() - self.started
                if on_second and now >= next_tick:
                    on_second(now)
                    next_tick += 1.0
                if now >= event.at:
                    break
                time.sleep(min(event.at - now, 0.05))
            work.put(event)
        for _ in senders:
            work.put(None)
        for sender in senders:
            sender.join(RETRY_FOR + TIMEOUT + 10)
        self.elapsed = time.monotonic() - self.started
        return self.outcomes

    def calls_made(self):
        """How many calls had at least one event acknowledged."""
        return len({outcome.event.call for outcome in self.outcomes if 200 <= outcome.status < 300})

    def _sender(self, work):
        while True:
            event = work.get()
            if event is None:
                return
            outcome = self._deliver(event)
            with self._lock:
                self.outcomes.append(outcome)

    def _deliver(self, event):
        """One event until a 2xx or 4xx answers it, or RETRY_FOR passed; the latency is the answered try's."""
        sent_at = time.monotonic() - self.started
        deadline = time.monotonic() + RETRY_FOR
        first_status, attempt = None, 0
        while True:
            attempt += 1
            url = self.urls[next(self._turn) % len(self.urls)]
            status, retry_after, latency = post(url, event)
            first_status = first_status or status
            if status < 500 or time.monotonic() >= deadline:
                return Outcome(event, status, attempt, latency, first_status, sent_at)
            pause = RETRY_PAUSES[min(attempt - 1, len(RETRY_PAUSES) - 1)]
            time.sleep(min(pause, retry_after or RETRY_CAP, RETRY_CAP))


def post(url, event):
    """(status, Retry-After seconds or None, ms); a broken connection is status 599 (no answer)."""
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=TIMEOUT)
    t0 = time.perf_counter()
    try:
        connection.request("POST", event.path, body=event.body, headers=event.headers)
        response = connection.getresponse()
        response.read()
        retry_after = response.getheader("Retry-After")
        return response.status, float(retry_after) if retry_after else None, (time.perf_counter() - t0) * 1000
    except (OSError, http.client.HTTPException):
        return 599, None, (time.perf_counter() - t0) * 1000
    finally:
        connection.close()


def percentile(samples, share):
    ordered = sorted(samples)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, max(0, int(round(share * len(ordered))) - 1))]


def summary(outcomes, elapsed):
    """The load line's figures: acknowledged events/s over the run, latency percentiles of the answered
    tries, what answered first (a 503 retried counts once under 503), how many were given up."""
    acked = [outcome for outcome in outcomes if 200 <= outcome.status < 300]
    latencies = [outcome.latency_ms for outcome in acked]
    return {
        "events": len(outcomes), "acked": len(acked), "per_second": len(acked) / elapsed if elapsed else 0.0,
        "p50": percentile(latencies, 0.50), "p95": percentile(latencies, 0.95), "p99": percentile(latencies, 0.99),
        "first_answers": dict(Counter(outcome.first_status for outcome in outcomes)),
        "retried": sum(1 for outcome in outcomes if outcome.attempts > 1),
        "undelivered": sum(1 for outcome in outcomes if outcome.status >= 300),
    }


def describe(figures):
    errors = ", ".join("%s: %d" % (status, count) for status, count in sorted(figures["first_answers"].items())
                       if status >= 300) or "none"
    return ("%(per_second).0f events/s acknowledged (%(acked)d of %(events)d), p50 %(p50).1f ms, p95 %(p95).1f ms, "
            "p99 %(p99).1f ms; retried %(retried)d, undelivered %(undelivered)d" % figures) + "; errors first " + errors
