"""Shared set-up of the telephony pytest modules: secrets and keys configured once per server, a customer
whose number is unique to the caller, and raw webhook posts exactly as the providers send them (the bodies
come from the module's own payload builders, addons/crm_telephony/tests/payloads.py)."""
import itertools
import time
import uuid
from collections import namedtuple

import requests

from .addon_module import load
from .sipgate_signer import SipgateSigner

payloads = load("crm_telephony", "tests/payloads.py")

PLACETEL_SECRET = "placetel-test-secret-%s" % uuid.uuid4().hex[:8]
API_KEY = "pbx-api-key-%s" % uuid.uuid4().hex[:12]
TIM = ("Tim Becker", "w0", "1234567w0")  # the demo agent (login agent) as sipgate names him; extension 201
# A customer of the tests: the company, its contact person, and the person's direct dial as a German user
# writes it (national) and as sipgate sends it (international digits without '+').
Customer = namedtuple("Customer", "company_id person_id national sipgate_number")
_SIGNER = {}
_numbers = itertools.count(int(time.time()) % 100000 * 10)


def configure(admin):
    """Our own sipgate key pair (we cannot sign with sipgate's), Placetel secret and API key."""
    if "signer" not in _SIGNER:
        signer = SipgateSigner()
        company_id = admin.model("ir.model.data").xmlid_to_res_id("base.main_company")  # not the first by name
        germany = admin.search("res.country", [("code", "=", "DE")])[0]
        # a German SME: national numbers of Placetel and 3CX are read as German numbers
        admin.write("res.company", [company_id], {
            "country_id": germany, "sipgate_public_key": signer.public_pem(),
            "placetel_secret": PLACETEL_SECRET, "telephony_api_key": API_KEY})
        _SIGNER["signer"] = signer
    return _SIGNER["signer"]


def new_customer(admin, name, salesperson_id=None):
    """A company and one contact person with a Dresden direct dial nobody else has."""
    subscriber = str(2000000 + next(_numbers) % 7000000)
    national = "0351 %s-%s" % (subscriber[:6], subscriber[6:] + "1")
    digits = "49351" + subscriber[:6] + subscriber[6:] + "1"
    germany = admin.search("res.country", [("code", "=", "DE")])[0]
    company = admin.create("res.partner", {"name": name, "is_company": True, "customer": True,
                                           "country_id": germany,
                                           "phone": "0351 %s-0" % subscriber[:6],
                                           "user_id": salesperson_id or False})
    person = admin.create("res.partner", {"name": "Ansprechpartner %s" % name, "parent_id": company,
                                          "country_id": germany, "phone": national})
    return Customer(company, person, national, digits)


def sipgate_call(event, call_id, caller, users=(TIM,), **extra):
    """The body sipgate posts for `event` of a call from `caller` ringing at (or answered by) `users`."""
    return payloads.sipgate_body(event, call_id, caller, users=users, **extra)


def post_sipgate(server, signer, body, sign=True, signature=None):
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if sign:
        headers["X-Sipgate-Signature"] = signature or signer.sign(body)
    return requests.post(server.url + "/crm_telephony/sipgate", data=body, headers=headers, timeout=30)


def post_placetel(server, body, secret=PLACETEL_SECRET):
    return requests.post(server.url + "/crm_telephony/placetel", data=body, timeout=30, headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "X-PLACETEL-SIGNATURE": payloads.placetel_signature(secret, body)})


def post_json(server, path, body, api_key=API_KEY):
    """A JSON post of a PBX script or 3CX to /crm_telephony/<path>, with the API key unless None."""
    headers = {"Content-Type": "application/json"}
    if api_key:
        headers["X-Api-Key"] = api_key
    return requests.post(server.url + "/crm_telephony/" + path, data=body, headers=headers, timeout=30)


def calls(admin, call_id, fields="state partner_id user_id date_answer date_end result duration notes"):
    return admin.read("crm.telephony.call", [("provider_call_id", "=", call_id)], fields)
