# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The forward wizard: hand a complaint to a colleague or team with a to-do and a note."""
from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError


class CrmComplaintForward(models.TransientModel):
    """Hand a complaint to a colleague or team: assignment, followers, a to-do with deadline and a note."""

    _name = "crm.complaint.forward"
    _description = "Forward a Complaint"

    complaint_id = fields.Many2one("crm.complaint", "Complaint", required=True, ondelete="cascade")
    team_id = fields.Many2one("crm.team", "Team")
    user_id = fields.Many2one("res.users", "Person", domain=[("share", "=", False)],
                              help="Empty: the team leader of the chosen team.")
    date_deadline = fields.Date("Deadline", required=True,
                                default=lambda self: self.env.user.company_id._crm_working_day(
                                    fields.Date.context_today(self)))
    note = fields.Text("Internal Note", required=True)

    @api.multi
    def action_forward(self):
        self.ensure_one()
        complaint = self.complaint_id
        if not self.team_id and not self.user_id:
            raise UserError(_("Choose a team or a person to forward the complaint to."))
        assignee = self.user_id or self.team_id.user_id
        if not assignee:
            raise UserError(_("Team %s has no team leader: choose a person.") % self.team_id.name)
        if self.date_deadline < fields.Date.context_today(self):
            raise UserError(_("The deadline %s lies in the past.") % self.date_deadline)
        if not (self.note or "").strip():
            raise UserError(_("Write an internal note for the colleague."))
        values = {"user_id": assignee.id, "date_deadline": self.date_deadline}
        if self.team_id:
            values["team_id"] = self.team_id.id
        complaint.write(values)
        complaint.message_subscribe_users((assignee | self.team_id.user_id).ids)
        self.env["mail.activity"].create({
            "res_model_id": self.env["ir.model"]._get("crm.complaint").id,
            "res_id": complaint.id,
            "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
            "summary": _("Forwarded complaint: %s") % complaint.subject,
            "note": self.note,
            "date_deadline": self.date_deadline,
            "user_id": assignee.id,
        })
        target = assignee.name if not self.team_id else "%s (%s)" % (assignee.name, self.team_id.name)
        complaint.message_post(
            body=_("Forwarded to %(target)s, deadline %(deadline)s:") % {
                "target": tools.html_escape(target), "deadline": self.date_deadline}
            + tools.plaintext2html(self.note),
            message_type="comment", subtype="mail.mt_note")
        return {"type": "ir.actions.act_window_close"}
