# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Payment behaviour of a customer: days late, overdue now, and the grade A-D derived from them."""
from collections import defaultdict

from odoo import api, fields, models

PAYMENT_GRADES = [
    ("A", "A - pays on time"),
    ("B", "B - pays slightly late"),
    ("C", "C - pays late"),
    ("D", "D - pays very late"),
]
DEFAULT_GRADE_LIMITS = {"A": 5, "B": 15, "C": 30}  # days late at most for the grade


class ResPartner(models.Model):
    """Payment grading of commercial partners, set-based (one UPDATE for any number of customers)."""

    _inherit = "res.partner"

    payment_avg_days_late = fields.Float("Average Days Late", digits=(16, 1), readonly=True, copy=False,
                                         help="Days paid after the due date, weighted by invoice amount "
                                              "(early payments count as 0).")
    payment_late_share = fields.Float("Paid Late (%)", digits=(16, 1), readonly=True, copy=False,
                                      help="Share of paid invoices that were paid after their due date.")
    payment_overdue_amount = fields.Monetary("Overdue Now", readonly=True, copy=False,
                                             currency_field="figures_currency_id",
                                             groups="account.group_account_invoice")
    payment_max_days_overdue = fields.Integer("Max Days Overdue", readonly=True, copy=False,
                                              groups="account.group_account_invoice")
    payment_grade = fields.Selection(PAYMENT_GRADES, "Payment Grade", readonly=True, copy=False, index=True,
                                     help="Graded from the average days late and the days overdue now; "
                                          "the limits are set in Settings.")

    @api.model
    def _recompute_payment_behaviour(self, partner_ids=None):
        """Grade the payment behaviour of the given commercial partners (all when None) in one UPDATE; the
        grades that changed are written through the ORM afterwards."""
        limits = self._payment_grade_limits()
        where = "" if partner_ids is None else "AND i.commercial_partner_id IN %(partners)s"
        targets = ("SELECT DISTINCT commercial_partner_id AS id FROM account_invoice "
                   "WHERE type = 'out_invoice' UNION SELECT id FROM res_partner WHERE payment_grade IS NOT NULL"
                   if partner_ids is None else "SELECT unnest(%(partner_list)s) AS id")
        self.env.cr.execute("""
            WITH per AS (
                SELECT i.commercial_partner_id AS partner_id, count(*) AS n,
                       sum(abs(i.amount_total_company_signed) * greatest(i.date_paid - i.date_due, 0))
                         FILTER (WHERE i.state = 'paid')
                         / nullif(sum(abs(i.amount_total_company_signed)) FILTER (WHERE i.state = 'paid'), 0)
                         AS avg_late,
                       100.0 * count(*) FILTER (WHERE i.state = 'paid' AND i.date_paid > i.date_due)
                         / nullif(count(*) FILTER (WHERE i.state = 'paid'), 0) AS late_share,
                       coalesce(sum(abs(i.residual_company_signed))
                                FILTER (WHERE i.state = 'open' AND i.date_due < %(today)s), 0) AS overdue,
                       coalesce(max(%(today)s::date - i.date_due)
                                FILTER (WHERE i.state = 'open' AND i.date_due < %(today)s), 0) AS max_overdue
                FROM account_invoice i
                WHERE i.type = 'out_invoice' AND i.state IN ('open', 'paid') {where}
                GROUP BY i.commercial_partner_id
            ), graded AS (
                SELECT t.id, per.n, per.avg_late, per.late_share, per.overdue, per.max_overdue,
                       greatest(coalesce(per.avg_late, 0), coalesce(per.max_overdue, 0)) AS score
                FROM ({targets}) t LEFT JOIN per ON per.partner_id = t.id
            )
            UPDATE res_partner p SET
                payment_avg_days_late = coalesce(g.avg_late, 0),
                payment_late_share = coalesce(g.late_share, 0),
                payment_overdue_amount = coalesce(g.overdue, 0),
                payment_max_days_overdue = coalesce(g.max_overdue, 0),
                payment_grade = CASE WHEN old.payment_grade IS NULL OR g.grade IS NULL THEN g.grade
                                     ELSE old.payment_grade END
            FROM (SELECT graded.*, CASE WHEN graded.n IS NULL THEN NULL
                                        WHEN graded.score <= %(a)s THEN 'A' WHEN graded.score <= %(b)s THEN 'B'
                                        WHEN graded.score <= %(c)s THEN 'C' ELSE 'D' END AS grade
                  FROM graded) g
            JOIN res_partner old ON old.id = g.id
            WHERE p.id = g.id
            RETURNING p.id, old.payment_grade, g.grade
        """.format(where=where, targets=targets), {
            "today": fields.Date.context_today(self), "a": limits["A"], "b": limits["B"], "c": limits["C"],
            "partners": tuple(partner_ids or [0]), "partner_list": list(partner_ids or []),
        })
        changed = defaultdict(list)
        for partner_id, old_grade, grade in self.env.cr.fetchall():
            if old_grade and grade and old_grade != grade:
                changed[grade].append(partner_id)
        self.invalidate_cache(["payment_avg_days_late", "payment_late_share", "payment_overdue_amount",
                               "payment_max_days_overdue", "payment_grade"])
        # a grade that changed goes through the ORM, one write per new grade, so automated actions fire
        # once per change (a first grade, set by SQL above, is no change)
        for grade, ids in sorted(changed.items()):
            self.browse(ids).sudo().with_context(tracking_disable=True).write({"payment_grade": grade})

    @api.model
    def _cron_recompute_payment_behaviour(self):
        self._recompute_payment_behaviour()

    @api.model
    def _payment_grade_limits(self):
        params = self.env["ir.config_parameter"].sudo()
        return {grade: int(params.get_param("crm_contact_history.payment_grade_%s_days" % grade.lower(), days))
                for grade, days in DEFAULT_GRADE_LIMITS.items()}
