"""sipgate, Placetel, 3CX and PBX scripts post their documented payloads to the live server (two workers
behind nginx); the calls land in the call log, once, in a consistent state, and only when authentic."""
import os
import re
import threading
import uuid
import xmlrpc.client
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from conftest import LOCAL
from fakes.telephony import (API_KEY, calls, configure, new_customer, payloads, post_json, post_placetel,
                             post_sipgate, sipgate_call)


@pytest.fixture(scope="module")
def signer(admin):
    return configure(admin)


@pytest.fixture(scope="module")
def customer(admin):
    return new_customer(admin, "Elbe Kältetechnik GmbH")


def test_sipgate_call_answered_and_hung_up_is_logged_for_the_caller(admin, odoo_server, signer, customer):
    call_id = uuid.uuid4().hex[:12]
    response = post_sipgate(odoo_server, signer, sipgate_call("newCall", call_id, customer.sipgate_number))
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/xml")
    assert 'onAnswer="%s/crm_telephony/sipgate"' % odoo_server.url in response.text
    assert 'onHangup="%s/crm_telephony/sipgate"' % odoo_server.url in response.text
    [call] = calls(admin, call_id)
    assert call["state"] == "ringing" and call["partner_id"][0] == customer.person_id
    assert call["user_id"][1] == "Tim Becker"
    for event in ("answer", "hangup"):
        response = post_sipgate(odoo_server, signer, sipgate_call(event, call_id, customer.sipgate_number))
        assert response.status_code == 200
    [call] = calls(admin, call_id)
    assert (call["state"], call["result"]) == ("done", "completed")


def test_sipgate_replay_changes_nothing(admin, odoo_server, signer, customer):
    call_id = uuid.uuid4().hex[:12]
    body = sipgate_call("newCall", call_id, customer.sipgate_number)
    for _attempt in range(3):
        assert post_sipgate(odoo_server, signer, body).status_code == 200
    before = calls(admin, call_id, "state write_date message_ids")
    assert post_sipgate(odoo_server, signer, body).status_code == 200
    assert calls(admin, call_id, "state write_date message_ids") == before and len(before) == 1


def test_sipgate_events_out_of_order_make_one_missed_call_with_call_back(admin, odoo_server, signer, customer):
    call_id = uuid.uuid4().hex[:12]
    digits = customer.sipgate_number
    assert post_sipgate(odoo_server, signer, sipgate_call("hangup", call_id, digits, cause="cancel")).ok
    assert post_sipgate(odoo_server, signer, sipgate_call("newCall", call_id, digits)).ok
    [call] = calls(admin, call_id)
    assert call["state"] == "missed"
    activities = admin.read("mail.activity", [("res_model", "=", "crm.telephony.call"), ("res_id", "=", call["id"])],
                            "activity_type_id date_deadline user_id")
    assert len(activities) == 1 and activities[0]["user_id"][1] == "Tim Becker"


def test_events_of_one_call_sent_at_the_same_moment_build_one_call(admin, odoo_server, signer, customer):
    """sipgate may send ring, answer and hang-up of a short call within milliseconds; the two workers take
    them in parallel. Each call is logged once, answered and ended, whatever order the events ran in."""
    call_ids = [uuid.uuid4().hex[:12] for _call in range(8)]
    bodies = [sipgate_call(event, call_id, customer.sipgate_number) for call_id in call_ids
              for event in ("newCall", "answer", "hangup")]
    start = threading.Barrier(len(bodies))

    def post(body):
        start.wait()
        return post_sipgate(odoo_server, signer, body).status_code
    with ThreadPoolExecutor(len(bodies)) as pool:
        statuses = list(pool.map(post, bodies))
    assert statuses == [200] * len(bodies)
    for call_id in call_ids:
        [call] = calls(admin, call_id)
        assert (call["state"], call["result"], call["partner_id"][0]) == ("done", "completed", customer.person_id)
        assert call["date_answer"] and call["date_end"] and call["date_answer"] <= call["date_end"]


def test_sipgate_array_fields_in_indexed_form(admin, odoo_server, signer, customer):
    call_id = uuid.uuid4().hex[:12]
    body = sipgate_call("newCall", call_id, customer.sipgate_number, array="[][0]")
    assert b"userId%5B%5D%5B0%5D=w0" in body
    assert post_sipgate(odoo_server, signer, body).status_code == 200
    assert calls(admin, call_id)[0]["user_id"][1] == "Tim Becker"


def test_sipgate_wrong_or_missing_signature_is_refused_and_nothing_written(admin, odoo_server, signer, customer):
    call_id = uuid.uuid4().hex[:12]
    body = sipgate_call("newCall", call_id, customer.sipgate_number)
    assert post_sipgate(odoo_server, signer, body, sign=False).status_code == 403
    assert post_sipgate(odoo_server, signer, body, signature=signer.sign(body + b"&x=1")).status_code == 403
    assert post_sipgate(odoo_server, signer, body + b"&tampered=1", signature=signer.sign(body)).status_code == 403
    assert calls(admin, call_id) == []


def test_sipgate_unknown_event_missing_call_id_and_huge_body(admin, odoo_server, signer, customer):
    for body in (sipgate_call("dtmf", "abc", customer.sipgate_number, users=(), dtmf="1"),
                 sipgate_call("newCall", "", customer.sipgate_number)):
        assert post_sipgate(odoo_server, signer, body).status_code == 400
    call_id = uuid.uuid4().hex[:12]
    huge = sipgate_call("newCall", call_id, customer.sipgate_number, diversion="9" * (70 * 1024))
    assert post_sipgate(odoo_server, signer, huge).status_code == 413
    assert calls(admin, call_id) == []


def test_anonymous_caller_is_logged_without_error(admin, odoo_server, signer):
    call_id = uuid.uuid4().hex[:12]
    assert post_sipgate(odoo_server, signer, sipgate_call("newCall", call_id, "anonymous")).status_code == 200
    [call] = calls(admin, call_id, "number partner_id state")
    assert (call["number"], call["partner_id"], call["state"]) == ("anonymous", False, "ringing")


def test_placetel_call_with_hmac_signature(admin, odoo_server, customer):
    call_id = "pt-" + uuid.uuid4().hex[:10]
    national = customer.national.replace(" ", "").replace("-", "")
    steps = [
        payloads.placetel_body("IncomingCall", call_id, national),
        payloads.placetel_body("CallAccepted", call_id, national, peer="201"),
        payloads.placetel_body("HungUp", call_id, national, type="accepted", duration="95"),
    ]
    for body in steps:
        response = post_placetel(odoo_server, body)
        assert response.status_code == 200, response.text
    [call] = calls(admin, call_id)
    assert (call["state"], call["duration"], call["partner_id"][0]) == ("done", 95, customer.person_id)
    assert call["user_id"][1] == "Tim Becker"
    bad = post_placetel(odoo_server, payloads.placetel_body("IncomingCall", call_id.replace("pt-", "px-"), national),
                        secret="wrong")
    assert bad.status_code == 403


def test_3cx_lookup_answers_json_with_customer_file_link(odoo_server, customer):
    url = odoo_server.url + "/crm_telephony/3cx/lookup"
    number = {"number": customer.national}
    response = requests.get(url, params=number, headers={"X-Api-Key": API_KEY}, timeout=30)
    assert response.status_code == 200
    data = response.json()
    assert data["contact"]["id"] == customer.person_id
    assert data["contact"]["company"] == "Elbe Kältetechnik GmbH"
    assert data["contact"]["url"].startswith(odoo_server.url + "/web#id=%d" % customer.company_id)
    assert requests.get(url, params=number, timeout=30).status_code == 403
    assert requests.get(url, params=number, headers={"X-Api-Key": "nope"}, timeout=30).status_code == 403


def test_3cx_journal_logs_a_finished_call_once(admin, odoo_server, customer):
    body = payloads.threecx_journal("Inbound", customer.national, "2026-02-03 08:00:00", agent="201",
                                    established="2026-02-03 08:00:12", end="2026-02-03 08:03:32",
                                    duration="00:03:20", EntityId=str(customer.person_id))
    for _attempt in range(2):
        assert post_json(odoo_server, "3cx/journal", body).status_code == 200
    found = admin.read("crm.telephony.call", [("provider", "=", "3cx"), ("partner_id", "=", customer.person_id)],
                       "state duration user_id")
    assert len(found) == 1 and found[0]["duration"] == 200 and found[0]["state"] == "done"


def test_pbx_events_need_the_api_key(admin, odoo_server, customer):
    call_id = "pbx-" + uuid.uuid4().hex[:8]
    event = payloads.pbx_event("ring", call_id, customer.national, agent="201")
    assert post_json(odoo_server, "events", event, api_key=None).status_code == 403
    assert post_json(odoo_server, "events", payloads.pbx_event("explode", "1")).status_code == 400
    response = post_json(odoo_server, "events", event)
    assert response.status_code == 200 and response.json()["state"] == "ringing"
    assert calls(admin, call_id)[0]["user_id"][1] == "Tim Becker"


def test_agent_and_salesperson_rights_over_xmlrpc(admin, odoo_server, signer, customer):
    """The agent writes notes on the calls offered to them; a salesperson reads the log but changes nothing."""
    agent = odoo_server.client("agent", "agent")
    sales = odoo_server.client("sales", "sales")
    mine, other = uuid.uuid4().hex[:12], uuid.uuid4().hex[:12]
    post_sipgate(odoo_server, signer, sipgate_call("newCall", mine, customer.sipgate_number))
    admin_id = admin.search("res.users", [("login", "=", "admin")])[0]
    admin.write("res.users", [admin_id], {"sipgate_user_id": "w9"})
    post_sipgate(odoo_server, signer, sipgate_call("newCall", other, customer.sipgate_number,
                                                   users=[("Administrator", "w9", "1234567w9")]))
    my_call, other_call = calls(admin, mine)[0]["id"], calls(admin, other)[0]["id"]
    agent.write("crm.telephony.call", [my_call], {"notes": "<p>Kunde wünscht Rückruf</p>"})
    with pytest.raises(xmlrpc.client.Fault) as denied:
        agent.write("crm.telephony.call", [other_call], {"notes": "<p>fremd</p>"})
    assert "AccessError" in str(denied.value) or "access" in str(denied.value).lower()
    matches = agent.execute("res.partner", "phone_lookup", customer.national)
    assert matches[0]["id"] == customer.person_id and matches[0]["commercial_partner_id"] == customer.company_id
    assert sales.read("crm.telephony.call", [my_call], ["state"])[0]["state"] == "ringing"
    with pytest.raises(xmlrpc.client.Fault) as denied:
        sales.write("crm.telephony.call", [my_call], {"notes": "<p>nein</p>"})
    assert "AccessError" in str(denied.value) or "access" in str(denied.value).lower()
    with pytest.raises(xmlrpc.client.Fault) as denied:
        sales.create("crm.telephony.call", {"name": "Manuell"})
    assert "AccessError" in str(denied.value) or "access" in str(denied.value).lower()


def test_a_call_cannot_end_before_it_started(odoo_server, customer):
    """A call typed in by hand with its end before its start is refused with a readable message, in German
    when the web client asks in German, and nothing is saved."""
    agent = odoo_server.client("agent", "agent")
    call_id = agent.create("crm.telephony.call", {"name": "Rückruf Kältetechnik", "partner_id": customer.person_id,
                                                  "date_start": "2026-11-20 10:00:00"})
    late = {"date_end": "2026-11-20 09:59:00"}
    with pytest.raises(xmlrpc.client.Fault) as refused:
        agent.execute_kw("crm.telephony.call", "write", [[call_id], late])
    assert "A call cannot end before it started." in refused.value.faultString
    with pytest.raises(xmlrpc.client.Fault) as refused:
        agent.execute_kw("crm.telephony.call", "write", [[call_id], late], {"context": {"lang": "de_DE"}})
    assert "Ein Anruf kann nicht enden, bevor er begonnen hat." in refused.value.faultString
    assert agent.read("crm.telephony.call", [call_id], ["date_end", "state"])[0] == {
        "id": call_id, "date_end": False, "state": "ringing"}


def _session_files():
    """The session files of the test server (the data_dir of .local/odoo.conf)."""
    with open(os.path.join(LOCAL, "odoo.conf")) as conf:
        data_dir = re.search(r"^data_dir = (.*)$", conf.read(), re.M).group(1).strip()
    path = os.path.join(data_dir, "sessions")
    return set(os.listdir(path)) if os.path.isdir(path) else set()


def test_a_busy_switchboard_leaves_no_session_files_behind(odoo_server, signer, customer):
    before = _session_files()
    call_id = uuid.uuid4().hex[:12]
    answers = [post_sipgate(odoo_server, signer, sipgate_call(event, call_id, customer.sipgate_number)).status_code
               for event in ("newCall", "answer", "hangup")]
    answers.append(post_sipgate(odoo_server, signer, sipgate_call("newCall", "x", "1"), signature="forged")
                   .status_code)
    answers.append(post_json(odoo_server, "events", payloads.pbx_event("explode", "1")).status_code)
    answers.append(requests.get(odoo_server.url + "/crm_telephony/3cx/lookup", params={"number": customer.national},
                                headers={"X-Api-Key": API_KEY}, timeout=30).status_code)
    assert answers == [200, 200, 200, 403, 400, 200]
    assert _session_files() - before == set(), \
        "a telephone system's events keep no session: Odoo 11 would write a file per event"
    login = requests.post(odoo_server.url + "/web/session/authenticate", json={"jsonrpc": "2.0", "params": {
        "db": odoo_server.db, "login": "admin", "password": "admin"}}, timeout=30)
    assert login.json()["result"]["uid"]
    assert _session_files() - before, "a user's login still keeps its session"
