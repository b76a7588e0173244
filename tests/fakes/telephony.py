"""Shared set-up of the telephony pytest modules: secrets and keys configured once per server, a customer
whose number is unique to the caller, and raw webhook posts exactly as the providers send them."""
import hashlib
import hmac
import itertools
import time
import uuid

import requests

from .sipgate_signer import SipgateSigner

PLACETEL_SECRET = "placetel-test-secret-%s" % uuid.uuid4().hex[:8]
API_KEY = "pbx-api-key-%s" % uuid.uuid4().hex[:12]
_SIGNER = {}
_numbers = itertools.count(int(time.time()) % 100000 * 10)


def configure(admin):
    """Our own sipgate key pair (we cannot sign with sipgate's), Placetel secret and API key."""
    if "signer" not in _SIGNER:
        signer = SipgateSigner()
        company_id = admin.search("res.company", [])[0]
        germany = admin.search("res.country", [("code", "=", "DE")])[0]
        # a German SME: national numbers of Placetel and 3CX are read as German numbers
        admin.write("res.company", [company_id], {
            "country_id": germany, "sipgate_public_key": signer.public_pem(),
            "placetel_secret": PLACETEL_SECRET, "telephony_api_key": API_KEY})
        _SIGNER["signer"] = signer
    return _SIGNER["signer"]


def new_customer(admin, name, salesperson_id=None):
    """A company and one contact person with a Dresden direct dial nobody else has; returns
    (company id, person id, national number, sipgate-style international digits)."""
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
    return company, person, national, digits


def post_sipgate(server, signer, body, sign=True, signature=None):
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if sign:
        headers["X-Sipgate-Signature"] = signature or signer.sign(body)
    return requests.post(server.url + "/crm_telephony/sipgate", data=body, headers=headers, timeout=30)


def post_placetel(server, body, secret=PLACETEL_SECRET):
    signature = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return requests.post(server.url + "/crm_telephony/placetel", data=body, timeout=30, headers={
        "Content-Type": "application/x-www-form-urlencoded", "X-PLACETEL-SIGNATURE": signature})


def calls(admin, call_id, fields="state partner_id user_id date_answer date_end result duration notes"):
    return admin.read("crm.phonecall", [("provider_call_id", "=", call_id)], fields)
