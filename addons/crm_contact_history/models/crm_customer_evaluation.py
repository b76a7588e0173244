# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The monthly snapshot of a customer's evaluation: the trend graph and the memory of last month's grade."""
from odoo import api, fields, models

from .res_partner_payment_grade import PAYMENT_GRADES

ABC_CLASSES = [("A", "A"), ("B", "B"), ("C", "C")]
CHURN_RISKS = [("none", "None"), ("low", "Low"), ("high", "High")]
SNAPSHOT_FIELDS = ["health_score", "abc_class", "churn_risk", "payment_grade", "write_uid", "write_date"]


class CrmCustomerEvaluation(models.Model):
    """Score, class, risk and payment grade of one customer in one month, written by the evaluation job
    (one row per customer and month: the latest run of the month wins)."""

    _name = "crm.customer.evaluation"
    _description = "Customer Evaluation (Monthly)"
    _order = "month desc, id desc"
    _rec_name = "month"

    partner_id = fields.Many2one("res.partner", "Customer", required=True, readonly=True, ondelete="cascade")
    month = fields.Date(required=True, readonly=True, help="First day of the month evaluated.")
    health_score = fields.Integer("Health Score", readonly=True, group_operator="avg")
    abc_class = fields.Selection(ABC_CLASSES, "ABC Class", readonly=True)
    churn_risk = fields.Selection(CHURN_RISKS, "Churn Risk", readonly=True)
    payment_grade = fields.Selection(PAYMENT_GRADES, "Payment Grade", readonly=True)
    user_id = fields.Many2one(related="partner_id.user_id", string="Salesperson", readonly=True)

    _sql_constraints = [
        ("partner_month_unique", "UNIQUE (partner_id, month)", "One evaluation per customer and month."),
    ]

    @api.model
    def _snapshot_query(self, source):
        """The upsert of this month's row (parameter `month`) of every customer in `source`, a relation of the
        evaluation run's statement (id, score, abc_class, risk, payment_grade); rows that did not change are
        left alone."""
        return """
            INSERT INTO crm_customer_evaluation (partner_id, month, health_score, abc_class, churn_risk,
                                                 payment_grade, create_uid, create_date, write_uid, write_date)
            SELECT r.id, %(month)s, r.score, r.abc_class, r.risk, r.payment_grade,
                   %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
            FROM {source} r
            ON CONFLICT (partner_id, month) DO UPDATE SET
                health_score = excluded.health_score, abc_class = excluded.abc_class,
                churn_risk = excluded.churn_risk, payment_grade = excluded.payment_grade,
                write_uid = excluded.write_uid, write_date = excluded.write_date
            WHERE (crm_customer_evaluation.health_score, crm_customer_evaluation.abc_class,
                   crm_customer_evaluation.churn_risk, crm_customer_evaluation.payment_grade)
                  IS DISTINCT FROM (excluded.health_score, excluded.abc_class, excluded.churn_risk,
                                    excluded.payment_grade)
        """.format(source=source)
