# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Click-to-dial: the client of sipgate's REST API that starts a call, logged as an outgoing call."""
import logging

import requests

from odoo import _, api, models
from odoo.exceptions import UserError, ValidationError

from .phone_number import provider_to_e164
from .res_company import DEFAULT_SIPGATE_API_URL

_logger = logging.getLogger(__name__)

DIAL_TIMEOUT = 10


class CrmTelephonyDial(models.AbstractModel):
    """Click-to-dial through sipgate (POST /v2/sessions/calls): sipgate rings the agent's device, then
    the number. The agent's device and the company's token are set in the user form and the Settings."""

    _name = "crm.telephony.dial"
    _description = "Telephony Click-to-Dial"

    @api.model
    def dial(self, number, partner=None):
        """Start a call to `number` (of `partner`, a contact or its id, when given) from the current user's
        device; returns the outgoing call. Wrong arguments and errors of the API become messages the
        agent (or the integrator over XML-RPC) understands."""
        if not isinstance(number, str) or not number.strip():
            raise ValidationError(_("Click-to-dial needs the number to dial as text."))
        partner = self._dial_partner(partner)
        user = self.env.user
        company = user.company_id
        secret = self.env["crm.telephony.secret"].sudo()._of_company(company)
        if not (secret.sipgate_token_id and secret.sipgate_token):
            raise UserError(_("Click-to-dial is not set up: enter the sipgate token in the Settings."))
        if not user.sipgate_device_id:
            raise UserError(_("Enter your sipgate device (e.g. e0) in your user preferences to dial."))
        company_region = company._telephony_locale().region
        e164 = provider_to_e164(number, (partner.country_id.code if partner else None) or company_region)
        if not e164:
            raise UserError(_("%s is not a phone number that can be dialled.") % number)
        body = {"deviceId": user.sipgate_device_id, "caller": user.sipgate_device_id, "callee": e164}
        caller_id = provider_to_e164(company.phone, company_region) if company.phone else None
        if caller_id:
            body["callerId"] = caller_id
        session_id = self._start_session(company, secret, body)
        calls = self.env["crm.telephony.call"]
        values = dict(calls._caller_values(e164), **{
            "name": _("Call to %s") % (partner.display_name if partner else number),
            "direction": "out",
            "provider": "sipgate",
            "provider_call_id": session_id or False,
            "number": number,
            "number_e164": e164,
            "user_id": user.id,
            "target_user_ids": [(6, 0, user.ids)],
        })
        if partner:
            values["partner_id"] = partner.id
        return calls.create(values)

    @api.model
    def _dial_partner(self, partner):
        """The contact of a call to dial: a res.partner record or id (over XML-RPC), or none."""
        partners = self.env["res.partner"]
        if not partner:
            return partners
        if isinstance(partner, int) and not isinstance(partner, bool):
            partner = partners.browse(partner).exists()
        if not isinstance(partner, models.BaseModel) or partner._name != partners._name or len(partner) != 1:
            raise ValidationError(_("Click-to-dial needs one existing contact (or none)."))
        return partner

    @api.model
    def _start_session(self, company, secret, body):
        """POST the call to the company's sipgate API with its token (`secret`: its crm.telephony.secret,
        read as superuser); returns sipgate's session id (None when its answer carries none)."""
        url = (company.sipgate_api_url or DEFAULT_SIPGATE_API_URL).rstrip("/") + "/v2/sessions/calls"
        try:
            response = requests.post(url, json=body, auth=(secret.sipgate_token_id, secret.sipgate_token),
                                     headers={"Accept": "application/json"}, timeout=DIAL_TIMEOUT)
        except requests.RequestException as error:
            _logger.warning("sipgate click-to-dial failed: %s", type(error).__name__)
            raise UserError(_("sipgate cannot be reached right now. Please try again or dial by hand."))
        if response.status_code != 200:
            raise UserError(self._error_message(response.status_code))
        try:
            return response.json().get("sessionId")
        except ValueError:
            return None

    @api.model
    def _error_message(self, status):
        """What an HTTP status of sipgate's API means for the agent."""
        messages = {
            400: _("sipgate refused the call: the number or the device is not valid."),
            401: _("sipgate did not accept the token: check the token ID and token in the Settings."),
            402: _("The sipgate account has no credit left: top it up to make calls."),
            403: _("sipgate does not allow this call: the token needs the scope sessions:calls:write "
                   "and the device must belong to the token's user."),
            415: _("sipgate did not understand the request (unsupported media type). Please contact your "
                   "administrator."),
        }
        return messages.get(status, _("sipgate could not start the call (HTTP %s).") % status)
