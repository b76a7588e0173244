# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The short status line a telephone's display shows for a caller (3CX lookup, plain-text lookup)."""
from babel.dates import format_datetime

from odoo import _, api, fields, models

SEPARATOR = " · "


class ResPartner(models.Model):
    """`Müller GmbH · B · 1 Reklamation offen · Ticket ST-0012 Di. 10:00` for the phone's display."""

    _inherit = "res.partner"

    @api.multi
    def _telephony_status_line(self):
        """The customer's name, payment grade, open processes counted by kind, and the next one with a
        deadline named with its date, in the context's language and time zone (the calls themselves,
        ringing right now, are left out)."""
        self.ensure_one()
        customer = self.commercial_partner_id or self
        processes = [process for process in customer._crm_open_processes() if process["kind"] != "call"]
        parts = [customer.name or ""]
        if customer.payment_grade:
            parts.append(customer.payment_grade)
        due = next((process for process in processes if process["deadline"]), None)
        counts = {}
        for process in processes:
            if process is not due:
                counts[process["kind_label"]] = counts.get(process["kind_label"], 0) + 1
        open_count = _("%(count)d %(kind)s open")  # not inside the comprehension: _() finds the language in this frame
        parts += [open_count % {"count": count, "kind": kind} for kind, count in counts.items()]
        if due:
            parts.append("%s %s %s" % (due["kind_label"], due["name"], self._telephony_display_date(due["deadline"])))
        return SEPARATOR.join(part for part in parts if part)

    @api.model
    def _telephony_display_date(self, value):
        """'Di. 10:00' (a deadline with a time, in the context's time zone), 'Di. 08.12.' (a date)."""
        locale = (self.env.lang or "en_US").split("@")[0]
        if len(value) > 10:
            local = fields.Datetime.context_timestamp(self, fields.Datetime.from_string(value))
            return format_datetime(local, "EEE HH:mm", locale=locale)
        return format_datetime(fields.Datetime.from_string(value[:10] + " 12:00:00"), "EEE dd.MM.", locale=locale)
