"""An employee with an ordinary login (agent, salesperson, technician) learns no telephony secret, nor a bit of
one, by any road over XML-RPC; the administrator still sets them in the Settings and the webhooks use them."""
import uuid
import xmlrpc.client

import pytest

from fakes.telephony import API_KEY, PLACETEL_SECRET, configure, post_json

SECRETS = ["telephony_api_key", "placetel_secret", "sipgate_token_id", "sipgate_token"]
SIPGATE_TOKEN_ID, SIPGATE_TOKEN = "tid-%s" % uuid.uuid4().hex[:10], "tok-%s" % uuid.uuid4().hex[:16]
ROLES = [("agent", "agent"), ("sales", "sales"), ("technician", "technician")]


@pytest.fixture(scope="module")
def company_id(admin):
    configure(admin)
    company_id = admin.model("ir.model.data").xmlid_to_res_id("base.main_company")
    admin.write("res.company", [company_id], {"sipgate_token_id": SIPGATE_TOKEN_ID, "sipgate_token": SIPGATE_TOKEN})
    return company_id


def leaks(answer):
    """True when a secret, or a 6-character piece of one (other than a plain word), is in an answer (a value or
    an error message)."""
    text = str(answer)
    return any(secret[i:i + 6] in text for secret in (API_KEY, PLACETEL_SECRET, SIPGATE_TOKEN_ID, SIPGATE_TOKEN)
               for i in range(len(secret) - 5) if not secret[i:i + 6].isalpha())


def refused_or_empty(call):
    """The answer of a road: an error (that names no secret) or values in which no secret is."""
    try:
        answer = call()
    except xmlrpc.client.Fault as fault:
        assert not leaks(fault.faultString), fault.faultString
        return "refused"
    assert not leaks(answer), answer
    return "empty"


@pytest.mark.parametrize("login, password", ROLES)
def test_no_road_gives_an_employee_a_secret(odoo_server, company_id, login, password):
    user = odoo_server.client(login, password)
    roads = {
        "read": lambda: user.execute("res.company", "read", [company_id], SECRETS),
        "search_read": lambda: user.execute("res.company", "search_read", [], SECRETS),
        "read_group": lambda: user.execute("res.company", "read_group", [], ["placetel_secret"], ["placetel_secret"]),
        "search oracle": lambda: user.execute("res.company", "search_count", [("telephony_api_key", "=like", "p%")]),
        "search": lambda: user.execute("res.company", "search", [("placetel_secret", "!=", False)]),
        "name_search": lambda: user.execute("res.company", "name_search", "", [("sipgate_token", "like", "t")]),
        "export": lambda: user.execute("res.company", "export_data", [company_id], SECRETS),
        "onchange": lambda: user.execute("res.company", "onchange", [], {"name": "X"}, "name",
                                         dict({"name": "1"}, **dict.fromkeys(SECRETS, ""))),
        "secret model": lambda: user.execute("crm.telephony.secret", "search_read", [], []),
        "secret groups": lambda: user.execute("crm.telephony.secret", "read_group", [], ["placetel_secret"],
                                              ["placetel_secret"]),
        "settings": lambda: user.execute("res.config.settings", "default_get",
                                         ["sipgate_token_id", "sipgate_token_hint", "placetel_secret_hint",
                                          "telephony_api_key_hint"]),
    }
    answers = {road: refused_or_empty(call) for road, call in roads.items()}
    assert answers["read"] == answers["secret model"] == answers["search oracle"] == "refused", answers


def test_secrets_are_not_tracked(admin, company_id):
    assert admin.execute("mail.tracking.value", "search_count", [("field", "in", SECRETS)]) == 0


def test_a_new_key_set_in_the_settings_replaces_the_old_one(admin, odoo_server, company_id):
    body = b'{"event": "ring", "call_id": "secret-key-1", "from": "0351 1234"}'
    assert post_json(odoo_server, "events", body).status_code == 200
    settings = admin.execute("res.config.settings", "create", {"telephony_api_key_new": "new-key-9876-abcd"})
    admin.execute("res.config.settings", "execute", [settings])
    try:
        hint = admin.execute("res.config.settings", "read", [admin.execute("res.config.settings", "create", {})],
                             ["telephony_api_key_hint"])[0]["telephony_api_key_hint"]
        assert hint == "\u2022" * 6 + "abcd"
        assert post_json(odoo_server, "events", body).status_code == 403
        assert post_json(odoo_server, "events", body, api_key="new-key-9876-abcd").status_code == 200
    finally:  # the other telephony tests of this session sign with the first key
        admin.write("res.company", [company_id], {"telephony_api_key": API_KEY})
