# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The service-level clock on tickets: its policy, its working time, its pauses and its escalation."""
from odoo import api, fields, models


class CrmTicket(models.Model):
    """The ticket's targets come from the most specific policy of its type; the clock stands still in the
    stages flagged "waiting for customer" and stops in the closed ones."""

    _name = "crm.ticket"
    _inherit = ["crm.ticket", "crm.sla.mixin"]

    sla_policy_id = fields.Many2one("crm.sla.policy", "Service-Level Policy", readonly=True, copy=False,
                                    index=True)

    def _message_post_after_hook(self, message):
        self._sla_register_answer(message)
        return super()._message_post_after_hook(message)

    def _sla_trigger_fields(self):
        return ["stage_id", "type_id", "priority", "partner_id", "maintenance_plan_id", "contract_id", "date_start",
                "company_id"]

    def _sla_start(self):
        return self.date_start

    def _sla_timeline(self, start):
        return self._timeline(fields.Datetime.to_string(start))

    def _sla_escalation_users(self, ids):
        """As `_escalation_user`, for many tickets in one query: the leader of the ticket's team, else of its
        type's team, else who it is assigned to, else the administrator."""
        self.env.cr.execute("""
            SELECT t.id, coalesce(team.user_id, type_team.user_id, t.user_id, %s)
            FROM crm_ticket t
            LEFT JOIN crm_team team ON team.id = t.team_id
            LEFT JOIN crm_ticket_type type ON type.id = t.type_id
            LEFT JOIN crm_team type_team ON type_team.id = type.team_id
            WHERE t.id IN %s
        """, [self.env.ref("base.user_root").id, tuple(ids)])
        return dict(self.env.cr.fetchall())

    def _sla_activity_type(self):
        return self.env.ref("crm_ticketing.mail_activity_data_sla")


class CrmTicketStep(models.Model):
    """The deadline check of the steps also moves the tickets' service-level clocks."""

    _inherit = "crm.ticket.step"

    @api.model
    def _cron_check_deadlines(self):
        result = super()._cron_check_deadlines()
        self.env["crm.ticket"]._sla_cron_update()
        return result
