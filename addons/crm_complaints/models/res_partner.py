# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer's complaints: counter, list and new complaint from the partner form, open processes."""
from odoo import _, api, fields, models


class ResPartner(models.Model):
    """The customer's complaints on the partner form and in the customer file."""

    _inherit = "res.partner"

    complaint_count = fields.Integer("Complaints", compute="_compute_complaint_count")

    def _compute_complaint_count(self):
        """Complaints of the customer (company with its contacts) the user may read: one read_group for all
        partners shown; 0 for users who may not read complaints."""
        counts = self._crm_count_by_customer("crm.complaint")
        for partner in self:
            partner.complaint_count = counts.get(partner.commercial_partner_id.id or partner.id, 0)

    @api.multi
    def action_open_complaints(self):
        return self._crm_customer_action("crm_complaints.crm_complaint_action", title=_("Complaints of %s"),
                                         default_partner=self[:1])

    @api.multi
    def action_new_complaint(self):
        """Record a complaint of this customer, e.g. while on the phone with them."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("New Complaint"),
            "res_model": "crm.complaint",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {"default_partner_id": self.id, "default_channel": "phone"},
        }

    @api.multi
    def _crm_open_processes(self):
        """Open complaints join the customer's open items (one query), deadline first, empty last."""
        return self._crm_extend_open_processes(
            super()._crm_open_processes(), "crm.complaint", [("is_closed", "=", False)],
            ["name", "subject", "stage_id", "date_deadline"], lambda row: {
                "model": "crm.complaint", "id": row["id"], "name": "%s %s" % (row["name"], row["subject"]),
                "state": row["stage_id"] and row["stage_id"][1], "deadline": row["date_deadline"],
                "amount": None, "kind": "complaint",
            })
