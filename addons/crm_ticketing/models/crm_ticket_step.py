# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

import pytz

from psycopg2.extras import execute_values

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError

STEP_STATES = [
    ("waiting", "Waiting"),
    ("ready", "Ready"),
    ("in_progress", "In Progress"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
ACTIVE_STATES = ("ready", "in_progress")  # someone is expected to work on the step now


class CrmTicketStep(models.Model):
    """One step of a ticket: who does what until when, planned and actual hours and cost."""

    _name = "crm.ticket.step"
    _inherit = "crm.ticket.step.mixin"
    _description = "Service Ticket Step"
    _order = "ticket_id, date_planned_start, sequence, id"

    ticket_id = fields.Many2one("crm.ticket", "Ticket", required=True, ondelete="cascade", index=True)
    template_step_id = fields.Many2one("crm.ticket.type.step", "Template Step", ondelete="set null")
    partner_id = fields.Many2one("res.partner", "Customer", related="ticket_id.commercial_partner_id",
                                 store=True, readonly=True)
    company_id = fields.Many2one("res.company", related="ticket_id.company_id", store=True, readonly=True)
    currency_id = fields.Many2one("res.currency", related="ticket_id.currency_id", readonly=True)
    ticket_user_id = fields.Many2one("res.users", "Ticket Owner", related="ticket_id.user_id", readonly=True)
    state = fields.Selection(STEP_STATES, default="waiting", required=True, readonly=True, copy=False)
    predecessor_ids = fields.Many2many("crm.ticket.step", "crm_ticket_step_predecessor_rel",
                                       "step_id", "predecessor_id", "Predecessors",
                                       domain="[('ticket_id', '=', ticket_id), ('id', '!=', id)]")
    successor_ids = fields.Many2many("crm.ticket.step", "crm_ticket_step_predecessor_rel",
                                     "predecessor_id", "step_id", "Successors", readonly=True)
    predecessor_names = fields.Char("After")
    date_planned_start = fields.Datetime("Planned Start")
    date_deadline = fields.Datetime("Deadline")
    date_ready = fields.Datetime("Ready Since", readonly=True, copy=False)
    date_started = fields.Datetime("Started", readonly=True, copy=False)
    date_done = fields.Datetime("Done", readonly=True, copy=False)
    actual_hours = fields.Float("Actual Hours", digits=(16, 2), copy=False)
    actual_material_cost = fields.Monetary("Actual Material", copy=False)
    actual_cost = fields.Monetary("Actual Cost", compute="_compute_actual_cost", store=True)
    is_overdue = fields.Boolean("Overdue", readonly=True, copy=False,
                                help="Its deadline passed before it was done; the team manager was alerted.")
    date_escalated = fields.Datetime("Escalated on", readonly=True, copy=False)
    activity_id = fields.Many2one("mail.activity", "Activity", readonly=True, ondelete="set null", copy=False)
    sale_line_id = fields.Many2one("sale.order.line", "Order Line", readonly=True, copy=False)
    material_line_id = fields.Many2one("sale.order.line", "Material Order Line", readonly=True, copy=False)

    @api.depends("actual_hours", "labour_rate", "actual_material_cost")
    def _compute_actual_cost(self):
        for step in self:
            step.actual_cost = step.actual_hours * step.labour_rate + step.actual_material_cost

    @api.constrains("actual_hours", "actual_material_cost")
    def _check_actuals(self):
        for step in self:
            if step.actual_hours < 0 or step.actual_material_cost < 0:
                raise ValidationError(_("Step \"%s\": actual hours and material cannot be negative.") % step.name)

    @api.constrains("predecessor_ids")
    def _check_predecessors(self):
        if self.env.context.get("crm_ticket_steps_from_template"):
            return  # copied in order from a template that has no cycle: nothing to check
        for step in self:
            if step.predecessor_ids.filtered(lambda p: p.ticket_id != step.ticket_id):
                raise ValidationError(_("Step \"%s\" can only wait for steps of the same ticket.") % step.name)
        self._check_no_cycle()

    @api.model_cr
    def init(self):
        # The deadline cron reads only steps worked on now and not yet marked overdue: its cost follows
        # the newly overdue steps, not all open steps.
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS crm_ticket_step_open_deadline_idx
                ON crm_ticket_step (state, date_deadline) WHERE NOT coalesce(is_overdue, false)
        """)

    @api.multi
    def write(self, values):
        if values.get("date_deadline") and values["date_deadline"] > fields.Datetime.now():
            values = dict(values, is_overdue=False)  # a new deadline may be escalated again once passed
        return super().write(values)

    def _graph_groups(self):
        return [ticket.step_ids for ticket in self.mapped("ticket_id")]

    # ---------------------------------------------------------------- actions

    @api.multi
    def action_start(self):
        for step in self:
            if step.state != "ready":
                raise UserError(_("Step \"%(step)s\" is %(state)s: only a ready step can be started.")
                                % {"step": step.name, "state": step._state_label()})
        self.write({"state": "in_progress", "date_started": fields.Datetime.now()})
        self.mapped("ticket_id").sudo()._update_stage_from_steps()
        return True

    @api.multi
    def action_done(self):
        """Finish the steps: their activities are marked done and the successors become ready at once."""
        for step in self:
            if step.state not in ACTIVE_STATES:
                raise UserError(_("Step \"%(step)s\" is %(state)s: only a ready or started step can be "
                                  "finished.") % {"step": step.name, "state": step._state_label()})
        now = fields.Datetime.now()
        for step in self:
            values = {"state": "done", "date_done": now, "date_started": step.date_started or now}
            if not step.actual_hours:
                values["actual_hours"] = step.planned_hours  # nothing recorded: as planned
            if not step.actual_material_cost:
                values["actual_material_cost"] = step.material_cost
            step.write(values)
        self.sudo()._close_activities()
        self.mapped("successor_ids").sudo()._activate()
        for ticket in self.mapped("ticket_id"):
            ticket.message_post(body=_("Step done: %s") % ", ".join(
                (self & ticket.step_ids).mapped("name")), message_type="comment", subtype="mail.mt_note")
        self.mapped("ticket_id").sudo()._update_stage_from_steps()
        return True

    @api.multi
    def action_cancel(self):
        self._cancel(_("cancelled"))
        self.mapped("successor_ids").sudo()._activate()
        self.mapped("ticket_id").sudo()._update_stage_from_steps()
        return True

    @api.multi
    def action_open_ticket(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "crm.ticket", "res_id": self.ticket_id.id,
                "view_mode": "form", "views": [(False, "form")]}

    # ---------------------------------------------------------------- workflow

    def _state_label(self):
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _activate(self):
        """Waiting steps whose predecessors are all finished become ready; their responsible is told."""
        ready = self.filtered(lambda s: s.state == "waiting" and all(
            p.state in ("done", "cancelled") for p in s.predecessor_ids))
        if ready:
            ready.write({"state": "ready", "date_ready": fields.Datetime.now()})
            ready._notify_ready()
        return ready

    def _notify_ready(self):
        """One activity per ready step for its responsible, due on the step's deadline."""
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id("crm.ticket")
        activities = self.env["mail.activity"].sudo()
        for step in self:
            user = step.user_id or step.ticket_id._escalation_user()
            values = {
                "res_model_id": model_id,
                "res_id": step.ticket_id.id,
                "activity_type_id": (step.activity_type_id or todo).id,
                "summary": step.name,
                "note": step.instructions and "<p>%s</p>" % step.instructions.replace("\n", "<br/>"),
                "user_id": user.id,
                "date_deadline": step._local_deadline_date(user),
            }
            step.activity_id = activities.create(values)
            if not step.date_ready:
                step.date_ready = fields.Datetime.now()

    def _local_deadline_date(self, user):
        """The deadline's date where the responsible works (activities are due on a date)."""
        if not self.date_deadline:
            return fields.Date.context_today(self)
        moment = fields.Datetime.from_string(self.date_deadline)
        tz = pytz.timezone(user.tz or self.ticket_id._planning_tz())
        return fields.Date.to_string(pytz.utc.localize(moment).astimezone(tz).date())

    def _close_activities(self):
        for step in self.filtered("activity_id"):
            step.activity_id.action_feedback(_("Step done."))

    def _cancel(self, reason):
        for step in self:
            if step.state == "done":
                raise UserError(_("Step \"%s\" is done and cannot be cancelled.") % step.name)
        activities = self.mapped("activity_id")
        self.write({"state": "cancelled"})
        activities.sudo().unlink()
        for ticket in self.mapped("ticket_id"):
            ticket.message_post(body=_("Steps %(reason)s: %(steps)s") % {
                "reason": reason, "steps": ", ".join((self & ticket.step_ids).mapped("name"))},
                message_type="comment", subtype="mail.mt_note")

    # ---------------------------------------------------------------- sales

    def _create_sale_lines(self, order):
        """The order lines of the step: its hours at the labour rate, and its material if any."""
        self.ensure_one()
        lines = self.env["sale.order.line"]
        product = self.product_id or self.env.ref("crm_ticketing.product_service_labour")
        line = lines.create({
            "order_id": order.id,
            "product_id": product.id,
            "name": "%s: %s" % (self.ticket_id.name, self.name),
            "product_uom_qty": self.planned_hours,
            "product_uom": product.uom_id.id,
            "price_unit": self.labour_rate,
        })
        material = lines
        if self.material_cost:
            product = self.env.ref("crm_ticketing.product_service_material")
            material = lines.create({
                "order_id": order.id,
                "product_id": product.id,
                "name": self._material_line_name(),
                "product_uom_qty": 1.0,
                "product_uom": product.uom_id.id,
                "price_unit": self.material_cost,
            })
        self.write({"sale_line_id": line.id, "material_line_id": material.id})
        return line, material

    def _update_sale_lines_to_actuals(self):
        """Order lines take the actual hours and material of the step (none for a cancelled step)."""
        self.ensure_one()
        hours = self.actual_hours if self.state == "done" else 0.0
        material = self.actual_material_cost if self.state == "done" else 0.0
        if self.sale_line_id:
            self.sale_line_id.write({"product_uom_qty": hours, "qty_delivered": hours})
        if self.material_line_id:
            self.material_line_id.write({"price_unit": material, "product_uom_qty": 1.0 if material else 0.0,
                                         "qty_delivered": 1.0 if material else 0.0})
        elif material:
            product = self.env.ref("crm_ticketing.product_service_material")
            self.material_line_id = self.env["sale.order.line"].create({
                "order_id": self.ticket_id.sale_order_id.id, "product_id": product.id,
                "name": self._material_line_name(),
                "product_uom_qty": 1.0, "qty_delivered": 1.0, "product_uom": product.uom_id.id,
                "price_unit": material,
            })

    def _material_line_name(self):
        return _("%(ticket)s: material for %(step)s") % {"ticket": self.ticket_id.name, "step": self.name}

    # ---------------------------------------------------------------- deadlines

    @api.model
    def _cron_check_deadlines(self):
        """Mark the steps past their deadline and escalate each once to the team manager.

        One indexed query finds only steps not yet marked overdue: running it again finds nothing more,
        and its cost follows the number of newly overdue steps, not the number of open steps."""
        self.env.cr.execute("""
            SELECT id FROM crm_ticket_step
            WHERE state IN %s AND date_deadline < %s AND NOT coalesce(is_overdue, false)
            ORDER BY date_deadline
        """, [ACTIVE_STATES, fields.Datetime.now()])
        overdue = self.browse([row[0] for row in self.env.cr.fetchall()])
        if overdue:
            overdue._escalate()
        return len(overdue)

    def _escalate(self):
        """Flag steps and tickets; the team manager gets an activity per step and a message per ticket.

        Written with a few set-based statements instead of one ORM create per activity and message: a
        morning after a holiday may bring a thousand overdue steps, and the check must stay in seconds."""
        if not self:
            return
        # read only the few fields used, in batches over these steps and tickets alone
        self = self.with_context(prefetch_fields=False).with_prefetch()
        cr = self.env.cr
        now = fields.Datetime.now()
        today = fields.Date.context_today(self)
        cr.execute("""
            UPDATE crm_ticket_step SET is_overdue = true, date_escalated = %s, write_uid = %s, write_date = %s
            WHERE id IN %s
        """, [now, self.env.uid, now, tuple(self.ids)])
        tickets = self.mapped("ticket_id")
        cr.execute("""
            UPDATE crm_ticket SET is_escalated = true,
                   activity_date_deadline = least(coalesce(activity_date_deadline, %s), %s)
            WHERE id IN %s
        """, [today, today, tuple(tickets.ids)])
        activity_type = self.env.ref("crm_ticketing.mail_activity_data_escalation")
        note_subtype = self.env.ref("mail.mt_note")
        model_id = self.env["ir.model"]._get_id("crm.ticket")
        author = self.env.user.partner_id
        summary = _("Overdue: %s")
        note = _("<p>Step \"%(step)s\" of %(ticket)s was due on %(deadline)s (responsible: %(user)s).</p>")
        body = _("Deadline missed: %(steps)s. Escalated to %(manager)s.")
        by_ticket = defaultdict(list)
        for step in self:
            by_ticket[step.ticket_id].append(step)
        activities, messages, managers = [], [], {}
        for ticket, steps in by_ticket.items():
            managers[ticket.id] = manager = ticket._escalation_user()
            customer = ticket.partner_id
            history = (customer.commercial_partner_id.id or None, customer.id or None)
            for step in steps:
                activities.append((
                    model_id, "crm.ticket", ticket.id, ticket.name, activity_type.id, summary % step.name,
                    note % {"step": step.name, "ticket": ticket.name, "deadline": step.date_deadline,
                            "user": step.user_id.name or "-"},
                    today, manager.id, self.env.uid, now, self.env.uid, now) + history)
            messages.append((
                "<p>%s</p>" % body % {"steps": ", ".join(step.name for step in steps), "manager": manager.name},
                now, "crm.ticket", ticket.id, ticket.name, "comment", note_subtype.id, author.id,
                author.email_formatted or None, tools.generate_tracking_message_id(ticket.id),
                self.env.uid, now, self.env.uid, now) + history)
        execute_values(cr._obj, """
            INSERT INTO mail_activity (res_model_id, res_model, res_id, res_name, activity_type_id, summary, note,
                                       date_deadline, user_id, create_uid, create_date, write_uid, write_date,
                                       history_partner_id, history_contact_id)
            VALUES %s
        """, activities, page_size=1000)
        message_ids = execute_values(cr._obj, """
            INSERT INTO mail_message (body, date, model, res_id, record_name, message_type, subtype_id, author_id,
                                      email_from, message_id, create_uid, create_date, write_uid, write_date,
                                      history_partner_id, history_contact_id)
            VALUES %s RETURNING id, res_id
        """, messages, page_size=1000, fetch=True)
        # the manager is a recipient of the message and finds it in the inbox (needaction)
        recipients = [(message_id, managers[ticket_id].partner_id.id) for message_id, ticket_id in message_ids]
        execute_values(cr._obj, "INSERT INTO mail_message_res_partner_rel (mail_message_id, res_partner_id) "
                                "VALUES %s", recipients, page_size=1000)
        execute_values(cr._obj, "INSERT INTO mail_message_res_partner_needaction_rel "
                                "(mail_message_id, res_partner_id, is_read, is_email) VALUES %s",
                       [(message_id, partner_id, False, False) for message_id, partner_id in recipients],
                       page_size=1000)
        self.invalidate_cache(["is_overdue", "date_escalated"], self.ids)
        tickets.invalidate_cache(["is_escalated", "activity_date_deadline", "activity_ids", "message_ids"],
                                 tickets.ids)
