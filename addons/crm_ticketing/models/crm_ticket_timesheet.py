# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The project a ticket's time is booked on, and the timesheet lines of all its steps."""
from odoo import _, api, fields, models


class CrmTicket(models.Model):
    """The time of a ticket's steps is booked on its project's analytic account (hr_timesheet)."""

    _inherit = "crm.ticket"

    project_id = fields.Many2one("project.project", "Timesheet Project", default=lambda self: self._default_project(),
                                 domain=[("allow_timesheets", "=", True)],
                                 help="The technicians' time on the steps is booked on this project's analytic "
                                      "account.")
    timesheet_ids = fields.One2many("account.analytic.line", "crm_ticket_id", "Timesheets", readonly=True)

    @api.model
    def _default_project(self):
        return self.env.ref("crm_ticketing.project_customer_service", raise_if_not_found=False)

    @api.model
    def _name_default_project(self):
        """Project names are not translatable: the service project takes the name in its company's language
        (called at install, once the add-on's translations are loaded)."""
        project = self._default_project()
        if project:
            company = project.company_id or self.env.ref("base.main_company")
            project.name = self.with_context(lang=company.partner_id.lang or "en_US")._default_project_name()

    @api.model
    def _default_project_name(self):
        return _("Customer Service")

    def _timesheet_project(self):
        """The ticket's project, else the service project of the add-on."""
        self.ensure_one()
        return self.project_id or self._default_project()
