# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A ticket's steps planned from its service type's templates on the company's working calendar."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html_escape

from .crm_ticket import OPEN_STEP_STATES


class CrmTicket(models.Model):
    """Choosing the type lays out every step with its planned start, deadline, hours and cost at once;
    saving creates the steps, and the steps without predecessors are ready to be worked on. Another type
    replaces the open steps."""

    _inherit = "crm.ticket"

    @api.onchange("type_id", "date_start")
    def _onchange_type_id(self):
        """Lay out every step of the type with its planned start, deadline, hours and cost, before saving."""
        if self.steps_started:
            return {"warning": {
                "title": _("Steps already started"),
                "message": _("Use the button 'Change Service Type': it keeps the done steps and asks before "
                             "replacing the others."),
            }}
        if self.type_id and not self.team_id:
            self.team_id = self.type_id.team_id
        values = self._plan_step_values(self.type_id, self.date_start, self.team_id) if self.type_id else []
        self.step_ids = [(5, 0, 0)] + [(0, 0, vals) for vals in values]

    @api.model
    def create(self, values):
        values = dict(values)
        overrides = self._pop_step_overrides(values) if values.get("type_id") else {}
        ticket = super().create(values)
        if ticket.type_id:
            ticket._create_steps(overrides)
        return ticket

    @api.multi
    def write(self, values):
        changed = self.browse()
        if "type_id" in values:
            changed = self.filtered(lambda t: t.type_id.id != values["type_id"])
            if changed:
                # the plan shown in the form: rebuilt from the new type below
                values = {key: value for key, value in values.items() if key != "step_ids"}
            started = changed.filtered("steps_started")
            if started and not self.env.context.get("crm_ticket_type_change_confirmed"):
                raise UserError(_("Steps of %s have already started. Use 'Change Service Type': it keeps the "
                                  "done steps and asks before replacing the others.")
                                % ", ".join(started.mapped("name")))
        result = super().write(values)
        for ticket in changed:
            ticket._replace_open_steps()
        return result

    @api.model
    def _plan_step_values(self, ticket_type, date_start, team):
        """Values of the ticket steps of `ticket_type` started at `date_start`, in the order they can be
        done, each with its planned start and deadline on the company's working calendar."""
        templates = ticket_type.step_ids
        if not templates:
            return []
        offsets = templates._schedule_offsets()
        timeline = self._timeline(date_start)
        values = []
        for template in sorted(templates, key=lambda t: (offsets[t][0], t.sequence, t.id)):
            start, deadline = offsets[template]
            values.append({
                "template_step_id": template.id,
                "name": template.name,
                "sequence": template.sequence,
                "instructions": template.instructions,
                "user_id": template._responsible(team).id,
                "planned_hours": template.planned_hours,
                "product_id": template.product_id.id,
                "labour_rate": template.labour_rate,
                "material_cost": template.material_cost,
                "deadline_hours": template.deadline_hours,
                "deadline_base": template.deadline_base,
                "activity_type_id": template.activity_type_id.id,
                "predecessor_names": ", ".join(template.predecessor_ids.sorted(
                    lambda p: (p.sequence, p.id)).mapped("name")),
                "date_planned_start": fields.Datetime.to_string(timeline.at(start, starting=True)),
                "date_deadline": fields.Datetime.to_string(timeline.at(deadline)),
                "state": "waiting" if template.predecessor_ids else "ready",
            })
        return values

    def _timeline(self, date_start):
        """The working time of the company's calendar from `date_start` on (planning.WorkingTimeline)."""
        company = self.company_id or self.env.user.company_id
        calendar = company.resource_calendar_id
        if not calendar:
            raise UserError(_("Company %s has no working calendar: set one to plan step deadlines.")
                            % company.name)
        start = fields.Datetime.from_string(date_start or fields.Datetime.now())
        return calendar._crm_timeline(start, self._planning_tz())

    def _planning_tz(self):
        """Working hours are read in the company's time zone (its address), else the user's."""
        company = self.company_id or self.env.user.company_id
        return company.partner_id.tz or self.env.user.tz or "UTC"

    def _pop_step_overrides(self, values):
        """Take the steps shown by the onchange out of `values`: the steps are rebuilt from the type on
        save; what the user changed in the shown plan (responsible) is kept, keyed by template step."""
        overrides = {}
        for command in values.pop("step_ids", None) or []:
            if isinstance(command, (list, tuple)) and command[0] == 0 and command[2].get("template_step_id"):
                line = command[2]
                overrides[line["template_step_id"]] = {k: line[k] for k in ("user_id",) if line.get(k)}
        return overrides

    def _create_steps(self, overrides=None):
        """Create all steps of the type at once, link their predecessors and start the ready ones."""
        self.ensure_one()
        steps_model = self.env["crm.ticket.step"].sudo().with_context(crm_ticket_steps_from_template=True)
        by_template = {}
        values_list = self._plan_step_values(self.type_id, self.date_start, self.team_id)
        steps = steps_model.browse()
        with self.env.norecompute():
            for values in values_list:
                template = self.env["crm.ticket.type.step"].browse(values["template_step_id"])
                values.update((overrides or {}).get(template.id, {}))
                values["ticket_id"] = self.id
                values["predecessor_ids"] = [(6, 0, [by_template[p.id].id for p in template.predecessor_ids])]
                step = steps_model.create(values)
                by_template[template.id] = step
                steps |= step
        self.recompute()
        steps = steps.with_context(crm_ticket_steps_from_template=False)
        steps.filtered(lambda s: s.state == "ready")._notify_ready()
        return steps

    def _replace_open_steps(self):
        """A new type: done steps stay, the other steps are cancelled, the new type's steps are planned
        from now on."""
        self.ensure_one()
        type_name = html_escape(self.type_id.display_name or _("none"))
        replaced = self.step_ids.filtered(lambda s: s.state in OPEN_STEP_STATES).sudo()
        replaced.filtered(lambda s: s.state == "waiting").unlink()  # never offered to anyone: no trace needed
        replaced.exists()._cancel(_("replaced by the steps of %s") % (self.type_id.display_name or _("no type")))
        if self.steps_started:
            super(CrmTicket, self).write({"date_start": fields.Datetime.now()})
        if self.type_id:
            self._create_steps()
        self._post_note(_("Service type changed to %s: the steps were planned anew.") % type_name)
        return True
