"""Customer file benchmarks (issue 3).

1. First page (50 entries) of the contact history of a customer with 100 000 history rows, as the web client
   asks for it (search_read, newest first), vs the naive way: read every source model separately and merge
   in Python.
   The same page for a salesperson with record rules who may read half of the rows.
2. Header figures + payment behaviour of a customer with 10 000 invoices (half paid, some late, some overdue)
   vs the naive way: loop over the invoices in Python.
3. The customer evaluation: nightly over every customer, and one customer on an event (evaluation_bench.py).
The data is generated with SQL (INSERT ... SELECT generate_series), cloned from one real order and one paid
invoice made through the ORM, so every row is what Odoo itself would write."""
from datetime import date, timedelta

from odoo import fields

from bench.evaluation_bench import benchmarks as evaluation_benchmarks
from bench.run import Result, timed

HISTORY_ROWS = 100000
INVOICES = 10000


def _columns(cr, table, skip=("id",)):
    cr.execute("SELECT column_name FROM information_schema.columns WHERE table_name = %s ORDER BY ordinal_position",
               [table])
    return [c for (c,) in cr.fetchall() if c not in skip]


def _clone(cr, table, template_id, count, overrides):
    """Insert `count` copies of row `template_id` with explicit new ids; overrides: {column: SQL using g}.
    Returns the first new id (ids are first .. first + count - 1, g = 1 .. count)."""
    columns = _columns(cr, table)
    cr.execute("SELECT coalesce(max(id), 0) FROM %s" % table)
    first = cr.fetchone()[0] + 1
    select = ", ".join(overrides.get(c, "t.%s" % c) for c in columns).replace("%", "%%")
    cr.execute("INSERT INTO {0} (id, {1}) SELECT %s + g - 1, {2} FROM {0} t, generate_series(1, %s) g "
               "WHERE t.id = %s".format(table, ", ".join(columns), select), [first, count, template_id])
    cr.execute("SELECT setval(%s, (SELECT max(id) FROM {0}))".format(table), ["%s_id_seq" % table])
    return first


def _customer(env, name):
    partner = env["res.partner"].create({"name": name, "is_company": True, "customer": True})
    env["res.partner"].create({"name": "Klaus Bench", "parent_id": partner.id})
    return partner


def _fill_history(env, partner, total=HISTORY_ROWS):
    """`total` history rows: 2 % quotations, the rest notes on the customer."""
    cr = env.cr
    product = env["product.product"].search([("sale_ok", "=", True)], limit=1)
    order = env["sale.order"].create({"partner_id": partner.id, "order_line": [
        (0, 0, {"product_id": product.id, "product_uom_qty": 1, "price_unit": 100.0})]})
    partner.message_post(body="<p>Vorlage</p>", message_type="comment", subtype="mail.mt_note")
    cr.execute("SELECT max(id) FROM mail_message WHERE model = 'res.partner' AND res_id = %s", [partner.id])
    message_id = cr.fetchone()[0]
    orders = max(2, total // 50)
    _clone(cr, "sale_order", order.id, orders - 1, {
        "name": "'SO-BENCH-' || g", "date_order": "t.date_order - g * interval '3 hours'"})
    _clone(cr, "mail_message", message_id, total - orders - 1, {
        "date": "t.date - g * interval '7 minutes'", "body": "'<p>Notiz ' || g || ' zum Kunden</p>'",
        "message_id": "'<bench-' || g || '@example.com>'"})
    cr.execute("ANALYZE mail_message; ANALYZE sale_order")
    cr.execute("SELECT count(*) FROM crm_contact_history WHERE partner_id = %s", [partner.id])
    return cr.fetchone()[0]


def _fill_shared_history(env, partner, own, colleague, total=HISTORY_ROWS):
    """`total` history rows of which `own` may read half: 2 % orders, every second one `colleague`'s, and
    notes posted on those orders (a salesperson of "own documents only" reads neither the colleague's
    orders nor what is posted on them)."""
    cr = env.cr
    product = env["product.product"].search([("sale_ok", "=", True)], limit=1)
    order = env["sale.order"].create({"partner_id": partner.id, "user_id": own.id, "order_line": [
        (0, 0, {"product_id": product.id, "product_uom_qty": 1, "price_unit": 100.0})]})
    order.message_post(body="<p>Vorlage</p>", message_type="comment", subtype="mail.mt_note")
    cr.execute("SELECT max(id) FROM mail_message WHERE model = 'sale.order' AND res_id = %s", [order.id])
    message_id = cr.fetchone()[0]
    orders = max(2, total // 50)
    first = _clone(cr, "sale_order", order.id, orders - 1, {
        "name": "'SO-TEAM-' || g", "date_order": "t.date_order - g * interval '3 hours'",
        "user_id": "CASE WHEN g %% 2 = 1 THEN %d ELSE %d END" % (colleague.id, own.id)})
    # note g goes on order first + (g - 1) % (orders - 1): the colleague's for odd offsets
    _clone(cr, "mail_message", message_id, total - orders - 1, {
        "date": "t.date - g * interval '7 minutes'", "body": "'<p>Notiz ' || g || ' zum Auftrag</p>'",
        "res_id": "%d + (g - 1) %% %d" % (first, orders - 1),
        "message_id": "'<bench-team-' || g || '@example.com>'"})
    cr.execute("ANALYZE mail_message; ANALYZE sale_order")
    cr.execute("SELECT count(*) FROM crm_contact_history WHERE partner_id = %s", [partner.id])
    return cr.fetchone()[0]


def _history_naive(env, partner):
    """Read each source model separately, merge and sort in Python, keep the first 50."""
    partners = env["res.partner"].search([("id", "child_of", partner.id)])
    rows = []
    rows += [(m["date"], "message", m["id"]) for m in env["mail.message"].search_read(
        [("model", "=", "res.partner"), ("res_id", "in", partners.ids),
         ("message_type", "in", ("email", "comment"))], ["date", "body", "subject", "author_id"])]
    orders = env["sale.order"].search_read([("partner_id", "in", partners.ids)],
                                           ["date_order", "name", "amount_total", "state"])
    rows += [(o["date_order"], "order", o["id"]) for o in orders]
    rows += [(m["date"], "message", m["id"]) for m in env["mail.message"].search_read(
        [("model", "=", "sale.order"), ("res_id", "in", [o["id"] for o in orders]),
         ("message_type", "in", ("email", "comment"))], ["date", "body", "subject"])]
    invoices = env["account.invoice"].search_read([("partner_id", "in", partners.ids)],
                                                  ["date_invoice", "number", "amount_total"])
    rows += [(i["date_invoice"] or "", "invoice", i["id"]) for i in invoices]
    rows += [(e["start"], "meeting", e["id"]) for e in env["calendar.event"].search_read(
        [("partner_ids", "in", partners.ids)], ["start", "name"])]
    rows += [(a["date_deadline"], "task", a["id"]) for a in env["mail.activity"].search_read(
        [("res_model", "=", "res.partner"), ("res_id", "in", partners.ids)], ["date_deadline", "summary"])]
    rows += [(i["date"], "insight", i["id"]) for i in env["crm.customer.insight"].search_read(
        [("partner_id", "in", partners.ids)], ["date", "text"])]
    rows.sort(reverse=True)
    return rows[:50]


def _fill_invoices(env, partner):
    """10 000 invoices cloned from one paid and one open invoice: paid on time, paid late, open, overdue."""
    cr = env.cr
    company = env.user.company_id
    income = env["account.account"].search([("company_id", "=", company.id), ("user_type_id", "=", env.ref(
        "account.data_account_type_revenue").id)], limit=1)
    bank = env["account.journal"].search([("company_id", "=", company.id), ("type", "=", "bank")], limit=1)
    today = date.today()

    def invoice(days_ago, due_days_ago):
        inv = env["account.invoice"].create({
            "partner_id": partner.id, "date_invoice": str(today - timedelta(days=days_ago)),
            "date_due": str(today - timedelta(days=due_days_ago)),
            "invoice_line_ids": [(0, 0, {"name": "Wartung", "quantity": 1, "price_unit": 250.0,
                                         "account_id": income.id})]})
        inv.action_invoice_open()
        return inv

    paid, unpaid = invoice(400, 370), invoice(60, 30)
    env["account.payment"].create({
        "payment_type": "inbound", "partner_type": "customer", "partner_id": partner.id, "amount": 250.0,
        "journal_id": bank.id, "payment_date": str(today - timedelta(days=360)),
        "payment_method_id": env.ref("account.account_payment_method_manual_in").id,
        "invoice_ids": [(6, 0, paid.ids)]}).post()
    half = INVOICES // 2
    # paid invoices keep the template's payment day; every 4th one was due 10 days earlier: paid late
    _clone(cr, "account_invoice", paid.id, half - 1, {
        "number": "'RE-BENCH-P' || g", "move_name": "'RE-BENCH-P' || g",
        "date_due": "t.date_due - CASE WHEN g % 4 = 0 THEN 10 ELSE 0 END"})
    _clone(cr, "account_invoice", unpaid.id, INVOICES - half - 1, {
        "number": "'RE-BENCH-O' || g", "move_name": "'RE-BENCH-O' || g",
        "date_due": "t.date_due + (g % 60) * interval '1 day'"})
    cr.execute("ANALYZE account_invoice")


FIRST_PAGE_FIELDS = ["date", "kind", "name", "body", "contact_id", "user_id", "amount", "currency_id"]
FIGURES = ["quotation_count", "quotation_amount", "order_backlog_amount", "open_invoice_amount",
           "overdue_amount", "credit_note_amount"]


def _figures_ours(env, partner):
    partner.invalidate_cache()
    env["res.partner"]._recompute_payment_behaviour(partner.ids)
    return partner.read(FIGURES + ["payment_grade", "payment_avg_days_late"])[0]


def _figures_naive(env, partner):
    """Loop over every document in Python (the ORM reads them in batches of 1000)."""
    today = str(date.today())
    invoices = env["account.invoice"].search([("commercial_partner_id", "=", partner.id)])
    open_amount = overdue = credit = 0.0
    late_days, paid_amount = 0.0, 0.0
    for inv in invoices:
        if inv.type == "out_invoice" and inv.state == "open":
            open_amount += inv.residual_company_signed
            if inv.date_due < today:
                overdue += inv.residual_company_signed
        elif inv.type == "out_refund":
            credit += inv.amount_total_company_signed
        if inv.state == "paid":
            paid_on = fields.Date.from_string(inv.date_paid or inv.date_due)
            late_days += inv.amount_total * max(0, (paid_on - fields.Date.from_string(inv.date_due)).days)
            paid_amount += inv.amount_total
    orders = env["sale.order"].search([("partner_id", "child_of", partner.id)])
    quotations = orders.filtered(lambda o: o.state in ("draft", "sent"))
    backlog = sum(line.price_reduce * (line.product_uom_qty - line.qty_invoiced)
                  for line in orders.filtered(lambda o: o.state in ("sale", "done")).mapped("order_line"))
    invoices.invalidate_cache()
    return len(quotations), sum(quotations.mapped("amount_total")), backlog, open_amount, overdue, credit, \
        late_days / (paid_amount or 1)


def _queries(env, func):
    before = env.cr.sql_log_count
    func()
    return env.cr.sql_log_count - before


def benchmarks(env):
    history = env["crm.contact.history"]
    partner = _customer(env, "Bench Historie GmbH")
    rows = _fill_history(env, partner)

    def first_page(customer=partner):
        history.invalidate_cache()
        return history.search_read([("partner_id", "=", customer.id)], FIRST_PAGE_FIELDS, limit=50)

    ours, page = timed(first_page, repeat=20)
    baseline, naive_page = timed(lambda: _history_naive(env, partner), repeat=3, warmup=1)
    assert len(page) == 50 and len(naive_page) == 50
    small = _customer(env, "Bench Klein KG")
    _fill_history(env, small, 500)
    queries_small = _queries(env, lambda: first_page(small))
    yield Result("history_first_page_100k", ours, baseline, "%d rows for the customer; SQL queries: %d at 100 000 "
                 "rows, %d at 500 rows" % (rows, _queries(env, first_page), queries_small))

    # the same page for a salesperson who may read half of the rows (record rules of "own documents only")
    salespeople = [env["res.users"].with_context(no_reset_password=True).create({
        "name": name, "login": "bench.%s" % name.split()[0].lower(),
        "groups_id": [(6, 0, [env.ref("sales_team.group_sale_salesman").id])]})
        for name in ("Anna Vertrieb", "Ben Vertrieb")]
    team_customer = _customer(env, "Bench Vertrieb GmbH")
    team_rows = _fill_shared_history(env, team_customer, *salespeople)
    as_anna = env(user=salespeople[0].id)
    restricted = as_anna["crm.contact.history"]

    def first_page_restricted():
        restricted.invalidate_cache()
        return restricted.search_read([("partner_id", "=", team_customer.id)], FIRST_PAGE_FIELDS, limit=50)

    first_page_restricted()
    ours, page = timed(first_page_restricted, repeat=20)
    baseline, naive_page = timed(lambda: _history_naive(as_anna, team_customer), repeat=3, warmup=1)
    assert len(page) == 50 and len(naive_page) == 50
    visible = restricted.search_count([("partner_id", "=", team_customer.id)])
    yield Result("history_first_page_100k_salesperson", ours, baseline, "salesperson with record rules; may "
                 "read %d of %d rows; SQL queries: %d" % (visible, team_rows, _queries(as_anna, first_page_restricted)))

    customer = _customer(env, "Bench Rechnungen AG")
    _fill_invoices(env, customer)
    ours, figures = timed(lambda: _figures_ours(env, customer), repeat=10)
    baseline, naive = timed(lambda: _figures_naive(env, customer), repeat=1, warmup=0)
    assert abs(figures["open_invoice_amount"] - naive[3]) < 0.01, (figures, naive)
    assert abs(figures["overdue_amount"] - naive[4]) < 0.01, (figures, naive)
    small_customer = _customer(env, "Bench Eine Rechnung OHG")
    yield Result("customer_figures_10k_invoices", ours, baseline, "%d SQL queries at 10 000 invoices, %d at none; "
                 "grade %s, %.1f days late on average" % (
                     _queries(env, lambda: _figures_ours(env, customer)),
                     _queries(env, lambda: _figures_ours(env, small_customer)),
                     figures["payment_grade"], figures["payment_avg_days_late"]))
    yield from evaluation_benchmarks(env)
