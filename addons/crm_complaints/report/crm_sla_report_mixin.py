# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The service-level report of any customer case: the share of decided cases that met their service level."""
from odoo import api, fields, models, tools


class CrmSlaReportMixin(models.AbstractModel):
    """One row per case whose service level is decided (met or breached); "Met (%)" averages to the share
    met in any grouping. The case table uses crm.sla.mixin and crm.duplicate.mixin (a duplicate is no case).
    The report using it names the case table (`_sla_report_table`) and its own columns
    (`_sla_report_columns`); the view is built from overridable pieces like Odoo's sale.report."""

    _name = "crm.sla.report.mixin"
    _description = "Service-Level Report of Customer Cases"

    partner_id = fields.Many2one("res.partner", "Customer", readonly=True)
    company_id = fields.Many2one("res.company", "Company", readonly=True)
    sla_status = fields.Selection([("met", "Met"), ("breached", "Breached")], "Service Level", readonly=True)
    met_percent = fields.Float("Met (%)", readonly=True, group_operator="avg")
    paused_hours = fields.Float("Hours Waiting for Customer", readonly=True, group_operator="avg")

    def _sla_report_table(self):
        """The table of the cases, read under the alias `c`."""
        raise NotImplementedError

    def _sla_report_columns(self):
        """[(report column, SQL expression over `c`)] beside the shared ones."""
        return []

    def _select(self):
        columns = [
            ("id", "c.id"), ("team_id", "c.team_id"), ("policy_id", "c.sla_policy_id"),
            ("partner_id", "c.commercial_partner_id"), ("company_id", "c.company_id"),
            ("date", "coalesce(c.date_closed, c.sla_deadline)"), ("sla_status", "c.sla_status"),
            ("met_percent", "CASE WHEN c.sla_status = 'met' THEN 100.0 ELSE 0.0 END"),
            ("paused_hours", "c.sla_paused_hours"),
        ] + self._sla_report_columns()
        return "SELECT " + ", ".join("{} AS {}".format(expression, name) for name, expression in columns)

    def _from(self):
        return "FROM {} c".format(self._sla_report_table())

    def _where(self):
        return "WHERE c.sla_status IN ('met', 'breached') AND c.duplicate_of_id IS NULL"  # a duplicate is no case

    @api.model_cr
    def init(self):
        if self._abstract:
            return
        tools.drop_view_if_exists(self.env.cr, self._table)
        # table and columns are the report's own code, never user input
        self.env.cr.execute("CREATE OR REPLACE VIEW {} AS ({} {} {})".format(
            self._table, self._select(), self._from(), self._where()))
