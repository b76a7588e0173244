# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The configurable stages of complaint handling."""
from odoo import fields, models


class CrmComplaintStage(models.Model):
    """A step of complaint handling; the order and the names are configurable."""

    _name = "crm.complaint.stage"
    _description = "Complaint Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    fold = fields.Boolean("Folded in Kanban", help="Folded stages are collapsed in the kanban view.")
    is_closed = fields.Boolean("Closing Stage",
                               help="Complaints in this stage are done: they leave the open processes "
                                    "and are no longer escalated.")
    is_waiting = fields.Boolean("Waiting for Customer",
                                help="The service-level clock of complaints in this stage stands still.")
    description = fields.Text(translate=True)
