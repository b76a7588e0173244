"""Click-to-dial through sipgate's REST API (a local server enforcing its contract) and an Asterisk followed
by the AMI bridge (a local AMI speaker): both end up in the call log."""
import json
import os
import subprocess
import sys
import uuid
import xmlrpc.client

import pytest
import requests

from fakes.ami_speaker import AmiSpeaker
from fakes.sipgate_api import FakeSipgate
from fakes.telephony import API_KEY, configure, new_customer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BRIDGE = os.path.join(ROOT, "addons", "crm_telephony", "scripts", "ami_bridge.py")


@pytest.fixture
def sipgate(admin):
    fake = FakeSipgate(token_id="token-4711", token="s3cr3t-token").start()
    company_id = admin.model("ir.model.data").xmlid_to_res_id("base.main_company")
    admin.write("res.company", [company_id], {"sipgate_api_url": fake.url, "sipgate_token_id": fake.token_id,
                                              "sipgate_token": fake.token})
    agent_id = admin.search("res.users", [("login", "=", "agent")])[0]
    admin.write("res.users", [agent_id], {"sipgate_device_id": "e0"})
    yield fake
    fake.stop()


@pytest.fixture(scope="module")
def customer(admin):
    configure(admin)
    return new_customer(admin, "Sächsische Feinmechanik AG")


def _dial(odoo_server, partner_id):
    agent = odoo_server.client("agent", "agent")
    return agent.execute("res.partner", "action_dial", [partner_id], context={"dial_field": "phone"})


def test_agent_dials_a_contact_and_the_outgoing_call_is_logged(admin, odoo_server, sipgate, customer):
    action = _dial(odoo_server, customer.person_id)
    [request] = sipgate.requests
    assert request["headers"]["Content-Type"] == "application/json"
    body = json.loads(request["body"].decode())
    assert body["deviceId"] == "e0" and body["caller"] == "e0"
    assert body["callee"] == "+49" + customer.sipgate_number[2:]
    call = admin.read("crm.telephony.call", action["res_id"], "direction partner_id provider provider_call_id user_id")
    assert (call["direction"], call["partner_id"][0], call["provider"]) == ("out", customer.person_id, "sipgate")
    assert call["provider_call_id"] and call["user_id"][1] == "Tim Becker"


@pytest.mark.parametrize("change, status, words", [  # the demo agent works in German
    ({"token": "wrong"}, 401, "Token-ID und Token in den Einstellungen"),
    ({"balance": 0}, 402, "kein Guthaben"),
    ({"devices": {"p0"}}, 403, "sessions:calls:write"),
])
def test_sipgate_refusals_become_clear_messages(odoo_server, sipgate, customer, change, status, words):
    for key, value in change.items():
        setattr(sipgate, key, value)
    with pytest.raises(xmlrpc.client.Fault) as refused:
        _dial(odoo_server, customer.person_id)
    assert sipgate.requests[-1]["status"] == status
    assert words in str(refused.value)


def test_invalid_device_is_a_400_with_a_message(admin, odoo_server, sipgate, customer):
    agent_id = admin.search("res.users", [("login", "=", "agent")])[0]
    admin.write("res.users", [agent_id], {"sipgate_device_id": "desk-phone"})
    try:
        with pytest.raises(xmlrpc.client.Fault) as refused:
            _dial(odoo_server, customer.person_id)
    finally:
        admin.write("res.users", [agent_id], {"sipgate_device_id": "e0"})
    assert sipgate.requests[-1]["status"] == 400
    assert "ungültig" in str(refused.value)


def test_contract_server_refuses_what_sipgate_refuses(sipgate):
    url = sipgate.url + "/v2/sessions/calls"
    auth = (sipgate.token_id, sipgate.token)
    assert requests.post(url, data="deviceId=e0", auth=auth, timeout=5,
                         headers={"Content-Type": "application/x-www-form-urlencoded"}).status_code == 415
    assert requests.post(url, json={"deviceId": "e0", "callee": "+4930123456"}, timeout=5).status_code == 401
    assert requests.post(url, json={"deviceId": "e0"}, auth=auth, timeout=5).status_code == 400


def test_ami_bridge_forwards_an_asterisk_call(admin, odoo_server, customer):
    linked = "1700000000.%d" % (uuid.uuid4().int % 10000)
    caller = customer.national.replace(" ", "").replace("-", "")
    events = [
        [("Event", "Newchannel"), ("Channel", "SIP/sipgate-00000001"), ("ChannelState", "4"),
         ("CallerIDNum", caller), ("Exten", "4930555000"), ("Context", "from-trunk"),
         ("Uniqueid", linked), ("Linkedid", linked)],
        [("Event", "Newchannel"), ("Channel", "SIP/201-00000002"), ("ChannelState", "5"),
         ("CallerIDNum", "201"), ("Exten", "201"), ("Context", "from-internal"),
         ("Uniqueid", linked + "1"), ("Linkedid", linked)],
        [("Event", "Newstate"), ("Channel", "SIP/201-00000002"), ("ChannelState", "6"),
         ("ChannelStateDesc", "Up"), ("Uniqueid", linked + "1"), ("Linkedid", linked)],
        [("Event", "Hangup"), ("Channel", "SIP/201-00000002"), ("Cause", "16"), ("Uniqueid", linked + "1"),
         ("Linkedid", linked)],
        [("Event", "Hangup"), ("Channel", "SIP/sipgate-00000001"), ("Cause", "16"), ("Uniqueid", linked),
         ("Linkedid", linked)],
    ]
    speaker = AmiSpeaker("odoo", "ami-secret", events, delay=0.3).start()
    try:
        env = dict(os.environ, CRM_TELEPHONY_API_KEY=API_KEY, AMI_SECRET="ami-secret")
        result = subprocess.run([sys.executable, BRIDGE, "--ami-port", str(speaker.port), "--ami-user", "odoo",
                                 "--odoo-url", odoo_server.url, "--run-seconds", "5"],
                                env=env, capture_output=True, text=True, timeout=60)
    finally:
        speaker.stop()
    assert speaker.logins == [True]
    assert "forwarded 3 events" in result.stderr, result.stderr
    assert API_KEY not in result.stderr + result.stdout, "the API key never appears in the bridge's log"
    [call] = admin.read("crm.telephony.call", [("provider", "=", "pbx"), ("provider_call_id", "=", linked)],
                        "state partner_id user_id result")
    assert (call["state"], call["result"], call["partner_id"][0]) == ("done", "completed", customer.person_id)
    assert call["user_id"][1] == "Tim Becker"
