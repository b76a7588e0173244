"""After a load run: the agents it rings at, and every call of the run checked in the database.

lost: an event the server acknowledged (2xx) whose effect is not in the call (or no call at all);
duplicated: two calls for one telephone system's call id; inconsistent: a state that the events do not
give (each acknowledged one applied, each unacknowledged one applied or not: a sender's time-out does not
tell), or an answered call without its agent; pop-ups missing: a call whose agent's browser got no bus message of it."""
from collections import Counter

from .switchboard import Agent
from .telephony import configure

AGENT_PASSWORD = "load-agent"


def prepare(admin, count=4):
    """The company's sipgate key, Placetel secret and API key set (telephony.configure), and `count` agents
    with a sipgate user id, an extension and a login of their own; returns (signer, agents, ids by login)."""
    signer = configure(admin)
    groups = [admin.model("ir.model.data").xmlid_to_res_id(xmlid) for xmlid in (
        "base.group_user", "crm_telephony.group_crm_telephony_user")]
    company_id = admin.model("ir.model.data").xmlid_to_res_id("base.main_company")
    agents, ids = [], {}
    for number in range(1, count + 1):
        agent = Agent("load-agent-%d" % number, AGENT_PASSWORD, "wl%d" % number, "97%d" % number)
        values = {"name": "Lastagent %d" % number, "login": agent.login, "password": agent.password,
                  "sipgate_user_id": agent.sipgate_user_id, "phone_extension": agent.extension,
                  "company_id": company_id, "company_ids": [(6, 0, [company_id])], "groups_id": [(6, 0, groups)]}
        found = admin.search("res.users", [("login", "=", agent.login)])
        if found:
            admin.write("res.users", found, values)
            ids[agent.login] = found[0]
        else:
            ids[agent.login] = admin.create("res.users", values)
        agents.append(agent)
    return signer, agents, ids


def possible_states(call, acked, tried):
    """The states the events can give: every acknowledged event applied, each one tried but not acknowledged
    (a time-out, a retry given up) applied or not."""
    unsure = sorted(tried - acked)
    states = set()
    for mask in range(2 ** len(unsure)):
        applied = acked | {kind for bit, kind in enumerate(unsure) if mask >> bit & 1}
        states.add(expected_state(call, applied))
    return states


def expected_state(call, acked):
    if "hangup" in acked:
        return "done" if call.answered and "answer" in acked else "missed"
    return "answered" if "answer" in acked else "ringing"


def audit(admin, prefix, calls, outcomes, agent_ids, bus_agents=()):
    """{'calls', 'lost', 'duplicated', 'inconsistent', 'popups_missing', 'examples'} of the run's calls."""
    records = admin.read("crm.telephony.call", [("provider_call_id", "=like", prefix + "-%")],
                         "provider provider_call_id state date_answer date_end user_id")
    per_id = Counter((record["provider"], record["provider_call_id"]) for record in records)
    by_id = {record["provider_call_id"]: record for record in records}
    acked, tried, answers = {}, {}, {}
    for outcome in outcomes:
        tried.setdefault(outcome.event.call, set()).add(outcome.event.kind)
        answers.setdefault(outcome.event.call, []).append("%s %s->%s in %d tries" % (
            outcome.event.kind, outcome.first_status, outcome.status, outcome.attempts))
        if 200 <= outcome.status < 300:
            acked.setdefault(outcome.event.call, set()).add(outcome.event.kind)
    popups = {}
    for bus_agent in bus_agents:
        popups.setdefault(bus_agent.login, set()).update(bus_agent.record_ids)
    result = {"calls": len(records), "lost": 0, "duplicated": sum(n - 1 for n in per_id.values() if n > 1),
              "inconsistent": 0, "popups_missing": 0, "examples": []}
    for call in calls:
        kinds = acked.get(call.call_id, set())
        record = by_id.get(call.call_id)
        if not record:
            result["lost"] += len(kinds)
            if kinds:
                result["examples"].append("%s: %s acknowledged, no call" % (call.call_id, sorted(kinds)))
            continue
        lost = [kind for kind, field in (("answer", "date_answer"), ("hangup", "date_end"))
                if kind in kinds and not record[field]]
        if lost:
            result["lost"] += len(lost)
            result["examples"].append("%s: %s acknowledged, not applied" % (call.call_id, lost))
        states = possible_states(call, kinds, tried.get(call.call_id, set()))
        agent_id = (record["user_id"] or [False])[0]
        if record["state"] not in states or ("answer" in kinds and agent_id != agent_ids[call.agent.login]):
            result["inconsistent"] += 1
            result["examples"].append("%s: %s with agent %s, expected %s by %s (%s)" % (
                call.call_id, record["state"], agent_id, "/".join(sorted(states)), call.agent.login,
                ", ".join(answers.get(call.call_id, []))))
        if bus_agents and record["id"] not in popups.get(call.agent.login, ()):
            result["popups_missing"] += 1
    return result


def describe(result):
    return "%(calls)d calls: %(lost)d lost, %(duplicated)d duplicated, %(inconsistent)d inconsistent, " \
           "%(popups_missing)d without pop-up" % result
