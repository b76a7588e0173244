# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Open processes of a customer (quotations, orders, invoices, tasks and what modules add) and counters."""
from odoo import api, fields, models


class ResPartner(models.Model):
    """The customer's open processes and per-customer counters, the extension points of other modules."""

    _inherit = "res.partner"

    open_processes_html = fields.Html("Open Processes", compute="_compute_open_processes_html", sanitize=False)

    def _compute_open_processes_html(self):
        for partner in self:
            processes = partner._crm_open_processes()
            currencies = self.env["res.currency"].browse({p["currency_id"] for p in processes
                                                          if p.get("currency_id")})
            partner.open_processes_html = self.env["ir.qweb"].render(
                "crm_contact_history.open_processes_table", {
                    "processes": processes, "currencies": {currency.id: currency for currency in currencies},
                    "company_currency": self.env.user.company_id.currency_id,
                }).decode("utf-8")

    @api.multi
    def _crm_open_processes(self):
        """The customer's open items as small dicts (model, id, name, state, deadline, amount, kind and
        currency_id of the amount, False: the company's), most urgent first. Cheap: one query per kind of
        process. Modules add their processes by extending this method."""
        self.ensure_one()
        customer = self.commercial_partner_id or self
        history = self.env["crm.contact.history"]
        rows = history.search_read(
            [("partner_id", "=", customer.id), "|", "|", "|",
             ("kind", "=", "quotation"), ("kind", "=", "task"),
             "&", ("kind", "=", "sale_order"), ("state", "=", "sale"),
             "&", ("kind", "=", "invoice"), ("state", "=", "open")],
            ["res_model", "res_id", "name", "state", "date_deadline", "amount", "currency_id", "kind"], limit=200)
        processes = [{
            "model": row["res_model"], "id": row["res_id"], "name": row["name"], "state": row["state"],
            "deadline": row["date_deadline"], "amount": row["amount"], "kind": row["kind"],
            "currency_id": row["currency_id"] and row["currency_id"][0],
        } for row in rows]
        if processes:
            processes = self._drop_fully_invoiced(processes)
        return self._crm_sorted_processes(processes)

    @api.multi
    def _crm_extend_open_processes(self, processes, model, domain, fields_to_read, to_process, limit=200):
        """Add the customer's open records of `model` to `processes` with one search_read, when the user
        may read them; `to_process(row)` turns a row into a process dict. The way modules extend
        `_crm_open_processes()`."""
        records = self.env[model]
        if not records.check_access_rights("read", raise_exception=False):
            return processes
        customer = self.commercial_partner_id or self
        rows = records.search_read([("commercial_partner_id", "=", customer.id)] + domain, fields_to_read,
                                   limit=limit)
        return self._crm_sorted_processes(processes + [to_process(row) for row in rows])

    @api.model
    def _crm_sorted_processes(self, processes):
        """Most urgent first: by deadline, those without a deadline last. Each process is labelled by its
        kind in the user's language (the kinds of the contact history, which modules extend)."""
        labels = self._crm_kind_labels()
        for process in processes:
            process["kind_label"] = labels.get(process["kind"], process["kind"])
        return sorted(processes, key=lambda p: (not p["deadline"], p["deadline"] or "", p["name"] or ""))

    @api.model
    def _crm_kind_labels(self):
        """{kind: label} of history entries and open processes, translated: the one place for them."""
        return dict(self.env["crm.contact.history"]._fields["kind"]._description_selection(self.env))

    @api.multi
    def _crm_count_by_customer(self, model, domain=None, field="commercial_partner_id"):
        """{commercial partner id: number of records of `model` the user may read} for the customers of
        self, by one read_group (record rules apply); empty for a user without read access to `model`.
        The counters of the customer file (calls, complaints, tickets) are built on it."""
        records = self.env[model]
        customers = list({partner.commercial_partner_id.id or partner.id for partner in self if partner.id})
        if not customers or not records.check_access_rights("read", raise_exception=False):
            return {}
        groups = records.read_group([(field, "in", customers)] + list(domain or []), [field], [field])
        return {group[field][0]: group[field + "_count"] for group in groups}

    def _drop_fully_invoiced(self, processes):
        """Confirmed orders stay open only while something is left to invoice (one query)."""
        order_ids = [p["id"] for p in processes if p["kind"] == "sale_order"]
        if not order_ids:
            return processes
        open_orders = set(self.env["sale.order"].sudo().search(
            [("id", "in", order_ids), ("invoice_status", "in", ("to invoice", "no"))]).ids)
        return [p for p in processes if p["kind"] != "sale_order" or p["id"] in open_orders]
