# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The stages of a ticket: which mean work in progress, waiting for the customer, or closed."""
from odoo import fields, models


class CrmTicketStage(models.Model):
    _name = "crm.ticket.stage"
    _description = "Service Ticket Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    fold = fields.Boolean("Folded in Kanban")
    is_closed = fields.Boolean("Closed", help="Tickets in this stage are finished: they no longer count as open.")
    is_progress = fields.Boolean("In Progress", help="Tickets move here when their first step starts.")
    is_waiting = fields.Boolean("Waiting for Customer",
                                help="The service-level clock stands still while a ticket is in this stage.")
