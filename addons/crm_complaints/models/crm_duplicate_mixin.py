# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
""""Duplicate of …" for customer cases: close the duplicate, move its followers, link both in the chatter."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html_escape


class CrmDuplicateMixin(models.AbstractModel):
    """A case (complaint, ticket) reported twice is closed as a duplicate of the original: its followers
    follow the original from then on and a note on each links the other. The model using it has the fields
    `duplicate_of_id` (Many2one to itself) and `duplicate_ids` (its inverse; Odoo 11 cannot declare a link
    of a mixin to the model using it), `stage_id`, `commercial_partner_id`, `company_id` and says its
    closing stage for duplicates (`_duplicate_stage`)."""

    _name = "crm.duplicate.mixin"
    _description = "Duplicate of a Customer Case"

    duplicate_count = fields.Integer("Number of Duplicates", compute="_compute_duplicate_count")

    @api.depends("duplicate_ids")
    def _compute_duplicate_count(self):
        for case in self:
            case.duplicate_count = len(case.duplicate_ids)

    @api.multi
    def action_mark_duplicate_of(self, original_id):
        """Close these cases as duplicates of `original_id` (XML-RPC callable); returns True."""
        original = self.browse(original_id).exists()
        if not original:
            raise UserError(_("The original case does not exist (any more)."))
        for duplicate in self:
            duplicate._check_duplicate_of(original)
        stage = self._duplicate_stage()
        for duplicate in self:
            followers = duplicate.message_follower_ids
            original.message_subscribe(partner_ids=followers.mapped("partner_id").ids,
                                       channel_ids=followers.mapped("channel_id").ids)
            duplicate.write({"duplicate_of_id": original.id, "stage_id": stage.id})
            duplicate.message_post(body=_("<p>Closed as a duplicate of %s.</p>") % original._duplicate_link(),
                                   message_type="comment", subtype="mail.mt_note")
            original.message_post(body=_("<p>%s was closed as a duplicate of this one.</p>")
                                  % duplicate._duplicate_link(), message_type="comment", subtype="mail.mt_note")
            duplicate.message_unsubscribe(partner_ids=followers.mapped("partner_id").ids,
                                          channel_ids=followers.mapped("channel_id").ids)
        return True

    @api.multi
    def action_open_duplicates(self):
        """The duplicates of this case (its smart button)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": self._name,
            "view_mode": "tree,form",
            "domain": [("duplicate_of_id", "=", self.id)],
        }

    def _check_duplicate_of(self, original):
        """Readable refusals: itself, a cycle of duplicates, another customer or company, an open original."""
        self.ensure_one()
        if original == self:
            raise UserError(_("%s cannot be a duplicate of itself.") % self.name)
        chain = original
        while chain:
            if chain == self:
                raise UserError(_("%(case)s cannot be a duplicate of %(original)s: %(original)s is already a "
                                  "duplicate of %(case)s.") % {"case": self.name, "original": original.name})
            chain = chain.duplicate_of_id
        if original.commercial_partner_id != self.commercial_partner_id:
            raise UserError(_("%(case)s and %(original)s belong to different customers: only a case of the same "
                              "customer can be its original.") % {"case": self.name, "original": original.name})
        if original.company_id != self.company_id:
            raise UserError(_("%(case)s and %(original)s belong to different companies.")
                            % {"case": self.name, "original": original.name})

    def _duplicate_link(self):
        """A link the chatter opens in place: the case's reference."""
        return '<a href="#" data-oe-model="%s" data-oe-id="%d">%s</a>' % (
            self._name, self.id, html_escape(self.display_name))

    def _duplicate_stage(self):
        """The closing stage a duplicate moves to."""
        raise NotImplementedError
