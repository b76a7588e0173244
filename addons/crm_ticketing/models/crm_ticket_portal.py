# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The ticket in the customer portal: its address there, its next step, the customer's answers."""
from odoo import api, fields, models

from .crm_ticket import OPEN_STEP_STATES


class CrmTicket(models.Model):
    """A portal user of the customer reads the ticket and answers in its chatter; an answer to a ticket
    waiting for the customer puts it back to work."""

    _name = "crm.ticket"
    _inherit = ["crm.ticket", "portal.mixin"]

    portal_next_step = fields.Char("Next Step", compute="_compute_portal_next_step")
    portal_next_step_date = fields.Datetime("Expected on", compute="_compute_portal_next_step",
                                            help="The planned deadline of the next open step.")

    def _compute_portal_url(self):
        for ticket in self:
            ticket.portal_url = "/my/ticket/%d" % ticket.id

    def _compute_portal_next_step(self):
        """The open step due first, read for all tickets in one search (the customer may not read steps)."""
        steps = self.env["crm.ticket.step"].sudo().search([
            ("ticket_id", "in", self.ids), ("state", "in", OPEN_STEP_STATES)], order="date_deadline, id")
        first = {}
        for step in steps:
            first.setdefault(step.ticket_id.id, step)
        for ticket in self:
            step = first.get(ticket.id)
            ticket.portal_next_step = step.name if step else False
            ticket.portal_next_step_date = step.date_deadline if step else False

    @api.model
    def check_mail_message_access(self, res_ids, operation, model_name=None):
        """Portal users answer on the tickets they may read: they have no write access to them."""
        if operation == "create" and self.env.user.has_group("base.group_portal"):
            operation = "read"
        return super().check_mail_message_access(res_ids, operation, model_name=model_name)

    def _message_post_after_hook(self, message):
        result = super()._message_post_after_hook(message)
        if len(self) == 1 and self.stage_id.is_waiting and self._is_customer_answer(message):
            self._resume_after_customer_answer()
        return result

    def _is_customer_answer(self, message):
        """A public comment or an e-mail whose author is no employee (a portal user or an outside sender)."""
        message = message.sudo()
        return (message.message_type in ("comment", "email")
                and message.subtype_id == self.env.ref("mail.mt_comment")
                and not any(not user.share for user in message.author_id.user_ids))

    def _resume_after_customer_answer(self):
        """Back to work: the stage 'in progress', else the first open stage that does not wait."""
        stages = self.env["crm.ticket.stage"].sudo().search([("is_closed", "=", False), ("is_waiting", "=", False)])
        stage = stages.filtered("is_progress")[:1] or stages[:1]
        if stage:
            self.sudo().write({"stage_id": stage.id})
