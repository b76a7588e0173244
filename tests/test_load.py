"""A busy morning in small: calls from sipgate, Placetel and a PBX at a steady rate, their events spread over
two Odoo servers on one PostgreSQL, which is restarted mid-run; agents wait for pop-ups on either server.

Correctness only, never speed (bench/bench_call_load.py measures): nothing acknowledged is lost, no call is
there twice, no request answers 500, every pop-up arrives, and each cron runs once per due time although both
servers run crons. The stack has a PostgreSQL cluster of its own (tests/fakes/two_servers.py)."""
import threading
import time

import pytest

from fakes import bus_agents, call_audit, switchboard
from fakes.two_servers import TwoServers

CALLS = 200
RATE = 50  # events/s
OUR_CRONS = ["crm_telephony.ir_cron_close_unended_calls", "crm_ticketing.ir_cron_check_deadlines",
             "crm_ticketing.ir_cron_maintenance_plans", "crm_complaints.ir_cron_complaint_escalation"]
CRON_WAKE = 75  # seconds: a prefork cron worker first looks for due jobs 60-69 s after it started


@pytest.fixture(scope="module")
def two_servers(odoo_server, admin):
    from conftest import free_port
    ports = [free_port() for _ in range(6)]
    stack = TwoServers(odoo_server.db, odoo_server.db + "_load", ports,
                       "/tmp/crm-pg-load-%d" % ports[1])
    try:
        stack.start()
        stack.started = time.time()
        stack.admin = _client(stack)
        stack.admin.write("ir.cron", [_cron_id(stack.admin, xmlid) for xmlid in OUR_CRONS],
                          {"nextcall": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(time.time() - 60)),
                           "active": True})
        stack.signer, stack.agents, stack.agent_ids = call_audit.prepare(stack.admin)
        yield stack
    finally:
        stack.stop()


def _client(stack):
    import erppeek
    return erppeek.Client(stack.url, stack.db, "admin", "admin", verbose=False)


def _cron_id(admin, xmlid):
    return admin.model("ir.model.data").xmlid_to_res_id(xmlid)


@pytest.mark.slow
def test_a_morning_of_calls_over_two_servers_survives_a_postgresql_restart(two_servers):
    """200 calls (about 560 events) at 50 events/s, each event to the other server than the one before,
    PostgreSQL stopped for a few seconds after 4 s: the telephone systems get 503 and retry; afterwards every
    acknowledged event is in its call, each call exactly once and in the state its events give."""
    stack = two_servers
    prefix = "pytest-load-%d" % (time.time() % 10 ** 6)
    plan = switchboard.plan_calls(stack.agents, RATE, CALLS * 2.8 / RATE, prefix, stack.signer)
    assert len(plan) == CALLS
    # half of the agents on each server's own longpolling port: the pop-up reaches them through either
    agents = []
    for index, agent in enumerate(stack.agents):
        server = index % 2
        bus_agent = bus_agents.BusAgent(stack.server_urls[server], stack.db, agent.login, agent.password,
                                        poll_url=stack.longpolling_urls[server])
        bus_agent.log_in()
        bus_agent.start()
        agents.append(bus_agent)
    time.sleep(1)
    board = switchboard.Switchboard(stack.server_urls, plan, concurrency=16)
    outage = {}

    def restart_postgresql():
        stack.postgresql("stop")
        outage["stopped"] = time.time()
        time.sleep(3)
        stack.postgresql("start")

    restart = threading.Thread(target=restart_postgresql)

    def on_second(elapsed):
        if elapsed >= 4 and not restart.ident:
            restart.start()
    board_run = board.run(on_second)
    restart.join(60)
    bus_agents.stop_agents(agents, linger=bus_agents.POLL_TIMEOUT + 3)

    figures = switchboard.summary(board_run, board.elapsed)
    result = call_audit.audit(stack.admin, prefix, plan, board_run, stack.agent_ids, agents)
    assert outage, "PostgreSQL was restarted during the run"
    assert figures["first_answers"].get(503), "some events met the outage and were answered 503: %s" % figures
    assert figures["undelivered"] == 0, switchboard.describe(figures)
    assert (result["lost"], result["duplicated"], result["inconsistent"]) == (0, 0, 0), result["examples"][:5]
    assert result["calls"] == CALLS
    assert result["popups_missing"] == 0, call_audit.describe(result)
    assert all(agent.record_ids for agent in agents[1::2]), "the agents on the second server got pop-ups"
    assert 500 not in figures["first_answers"] and not stack.answered_500(), stack.answered_500()[:5]


@pytest.mark.slow
def test_each_of_our_crons_runs_once_though_both_servers_run_crons(two_servers):
    """Both servers' cron workers find our crons due; Odoo's row lock on ir_cron lets one of them run each."""
    stack = two_servers
    time.sleep(max(0, stack.started + CRON_WAKE - time.time()))
    names = stack.admin.read("ir.cron", [_cron_id(stack.admin, xmlid) for xmlid in OUR_CRONS], "cron_name")
    deadline = time.time() + 60
    while time.time() < deadline:
        runs = {name: len(stack.log_lines("Starting job `%s`." % name)) for name in names}
        if all(runs.values()):
            break
        time.sleep(2)
    assert runs == {name: 1 for name in names}
    assert not stack.log_lines("failed in Job"), "the crons ran without an error"
