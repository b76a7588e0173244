# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The agent's pop-up of a call: its contents, and the bus message that makes it appear."""
from odoo import _, api, fields, models

HISTORY_ENTRIES = 5
POP_CALL_FIELDS = ["state", "direction", "number", "number_e164", "line_number", "date_start", "name", "notes",
                   "match_count"]
BUS_CHANNEL = "crm.telephony"  # the agent listens on (db, BUS_CHANNEL, partner id); see controllers/bus.py


class CrmTelephonyScreenPop(models.AbstractModel):
    """What the pop-up of a call shows: the call, the caller (or the contacts sharing the number), the
    customer's payment grade, open processes and latest history. static/src/js/screen_pop.js renders it."""

    _name = "crm.telephony.screen.pop"
    _description = "Telephony Screen Pop"

    @api.model
    def get_screen_pop(self, call_id):
        """The pop-up contents of the call for the current user, with their access rights (the web client
        asks after the light bus message and after a reload)."""
        return self._payload(self.env["crm.telephony.call"].browse(call_id), "update")

    @api.model
    def _notify_agents(self, call, kind, known=None):
        """Bus message `kind` (ring|update) to every agent the call rings at and to its agent (`known`:
        the call's values as crm.telephony.call.store just wrote them, with these agents' partners when
        the event did not change them; else they are read).

        The message is light (`partial`): the call and the caller's name, which whoever may read the call
        sees on it anyway. The pop-up shows at once and asks for the rest (matches, payment grade, open
        processes, history) with the agent's own access rights (get_screen_pop), so the telephone system
        gets its answer without waiting for every module's open processes."""
        partner_ids = (known or {}).get("agent_partner_ids")
        if partner_ids is None:
            partner_ids = self.env["crm.telephony.call.store"]._agent_partner_ids(call.id)
        if not partner_ids:
            return
        payload = self._payload(call, kind, full=False) if known is None else self._light_payload(call, kind, known)
        self.env["crm.bulk.writer"]._send_bus([((self.env.cr.dbname, BUS_CHANNEL, partner_id), payload)
                                               for partner_id in partner_ids])

    @api.model
    def _payload(self, call, kind, full=True):
        """The pop-up contents; `full=False`: only the call and the caller's name (the bus message).
        Modules add to the full contents by extending `_caller_payload` (the caller) or this method."""
        call.ensure_one()
        if full:  # read as the agent who asks: their access rules apply
            values = call.read(POP_CALL_FIELDS, load="_classic_write")[0]
        else:
            values = {name: call[name] for name in POP_CALL_FIELDS}
        payload = self._light_payload(call, kind, values)
        partner = call.partner_id
        if not full:
            if partner:  # the name the call shows to its readers (Odoo names a many2one as superuser)
                payload["caller"] = partner.sudo().read(["name", "display_name"])[0]
            return payload
        payload["partial"] = False
        payload["call"]["date_start"] = self._format_datetime(values["date_start"])
        payload["result"] = self._result(call)
        payload["new_contact"] = self._new_contact(call, partner)
        if call.number_e164 and not partner:
            payload["matches"] = self.env["res.partner"]._phone_lookup_e164(call.number_e164, limit=10)
        if not partner:
            return payload
        customer = partner.commercial_partner_id
        payload["caller"] = self._caller_payload(partner)
        payload["open_processes"] = [dict(process, deadline=self._format_date(process.get("deadline")))
                                     for process in customer._crm_open_processes()[:10]]
        payload["history"] = self._history(customer)
        payload["actions"] = partner._crm_new_process_actions(origin=call)
        return payload

    @api.model
    def _light_payload(self, call, kind, values):
        """The bus message's contents: the call's POP_CALL_FIELDS of `values`, and the caller's id, name
        and display name when `values` has them (`caller`)."""
        return {
            "type": kind,
            "call": dict({name: values[name] or "" for name in POP_CALL_FIELDS}, id=call.id,
                         match_count=values["match_count"]),
            "caller": values.get("caller") or False, "matches": [], "open_processes": [], "history": [],
            "actions": [], "result": False, "new_contact": False, "partial": True,
        }

    @api.model
    def _caller_payload(self, partner):
        """The caller as the pop-up shows it: name, company, payment grade, salesperson."""
        customer = partner.commercial_partner_id
        grades = dict(customer._fields["payment_grade"]._description_selection(self.env))
        return {
            "id": partner.id, "name": partner.name, "display_name": partner.display_name,
            "is_company": partner.is_company,
            "company": customer.name if customer != partner else "", "customer_id": customer.id,
            "payment_grade": customer.payment_grade or "",
            "payment_grade_label": grades.get(customer.payment_grade, ""),
            "salesperson": customer.user_id.name or "",
            # the customer evaluation's badge: a high churn risk with its first reason, in the agent's language
            "at_risk": customer.customer_churn_risk == "high",
            "risk_reason": customer.customer_risk_first_reason or "",
        }

    @api.model
    def _new_contact(self, call, partner):
        """{"label", "allowed", "reason"} of the pop-up's "Create contact": for an unknown caller, or a
        caller from a company's switchboard (the new person then belongs to the company)."""
        if partner and not (partner.is_company and call.number_e164 not in (partner.phone_e164, partner.mobile_e164)):
            return False
        allowed = self.env["res.partner"].check_access_rights("create", raise_exception=False)
        return {
            "label": _("New contact at %s") % partner.name if partner else _("Create contact"),
            "allowed": allowed,
            "reason": "" if allowed else _("You may not create contacts: ask your administrator for the "
                                           "Contact Creation right."),
        }

    @api.model
    def _result(self, call):
        """What came of the call (a complaint, a ticket...), as the agent may see it."""
        record = call.result_ref
        if not record or not record.exists() or not record.check_access_rights("read", raise_exception=False):
            return False
        return {"model": record._name, "id": record.id, "name": record.sudo().display_name,
                "kind": self.env["ir.model"]._get(record._name).name}

    @api.model
    def _history(self, customer):
        """The customer's latest history entries, short, dated in the agent's time zone and language."""
        kinds = dict(self.env["crm.contact.history"]._fields["kind"]._description_selection(self.env))
        return [{
            "date": self._format_datetime(row["date"]), "kind": kinds.get(row["kind"], row["kind"]),
            "name": row["name"] or "", "body": (row["body"] or "")[:120],
        } for row in self.env["crm.contact.history"].search_read(
            [("partner_id", "=", customer.id)], ["date", "kind", "name", "body"], limit=HISTORY_ENTRIES)]

    @api.model
    def _format_datetime(self, value):
        """'07.12.2026 13:30' for a German agent in Berlin of the UTC value '2026-12-07 12:30:00'."""
        if not value:
            return ""
        local = fields.Datetime.context_timestamp(self, fields.Datetime.from_string(value))
        lang = self._lang()
        return local.strftime("%s %s" % (lang.date_format, lang.time_format.replace(":%S", "")))

    @api.model
    def _format_date(self, value):
        if not value:
            return ""
        return fields.Date.from_string(value[:10]).strftime(self._lang().date_format)

    @api.model
    def _lang(self):
        return self.env["res.lang"]._lang_get(self.env.lang or self.env.user.lang or "en_US")
