# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The agent's pop-up of a call: its contents, and the bus message that makes it appear."""
from odoo import api, models

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
    def _notify_agents(self, call, kind):
        """Bus message `kind` (ring|update) to every agent the call rings at.

        The message is light (`partial`): the call and the caller's name, which whoever may read the call
        sees on it anyway. The pop-up shows at once and asks for the rest (matches, payment grade, open
        processes, history) with the agent's own access rights (get_screen_pop), so the telephone system
        gets its answer without waiting for every module's open processes."""
        self.env.cr.execute("""
            SELECT DISTINCT partner_id FROM res_users
            WHERE id IN (SELECT user_id FROM crm_telephony_call WHERE id = %(call)s
                         UNION ALL SELECT user_id FROM crm_telephony_call_target_user_rel WHERE call_id = %(call)s)
            ORDER BY partner_id
        """, {"call": call.id})
        partner_ids = [row[0] for row in self.env.cr.fetchall()]
        if not partner_ids:
            return
        payload = self._payload(call, kind, full=False)
        self.env["crm.bulk.writer"]._send_bus([((self.env.cr.dbname, BUS_CHANNEL, partner_id), payload)
                                               for partner_id in partner_ids])

    @api.model
    def _payload(self, call, kind, full=True):
        """The pop-up contents; `full=False`: only the call and the caller's name (the bus message)."""
        call.ensure_one()
        if full:  # read as the agent who asks: their access rules apply
            values = call.read(POP_CALL_FIELDS, load="_classic_write")[0]
        else:  # the call the webhook just wrote, from the record cache (no second query in the webhook)
            values = {name: call[name] for name in POP_CALL_FIELDS}
        payload = {
            "type": kind,
            "call": dict({name: values[name] or "" for name in POP_CALL_FIELDS}, id=call.id,
                         match_count=values["match_count"]),
            "caller": False, "matches": [], "open_processes": [], "history": [], "partial": not full,
        }
        partner = call.partner_id
        if not full:
            if partner:  # the name the call shows to its readers (Odoo names a many2one as superuser)
                payload["caller"] = partner.sudo().read(["name", "display_name"])[0]
            return payload
        if call.number_e164 and not partner:
            payload["matches"] = self.env["res.partner"]._phone_lookup_e164(call.number_e164, limit=10)
        if not partner:
            return payload
        customer = partner.commercial_partner_id
        grades = dict(customer._fields["payment_grade"]._description_selection(self.env))
        payload["caller"] = {
            "id": partner.id, "name": partner.name, "display_name": partner.display_name,
            "company": customer.name if customer != partner else "", "customer_id": customer.id,
            "payment_grade": customer.payment_grade or "",
            "payment_grade_label": grades.get(customer.payment_grade, ""),
            "salesperson": customer.user_id.name or "",
        }
        payload["open_processes"] = customer._crm_open_processes()[:10]
        payload["history"] = self._history(customer)
        return payload

    @api.model
    def _history(self, customer):
        """The customer's latest history entries, short."""
        kinds = dict(self.env["crm.contact.history"]._fields["kind"]._description_selection(self.env))
        return [{
            "date": row["date"], "kind": kinds.get(row["kind"], row["kind"]), "name": row["name"] or "",
            "body": (row["body"] or "")[:120],
        } for row in self.env["crm.contact.history"].search_read(
            [("partner_id", "=", customer.id)], ["date", "kind", "name", "body"], limit=HISTORY_ENTRIES)]
