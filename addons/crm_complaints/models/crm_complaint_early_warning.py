# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Early warning for product management: similar complaints or negative remarks about a product pile up."""
from datetime import timedelta

from odoo import _, api, fields, models

DEFAULT_COUNT = 3
DEFAULT_DAYS = 30
SIMILAR_LIMIT = 20  # similar complaints looked at per new complaint
MIN_SCORE = 45.0  # find_similar's score (0-100) from which a complaint counts as "the same problem"
OPEN_STATES = ("new", "accepted")


class CrmComplaintEarlyWarning(models.AbstractModel):
    """Checked when a complaint or insight is saved: when N (Settings, default 3) complaints about one
    product that the similarity search groups together arrive within M days (default 30), one suggestion
    of kind "early warning" links them for the product manager; later similar complaints join it. N
    negative insights about a product within M days do the same. One similarity search and one indexed
    query per complaint."""

    _name = "crm.complaint.early.warning"
    _description = "Early Warning for Product Management"

    @api.model
    def check_complaint(self, complaint):
        """The early warning the complaint opened or joined, else an empty recordset."""
        Suggestion = self.env["crm.complaint.suggestion"]
        warning, recent = self._match_complaint(complaint)
        if warning:
            warning.write({"complaint_ids": [(4, complaint.id)]})
            warning.message_post(body=_("Another similar complaint: %s") % complaint.name,
                                 message_type="comment", subtype="mail.mt_note")
            return warning
        count, _days = self._limits()
        if len(recent) + 1 < count:
            return Suggestion
        return self._open(complaint.product_id, _("Early warning: %(count)d similar complaints about "
                                                  "%(product)s") % {"count": len(recent) + 1,
                                                                    "product": complaint.product_id.display_name},
                          complaint_ids=recent + complaint.ids)

    @api.model
    def _match_complaint(self, complaint):
        """The check, before any action: (the open early warning of a similar complaint about the same
        product, or an empty recordset; the ids of the similar complaints of the last M days). One
        similarity ranking (the complaints themselves are not read) and one indexed query."""
        Suggestion = self.env["crm.complaint.suggestion"]
        if not complaint.product_id:
            return Suggestion, []
        text = " ".join(filter(None, [complaint.subject, complaint.description]))
        ranked = self.env["crm.complaint.similarity"].find_ids(text, complaint.product_id.id, limit=SIMILAR_LIMIT,
                                                               exclude_ids=complaint.ids)
        similar = [complaint_id for complaint_id, score in ranked if score >= MIN_SCORE]
        if not similar:
            return Suggestion, []
        self.env.cr.execute("""
            SELECT c.id, c.create_date >= %(since)s,
                   (SELECT s.id FROM crm_complaint_suggestion_rel rel
                    JOIN crm_complaint_suggestion s ON s.id = rel.suggestion_id
                    WHERE rel.complaint_id = c.id AND s.kind = 'early_warning' AND s.state IN %(open)s
                      AND s.product_id = c.product_id
                    ORDER BY s.id DESC LIMIT 1)
            FROM crm_complaint c WHERE c.id IN %(ids)s AND c.product_id = %(product)s
        """, {"since": self._since(self._limits()[1]), "open": OPEN_STATES, "ids": tuple(similar),
              "product": complaint.product_id.id})
        rows = self.env.cr.fetchall()
        warning = Suggestion.browse(max([row[2] for row in rows if row[2]] or [0])).exists()
        return warning, [row[0] for row in rows if row[1]]

    @api.model
    def check_insight(self, insight):
        """The early warning a negative insight about a product opened or joined, else an empty recordset."""
        Suggestion = self.env["crm.complaint.suggestion"]
        if not insight.product_id or insight.sentiment != "negative":
            return Suggestion
        count, days = self._limits()
        warning = Suggestion.search([("kind", "=", "early_warning"), ("state", "in", OPEN_STATES),
                                     ("product_id", "=", insight.product_id.id)], limit=1)
        if warning:
            warning.write({"insight_ids": [(4, insight.id)]})
            return warning
        recent = self.env["crm.customer.insight"].search([
            ("product_id", "=", insight.product_id.id), ("sentiment", "=", "negative"),
            ("date", ">=", self._since(days)[:10])])
        if len(recent) < count:
            return Suggestion
        return self._open(insight.product_id, _("Early warning: %(count)d negative remarks about %(product)s")
                          % {"count": len(recent), "product": insight.product_id.display_name},
                          insight_ids=recent.ids)

    @api.model
    def _open(self, product, title, complaint_ids=(), insight_ids=()):
        """A new early warning for the product manager (Settings), with a task for them."""
        manager_id = int(self.env["ir.config_parameter"].sudo().get_param("crm_complaints.early_warning_user_id") or 0)
        manager = self.env["res.users"].browse(manager_id).exists()
        warning = self.env["crm.complaint.suggestion"].create({
            "name": title, "kind": "early_warning", "product_id": product.id,
            "product_manager_id": manager.id, "complaint_ids": [(6, 0, list(complaint_ids))],
            "insight_ids": [(6, 0, list(insight_ids))],
            "description": _("Opened by itself: the same problem with this product came up repeatedly within "
                             "%d days.") % self._limits()[1],
        })
        if manager:
            self.env["mail.activity"].create({
                "res_model_id": self.env["ir.model"]._get_id("crm.complaint.suggestion"),
                "res_id": warning.id,
                "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
                "summary": _("Review the early warning"),
                "date_deadline": fields.Date.context_today(self),
                "user_id": manager.id,
            })
        return warning

    @api.model
    def _limits(self):
        """(N complaints or remarks, within M days) from Settings."""
        get = self.env["ir.config_parameter"].sudo().get_param
        return (int(get("crm_complaints.early_warning_count", DEFAULT_COUNT)),
                int(get("crm_complaints.early_warning_days", DEFAULT_DAYS)))

    @api.model
    def _since(self, days):
        return fields.Datetime.to_string(fields.Datetime.from_string(fields.Datetime.now()) - timedelta(days=days))
