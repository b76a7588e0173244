# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Complaints in the customer evaluation: open and recent complaints lower the score and raise the risk."""
from odoo import _, api, models

RECENT_DAYS = 90
RISKY_COMPLAINTS = 2  # complaints within RECENT_DAYS that make a reason of their own


class CrmCustomerEvaluationRun(models.AbstractModel):
    """The 'complaints' component of the health score: (open + recent complaints) / 4, at most 1."""

    _inherit = "crm.customer.evaluation.run"

    @api.model
    def _signal_queries(self):
        return super()._signal_queries() + ["""
            SELECT r.id, 'complaints', least((c.open + c.recent) / 4.0, 1),
                   CASE WHEN c.recent >= %(risky_complaints)s THEN json_build_object(
                       'code', 'complaints', 'count', c.recent, 'open', c.open, 'days', %(complaint_days)s,
                       'severity', 1) END
            FROM {run} r JOIN (
                SELECT commercial_partner_id AS id, count(*) FILTER (WHERE NOT coalesce(is_closed, false)) AS open,
                       count(*) FILTER (WHERE create_date >= %(today)s::date - %(complaint_days)s) AS recent
                FROM crm_complaint
                WHERE commercial_partner_id IN (SELECT id FROM {run})
                GROUP BY commercial_partner_id
            ) c ON c.id = r.id
            WHERE c.open + c.recent > 0"""]

    @api.model
    def _parameters(self):
        return dict(super()._parameters(), complaint_days=RECENT_DAYS, risky_complaints=RISKY_COMPLAINTS)


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _crm_risk_reason_text(self, reason):
        if reason.get("code") == "complaints":
            return _("%(count)d complaints in %(days)d days, %(open)d open") % reason
        return super()._crm_risk_reason_text(reason)
