# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer file: its history, header figures and the actions that open a customer's documents."""
from collections import defaultdict

from odoo import _, api, fields, models


class ResPartner(models.Model):
    """The customer file: history and header figures of a customer (payment grading and open processes
    have files of their own).

    Figures belong to the commercial partner; a contact person shows the figures of its company."""

    _inherit = "res.partner"

    history_ids = fields.One2many("crm.contact.history", compute="_compute_history_ids", string="Contact History")
    history_count = fields.Integer(compute="_compute_history_ids")
    quotation_count = fields.Integer("Open Quotations", compute="_compute_sale_figures")
    quotation_amount = fields.Monetary("Quotations Amount", compute="_compute_sale_figures",
                                       currency_field="figures_currency_id")
    order_backlog_amount = fields.Monetary("Order Backlog", compute="_compute_sale_figures",
                                           currency_field="figures_currency_id",
                                           help="Untaxed value of confirmed sales order lines not yet invoiced.")
    open_invoice_amount = fields.Monetary("Open Invoices", compute="_compute_invoice_figures",
                                          currency_field="figures_currency_id",
                                          groups="account.group_account_invoice")
    overdue_amount = fields.Monetary("Overdue", compute="_compute_invoice_figures",
                                     currency_field="figures_currency_id", groups="account.group_account_invoice")
    credit_note_amount = fields.Monetary("Credit Notes This Year", compute="_compute_invoice_figures",
                                         currency_field="figures_currency_id",
                                         groups="account.group_account_invoice")
    figures_currency_id = fields.Many2one("res.currency", compute="_compute_figures_currency",
                                          help="Figures are converted to the company currency.")
    insight_ids = fields.One2many("crm.customer.insight", "commercial_partner_id", "Insights")

    def _compute_history_ids(self):
        """The latest 80 entries per customer (the form shows them; the full list is one click away).
        One query for the entries and one read_group for the counts, whatever the number of partners."""
        history = self.env["crm.contact.history"]
        commercial = self._commercial_map()
        keys = list(set(commercial.values()))
        if len(keys) == 1:
            latest = {keys[0]: history.search([("partner_id", "=", keys[0])], limit=80).ids}
        else:
            latest = self._latest_history_ids(keys, 80)
        counts = {group["partner_id"][0]: group["partner_id_count"] for group in history.read_group(
            [("partner_id", "in", keys)], ["partner_id"], ["partner_id"])}
        for partner in self:
            key = commercial[partner.id]
            partner.history_ids = history.browse(latest.get(key, []))
            partner.history_count = counts.get(key, 0)

    def _latest_history_ids(self, partner_ids, limit):
        """{customer id: ids of its `limit` newest history entries}, access rules applied."""
        history = self.env["crm.contact.history"]
        query = history._where_calc([("partner_id", "in", partner_ids)])
        history._apply_ir_rules(query, "read")
        from_clause, where_clause, params = query.get_sql()
        self.env.cr.execute("""
            SELECT partner_id, id FROM (
                SELECT crm_contact_history.partner_id, crm_contact_history.id, row_number() OVER (
                    PARTITION BY crm_contact_history.partner_id
                    ORDER BY crm_contact_history.date DESC, crm_contact_history.source_id DESC) AS position
                FROM """ + from_clause + " WHERE " + where_clause + """
            ) ranked WHERE position <= %s ORDER BY partner_id, position
        """, params + [limit])
        result = defaultdict(list)
        for partner_id, history_id in self.env.cr.fetchall():
            result[partner_id].append(history_id)
        return result

    def _compute_figures_currency(self):
        for partner in self:
            partner.figures_currency_id = (partner.company_id or self.env.user.company_id).currency_id

    def _compute_sale_figures(self):
        """Quotations and order backlog: two aggregate queries for all partners in self."""
        commercial = self._commercial_map()
        readable = self._crm_readable_sql("sale.order", "so")
        counted = {} if readable is None else commercial  # no access to orders: no figures from them
        readable_sql, readable_params = readable or ("", [])
        quotations = self._sum_by_currency("""
            SELECT p.commercial_partner_id, pl.currency_id, count(*), sum(so.amount_total)
            FROM sale_order so
            JOIN res_partner p ON p.id = so.partner_id
            JOIN product_pricelist pl ON pl.id = so.pricelist_id
            WHERE so.state IN ('draft', 'sent') AND p.commercial_partner_id IN %s""" + readable_sql + """
            GROUP BY p.commercial_partner_id, pl.currency_id
        """, counted, readable_params)
        backlog = self._sum_by_currency("""
            SELECT p.commercial_partner_id, pl.currency_id, count(*),
                   sum(sol.price_reduce * (sol.product_uom_qty - sol.qty_invoiced))
            FROM sale_order_line sol
            JOIN sale_order so ON so.id = sol.order_id
            JOIN product_pricelist pl ON pl.id = so.pricelist_id
            JOIN res_partner p ON p.id = so.partner_id
            WHERE so.state IN ('sale', 'done') AND sol.product_uom_qty > sol.qty_invoiced
              AND p.commercial_partner_id IN %s""" + readable_sql + """
            GROUP BY p.commercial_partner_id, pl.currency_id
        """, counted, readable_params)
        for partner in self:
            key = commercial[partner.id]
            partner.quotation_count, partner.quotation_amount = quotations.get(key, (0, 0.0))
            partner.order_backlog_amount = backlog.get(key, (0, 0.0))[1]

    def _compute_invoice_figures(self):
        """Open, overdue and credited amounts in company currency: one aggregate query."""
        commercial = self._commercial_map()
        today = fields.Date.context_today(self)
        year_start = today[:4] + "-01-01"
        readable = self._crm_readable_sql("account.invoice", "inv")
        figures = {}
        if commercial and readable is not None:
            self.env.cr.execute("""
                SELECT inv.commercial_partner_id,
                       coalesce(sum(inv.residual_company_signed) FILTER (
                           WHERE inv.type = 'out_invoice' AND inv.state = 'open'), 0),
                       coalesce(sum(inv.residual_company_signed) FILTER (
                           WHERE inv.type = 'out_invoice' AND inv.state = 'open' AND inv.date_due < %s), 0),
                       coalesce(sum(-inv.amount_total_company_signed) FILTER (
                           WHERE inv.type = 'out_refund' AND inv.state IN ('open', 'paid')
                             AND inv.date_invoice >= %s), 0)
                FROM account_invoice inv
                WHERE inv.commercial_partner_id IN %s
                  AND inv.type IN ('out_invoice', 'out_refund')""" + readable[0] + """
                GROUP BY inv.commercial_partner_id
            """, [today, year_start, tuple(set(commercial.values()))] + readable[1])
            figures = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        for partner in self:
            values = figures.get(commercial[partner.id], (0.0, 0.0, 0.0))
            partner.open_invoice_amount, partner.overdue_amount, partner.credit_note_amount = values

    @api.multi
    def write(self, values):
        result = super().write(values)
        if "parent_id" in values or "is_company" in values:
            moved = self.search([("id", "child_of", self.ids)])
            self.env["crm.contact.history"]._sync_history_partners(moved.ids)
        return result

    @api.multi
    def action_open_customer_file(self):
        """The customer file of the commercial partner, in its own form."""
        customer = self[:1].commercial_partner_id or self[:1]
        return {
            "type": "ir.actions.act_window",
            "name": _("Customer File"),
            "res_model": "res.partner",
            "res_id": customer.id,
            "view_mode": "form",
            "views": [(self.env.ref("crm_contact_history.res_partner_view_form_customer_file").id, "form")],
            "target": "current",
            "context": {"customer_file": True},
        }

    @api.multi
    def action_open_history(self):
        """The full contact history of the customer, as a list to filter and group."""
        return self._crm_customer_action("crm_contact_history.crm_contact_history_action", field="partner_id",
                                         title=_("History of %s"))

    @api.multi
    def _crm_customer_action(self, xmlid, field="commercial_partner_id", title=None, default_partner=None):
        """The window action `xmlid` limited to the records of this customer (the commercial partner in
        `field`); new records default to `default_partner`, else the customer. Modules open their lists
        from the partner through this."""
        customer = self[:1].commercial_partner_id or self[:1]
        action = self.env.ref(xmlid).read()[0]
        action["domain"] = [(field, "=", customer.id)]
        action["context"] = {"default_partner_id": (default_partner or customer).id}
        if title:
            action["display_name"] = title % customer.display_name
        return action

    @api.multi
    def action_open_documents(self):
        """Quotations, orders, invoices or credit notes of the customer (context key `document`)."""
        customer = self[:1].commercial_partner_id or self[:1]
        document = self.env.context.get("document")
        actions = {
            "quotation": ("sale.action_quotations", [("state", "in", ("draft", "sent"))]),
            "backlog": ("sale.action_orders", [("state", "in", ("sale", "done")),
                                               ("invoice_status", "=", "to invoice")]),
            "invoice": ("account.action_invoice_tree1", [("type", "=", "out_invoice"),
                                                         ("state", "=", "open")]),
            "overdue": ("account.action_invoice_tree1", [("type", "=", "out_invoice"), ("state", "=", "open"),
                                                         ("date_due", "<", fields.Date.context_today(self))]),
            "credit_note": ("account.action_invoice_out_refund", [("type", "=", "out_refund")]),
        }
        xmlid, domain = actions[document]
        action = self.env.ref(xmlid).read()[0]
        action["domain"] = domain + [("partner_id", "child_of", customer.id)]
        action["context"] = {"default_partner_id": customer.id, "search_default_partner_id": False}
        return action

    @api.multi
    def action_add_insight(self):
        """Quick entry of a customer insight from the customer file."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("New Insight"),
            "res_model": "crm.customer.insight",
            "view_mode": "form",
            "views": [(self.env.ref("crm_contact_history.crm_customer_insight_view_form_quick").id, "form")],
            "target": "new",
            "context": {"default_partner_id": self.id},
        }

    def _commercial_map(self):
        """{partner id: its commercial partner id} for self (the figures' grouping key)."""
        return {p.id: (p.commercial_partner_id.id or p.id) for p in self}

    def _crm_readable_sql(self, model, alias):
        """The condition `AND <alias>.id IN (...)` (SQL, params) keeping the records of `model` the current
        user may read under its record rules; empty when no rule restricts the user, None when the user may
        not read `model` at all. The figures of the customer file add it to their aggregate queries, so a
        salesperson who sees only their own orders is not told the totals of their colleagues'."""
        records = self.env[model]
        if not records.check_access_rights("read", raise_exception=False):
            return None
        query = records._where_calc([])
        records._apply_ir_rules(query, "read")
        from_clause, where_clause, params = query.get_sql()
        if not where_clause:
            return "", []
        return (" AND %s.id IN (SELECT %s.id FROM %s WHERE %s)" % (alias, records._table, from_clause, where_clause),
                list(params))

    def _sum_by_currency(self, query, commercial, extra_params=()):
        """Run an aggregate (partner, currency, count, amount) query; convert amounts into the company
        currency at today's rate. Returns {commercial partner id: (count, amount)}."""
        if not commercial:
            return {}
        self.env.cr.execute(query, [tuple(set(commercial.values()))] + list(extra_params))
        rows = self.env.cr.fetchall()
        company_currency = self.env.user.company_id.currency_id
        totals = defaultdict(lambda: [0, 0.0])
        currencies = self.env["res.currency"]
        for partner_id, currency_id, count, amount in rows:
            currency = currencies.browse(currency_id) if currency_id else company_currency
            totals[partner_id][0] += count
            totals[partner_id][1] += currency.compute(amount or 0.0, company_currency, round=False)
        return {k: (v[0], company_currency.round(v[1])) for k, v in totals.items()}
