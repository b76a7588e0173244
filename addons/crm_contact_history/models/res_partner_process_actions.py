# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The processes a user may start for a contact (a complaint, a service ticket), the extension point."""
from odoo import api, models


class ResPartner(models.Model):
    """New processes for a contact: modules add theirs by extending `_crm_new_process_actions`."""

    _inherit = "res.partner"

    @api.multi
    def _crm_new_process_actions(self, origin=None):
        """[{"model", "name", "context"}]: the records the current user may create for this contact,
        each with the form's defaults (customer, contact). `origin` is the record the process comes
        from (e.g. a phone call), for modules whose records keep it. The caller opens the form and keeps
        what came of it; the base adds nothing. On no contact: the processes there are (their models)."""
        if len(self) > 1:
            self.ensure_one()  # one contact, or none
        return []

    @api.multi
    def _crm_new_process_action(self, model, name, defaults):
        """One entry of `_crm_new_process_actions` for `model`, or [] when the user may not create it.
        `defaults` are field values; the customer (and the contact, when it is a person) come first."""
        if not self.env[model].check_access_rights("create", raise_exception=False):
            return []
        customer = self.commercial_partner_id or self
        context = {"default_partner_id": customer.id}
        if self and self != customer:
            context["default_contact_id"] = self.id
        context.update(("default_%s" % field, value) for field, value in defaults.items())
        return [{"model": model, "name": name, "context": context}]
