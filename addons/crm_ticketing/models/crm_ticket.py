# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

OPEN_STEP_STATES = ("waiting", "ready", "in_progress")
STARTED_STEP_STATES = ("in_progress", "done")


class CrmTicket(models.Model):
    """A service case of a customer, run along the steps of its service type.

    Choosing the type lays out every step with its planned start, deadline, hours and cost at once;
    saving creates the steps, and the steps without predecessors are ready to be worked on."""

    _name = "crm.ticket"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Service Ticket"
    _order = "priority desc, date_deadline, id desc"

    name = fields.Char("Reference", required=True, readonly=True, copy=False, index=True,
                       default=lambda self: _("New"))
    title = fields.Char("Subject", track_visibility="onchange")
    partner_id = fields.Many2one("res.partner", "Customer", track_visibility="onchange", index=True)
    commercial_partner_id = fields.Many2one("res.partner", related="partner_id.commercial_partner_id",
                                            store=True, readonly=True, index=True)
    contact_id = fields.Many2one("res.partner", "Contact", domain="[('parent_id', '=', partner_id)]",
                                 help="The person who reported the case.")
    email_from = fields.Char("E-mail")
    type_id = fields.Many2one("crm.ticket.type", "Service Type", track_visibility="onchange", index=True,
                              ondelete="restrict")
    team_id = fields.Many2one("crm.team", "Service Team", track_visibility="onchange")
    user_id = fields.Many2one("res.users", "Assigned to", default=lambda self: self.env.user,
                              track_visibility="onchange", index=True)
    company_id = fields.Many2one("res.company", "Company", required=True,
                                 default=lambda self: self.env.user.company_id)
    currency_id = fields.Many2one("res.currency", related="company_id.currency_id", readonly=True)
    description = fields.Text()
    product_id = fields.Many2one("product.product", "Product")
    equipment = fields.Char("Equipment / Serial Number")
    priority = fields.Selection([("0", "Normal"), ("1", "High"), ("2", "Urgent")], default="0", index=True)
    stage_id = fields.Many2one("crm.ticket.stage", "Stage", track_visibility="onchange", index=True,
                               default=lambda self: self.env["crm.ticket.stage"].search([], limit=1),
                               group_expand="_read_group_stage_ids", copy=False)
    is_closed = fields.Boolean(related="stage_id.is_closed", store=True, readonly=True)
    date_start = fields.Datetime("Start", required=True, default=fields.Datetime.now, copy=False,
                                 help="Step deadlines are counted in working hours from this moment.")
    date_deadline = fields.Datetime("Deadline", compute="_compute_from_steps", store=True, index=True,
                                    help="The latest deadline of its open and done steps.")
    next_deadline = fields.Datetime("Next Deadline", compute="_compute_from_steps", store=True,
                                    help="The earliest deadline of its open steps.")
    date_closed = fields.Datetime("Closed on", readonly=True, copy=False)
    deadline_status = fields.Selection([
        ("none", "No deadline"), ("on_time", "On time"), ("soon", "Due within a day"), ("overdue", "Overdue"),
    ], compute="_compute_deadline_status")
    is_escalated = fields.Boolean("Escalated", readonly=True, copy=False, track_visibility="onchange",
                                  help="A step missed its deadline and the team manager was alerted.")
    step_ids = fields.One2many("crm.ticket.step", "ticket_id", "Steps", copy=False)
    step_count = fields.Integer("Steps", compute="_compute_from_steps", store=True)
    open_step_count = fields.Integer("Open Steps", compute="_compute_from_steps", store=True)
    steps_started = fields.Boolean(compute="_compute_from_steps", store=True)
    planned_hours = fields.Float("Planned Hours", compute="_compute_from_steps", store=True)
    planned_cost = fields.Monetary("Planned Cost", compute="_compute_from_steps", store=True)
    actual_hours = fields.Float("Actual Hours", compute="_compute_from_steps", store=True)
    actual_cost = fields.Monetary("Actual Cost", compute="_compute_from_steps", store=True)
    progress = fields.Float("Progress (%)", compute="_compute_from_steps", store=True, group_operator="avg",
                            help="Planned hours of the done steps, out of all planned hours.")
    complaint_id = fields.Many2one("crm.complaint", "Complaint", index=True, copy=False,
                                   track_visibility="onchange", help="The complaint this repair remedies.")
    sale_order_id = fields.Many2one("sale.order", "Sales Order", copy=False, track_visibility="onchange",
                                    help="The quotation or order of this service, made from its steps.")
    invoice_count = fields.Integer(related="sale_order_id.invoice_count", readonly=True)
    call_res_model = fields.Char("Call Model", copy=False)
    call_res_id = fields.Integer("Call Record", copy=False)
    call_ref = fields.Char("Call", copy=False, help="The phone call this ticket came from.")
    maintenance_plan_id = fields.Many2one("crm.ticket.maintenance.plan", "Maintenance Plan", readonly=True,
                                          index=True, copy=False)
    maintenance_date = fields.Date("Maintenance Due", readonly=True, copy=False)
    repair_res_id = fields.Integer("Repair Order", readonly=True, copy=False)
    repair_available = fields.Boolean(compute="_compute_repair_available")

    _sql_constraints = [
        ("maintenance_unique", "unique (maintenance_plan_id, maintenance_date)",
         "A maintenance plan opens one ticket per due date."),
    ]

    @api.depends("step_ids.state", "step_ids.date_deadline", "step_ids.planned_hours",
                 "step_ids.planned_cost", "step_ids.actual_hours", "step_ids.actual_cost")
    def _compute_from_steps(self):
        for ticket in self:
            steps = ticket.step_ids.filtered(lambda s: s.state != "cancelled")
            open_steps = steps.filtered(lambda s: s.state in OPEN_STEP_STATES)
            deadlines = [d for d in steps.mapped("date_deadline") if d]
            open_deadlines = [d for d in open_steps.mapped("date_deadline") if d]
            ticket.step_count = len(steps)
            ticket.open_step_count = len(open_steps)
            ticket.steps_started = any(s.state in STARTED_STEP_STATES for s in steps)
            ticket.date_deadline = max(deadlines) if deadlines else False
            ticket.next_deadline = min(open_deadlines) if open_deadlines else False
            ticket.planned_hours = sum(steps.mapped("planned_hours"))
            ticket.planned_cost = sum(steps.mapped("planned_cost"))
            ticket.actual_hours = sum(steps.mapped("actual_hours"))
            ticket.actual_cost = sum(steps.mapped("actual_cost"))
            done_hours = sum(steps.filtered(lambda s: s.state == "done").mapped("planned_hours"))
            ticket.progress = 100.0 * done_hours / ticket.planned_hours if ticket.planned_hours else (
                100.0 if steps and not open_steps else 0.0)

    def _compute_deadline_status(self):
        now = fields.Datetime.now()
        tomorrow = fields.Datetime.to_string(fields.Datetime.from_string(now) + timedelta(days=1))
        for ticket in self:
            deadline = ticket.next_deadline
            if not deadline or ticket.is_closed:
                ticket.deadline_status = "none"
            elif deadline < now:
                ticket.deadline_status = "overdue"
            elif deadline < tomorrow:
                ticket.deadline_status = "soon"
            else:
                ticket.deadline_status = "on_time"

    def _compute_repair_available(self):
        available = "mrp.repair" in self.env
        for ticket in self:
            ticket.repair_available = available

    @api.model
    def _read_group_stage_ids(self, stages, domain, order):
        return stages.search([], order=order)

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

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.contact_id and self.contact_id.parent_id != self.partner_id:
            self.contact_id = False
        self.email_from = self.partner_id.email

    @api.model
    def create(self, values):
        values = dict(values)
        if values.get("name", _("New")) == _("New"):
            values["name"] = self.env["ir.sequence"].next_by_code("crm.ticket") or _("New")
        overrides = self._pop_step_overrides(values) if values.get("type_id") else {}
        if values.get("partner_id") and not values.get("email_from"):
            values["email_from"] = self.env["res.partner"].browse(values["partner_id"]).email
        ticket = super(CrmTicket, self.with_context(mail_create_nolog=True)).create(values)
        if ticket.type_id:
            ticket._create_steps(overrides)
        return ticket

    @api.multi
    def write(self, values):
        values = dict(values)
        changed = self.browse()
        if "type_id" in values:
            changed = self.filtered(lambda t: t.type_id.id != values["type_id"])
            if changed:
                values.pop("step_ids", None)  # the plan shown in the form: rebuilt from the new type below
            started = changed.filtered("steps_started")
            if started and not self.env.context.get("crm_ticket_type_change_confirmed"):
                raise UserError(_("Steps of %s have already started. Use 'Change Service Type': it keeps the "
                                  "done steps and asks before replacing the others.")
                                % ", ".join(started.mapped("name")))
        if "stage_id" in values:
            stage = self.env["crm.ticket.stage"].browse(values["stage_id"])
            values["date_closed"] = fields.Datetime.now() if stage.is_closed else False
        result = super().write(values)
        for ticket in changed:
            ticket._replace_open_steps()
        return result

    @api.multi
    def name_get(self):
        return [(ticket.id, "%s %s" % (ticket.name, ticket.title) if ticket.title else ticket.name)
                for ticket in self]

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """An e-mail to the service alias opens a ticket for the sender's customer."""
        values = dict(custom_values or {})
        email = msg_dict.get("email_from") or ""
        partner_ids = self._find_partner_from_emails([email], force_create=False) if email else []
        partner = self.env["res.partner"].browse([pid for pid in partner_ids if pid][:1])
        values.setdefault("title", msg_dict.get("subject") or _("Service request"))
        values.setdefault("email_from", email)
        values.setdefault("description", html2plaintext(msg_dict.get("body") or ""))
        if partner:
            values.setdefault("partner_id", (partner.parent_id or partner).id)
            if partner.parent_id:
                values.setdefault("contact_id", partner.id)
        values.setdefault("user_id", False)
        return super().message_new(msg_dict, custom_values=values)

    @api.multi
    def message_get_suggested_recipients(self):
        recipients = super().message_get_suggested_recipients()
        for ticket in self:
            customer = ticket.contact_id or ticket.partner_id
            if customer:
                ticket._message_add_suggested_recipient(recipients, partner=customer, reason=_("Customer"))
            elif ticket.email_from:
                ticket._message_add_suggested_recipient(recipients, email=ticket.email_from, reason=_("E-mail"))
        return recipients

    # ---------------------------------------------------------------- actions

    @api.multi
    def action_change_type(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Change Service Type"),
            "res_model": "crm.ticket.type.change",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    @api.multi
    def action_open_sale_order(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": self.sale_order_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    @api.multi
    def action_open_call(self):
        self.ensure_one()
        if not self.call_res_model or self.call_res_model not in self.env or not self.call_res_id:
            raise UserError(_("This ticket is not linked to a call record."))
        return {"type": "ir.actions.act_window", "res_model": self.call_res_model, "res_id": self.call_res_id,
                "view_mode": "form", "views": [(False, "form")]}

    @api.multi
    def action_create_quotation(self):
        """A quotation with one service line per step (planned hours at its rate) and its material."""
        self.ensure_one()
        if self.sale_order_id:
            raise UserError(_("Ticket %(ticket)s already has the sales order %(order)s.") % {
                "ticket": self.name, "order": self.sale_order_id.name})
        if not self.partner_id:
            raise UserError(_("Set the customer of ticket %s before making a quotation.") % self.name)
        steps = self.step_ids.filtered(lambda s: s.state != "cancelled")
        if not steps:
            raise UserError(_("Ticket %s has no steps to quote: choose a service type first.") % self.name)
        order = self.env["sale.order"].create({
            "partner_id": self.partner_id.id,
            "origin": self.name,
            "client_order_ref": self.title or self.name,
            "company_id": self.company_id.id,
            "team_id": self.team_id.id,
        })
        lines = self.env["sale.order.line"]
        for step in steps.sorted(lambda s: (s.sequence, s.id)):
            line, material = step._create_sale_lines(order)
            lines |= line | material
        self.sale_order_id = order
        self.message_post(body=_("Quotation %s created from the planned steps.") % order.name,
                          message_type="comment", subtype="mail.mt_note")
        return self.action_open_sale_order()

    @api.multi
    def action_invoice_actuals(self):
        """Once the work is done: the order lines take the actual hours and material, and are invoiced."""
        self.ensure_one()
        if not self.sale_order_id:
            raise UserError(_("Create the quotation of ticket %s first.") % self.name)
        if self.step_ids.filtered(lambda s: s.state in OPEN_STEP_STATES):
            raise UserError(_("Ticket %s still has open steps: invoice once all steps are done or cancelled.")
                            % self.name)
        order = self.sale_order_id
        if order.state in ("draft", "sent"):
            order.action_confirm()
        for step in self.step_ids:
            step._update_sale_lines_to_actuals()
        invoice_ids = order.action_invoice_create()
        invoices = self.env["account.invoice"].browse(invoice_ids)
        self.message_post(body=_("Invoiced the actual hours and material: %s.") % ", ".join(
            invoices.mapped("display_name")), message_type="comment", subtype="mail.mt_note")
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.invoice",
            "res_id": invoices[:1].id,
            "view_mode": "form",
            "views": [(self.env.ref("account.invoice_form").id, "form")],
        }

    @api.multi
    def action_create_repair(self):
        """A repair order in the Repairs app, when that app is installed (it is never required)."""
        self.ensure_one()
        if "mrp.repair" not in self.env:
            raise UserError(_("The Repairs app is not installed."))
        if not self.product_id:
            raise UserError(_("Set the product to repair on ticket %s first.") % self.name)
        repair = self.env["mrp.repair"].create({
            "product_id": self.product_id.id,
            "product_uom": self.product_id.uom_id.id,
            "partner_id": self.partner_id.id,
            "internal_notes": "%s\n%s" % (self.name, self.description or ""),
        })
        self.repair_res_id = repair.id
        self.message_post(body=_("Repair order %s created.") % repair.name,
                          message_type="comment", subtype="mail.mt_note")
        return {"type": "ir.actions.act_window", "res_model": "mrp.repair", "res_id": repair.id,
                "view_mode": "form", "views": [(False, "form")]}

    # ---------------------------------------------------------------- planning

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
            responsible = template._responsible(team)
            values.append({
                "template_step_id": template.id,
                "name": template.name,
                "sequence": template.sequence,
                "instructions": template.instructions,
                "user_id": responsible.id,
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
        replaced = self.step_ids.filtered(lambda s: s.state in OPEN_STEP_STATES).sudo()
        replaced.filtered(lambda s: s.state == "waiting").unlink()  # never offered to anyone: no trace needed
        replaced.exists()._cancel(_("replaced by the steps of %s") % (self.type_id.display_name or _("no type")))
        if self.steps_started:
            super(CrmTicket, self).write({"date_start": fields.Datetime.now()})
        if self.type_id:
            self._create_steps()
        self.message_post(body=_("Service type changed to %s: the steps were planned anew.")
                          % (self.type_id.display_name or _("none")),
                          message_type="comment", subtype="mail.mt_note")
        return True

    def _update_stage_from_steps(self):
        """Move to 'In Progress' when work begins, to the first closed stage when every step is finished."""
        stages = self.env["crm.ticket.stage"].search([])
        progress = stages.filtered("is_progress")[:1]
        closed = stages.filtered("is_closed")[:1]
        for ticket in self:
            steps = ticket.step_ids
            if steps and all(s.state in ("done", "cancelled") for s in steps):
                if closed and not ticket.is_closed:
                    ticket.stage_id = closed
            elif progress and any(s.state in STARTED_STEP_STATES for s in steps) and (
                    ticket.stage_id.sequence < progress.sequence):
                ticket.stage_id = progress

    def _escalation_user(self):
        """The team manager: leader of the ticket's team, else of its type's team, else who it is assigned to."""
        self.ensure_one()
        return self.team_id.user_id or self.type_id.team_id.user_id or self.user_id or self.env.ref(
            "base.user_root")
