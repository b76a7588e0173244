"""Customer evaluation benchmarks (issue 14), run from bench_crm_contact_history.py.

1. The nightly evaluation of every bench customer (one order and one invoice per partner, spread over the
   bench companies; half as many complaints when crm_complaints is installed) vs a naive ORM loop that
   reads each customer's documents and writes its figures, measured on a sample and extrapolated.
   Reported: the first run (every customer new), the nightly run after 1 % of the customers changed, the
   worker's peak memory.
2. Re-evaluating one customer after an event: time, SQL queries (and that none creates or drops a table), vs
   the naive loop for that customer."""
import re
import resource
import time
from datetime import date, timedelta
from unittest.mock import patch

from bench.run import Result, timed

NAIVE_SAMPLE = 300
DDL = re.compile(r"\b(CREATE|DROP)\s+(TEMP|TEMPORARY|TABLE)\b", re.IGNORECASE)


def _bench_companies(cr):
    cr.execute("SELECT array_agg(id ORDER BY id) FROM res_partner WHERE ref LIKE 'BENCH-%%' AND is_company")
    return cr.fetchone()[0] or []


def _clone_rows(cr, table, template_id, count, overrides):
    """`count` copies of row `template_id`, columns overridden by SQL over g = 1..count."""
    cr.execute("SELECT column_name FROM information_schema.columns WHERE table_name = %s AND column_name <> 'id' "
               "ORDER BY ordinal_position", [table])
    columns = [c for (c,) in cr.fetchall()]
    select = ", ".join(overrides.get(c, "t.%s" % c) for c in columns)
    cr.execute("INSERT INTO {0} ({1}) SELECT {2} FROM {0} t, generate_series(1, %(count)s) g "
               "WHERE t.id = %(template)s".format(table, ", ".join(columns), select),
               {"count": count, "template": template_id, "companies": _bench_companies(cr)})


def _load(env, partners):
    """One confirmed order and one invoice per partner for the bench companies; a monthly rhythm per
    company, its last order 0-200 days ago (some stopped ordering); half as many complaints."""
    cr = env.cr
    companies = _bench_companies(cr)
    if not companies:
        raise RuntimeError("no bench partners: run bench/load.py first")
    customer = env["res.partner"].browse(companies[0])
    product = env["product.product"].search([("sale_ok", "=", True)], limit=1)
    order = env["sale.order"].create({"partner_id": customer.id, "order_line": [
        (0, 0, {"product_id": product.id, "product_uom_qty": 1, "price_unit": 100.0})]})
    order.action_confirm()
    income = env["account.account"].search([("user_type_id", "=", env.ref("account.data_account_type_revenue").id)],
                                           limit=1)
    invoice = env["account.invoice"].create({"partner_id": customer.id, "date_invoice": str(date.today()),
                                             "date_due": str(date.today() + timedelta(days=30)),
                                             "invoice_line_ids": [(0, 0, {"name": "Bench", "quantity": 1,
                                                                          "price_unit": 100.0,
                                                                          "account_id": income.id})]})
    invoice.action_invoice_open()
    n = "array_length(%(companies)s::int[], 1)"
    company = "(%(companies)s::int[])[1 + g %% {n}]".format(n=n)
    rhythm = "((g / {n}) * 30 + (g::bigint * 7919) %% 200)".format(n=n)  # k-th order of a company, company offset
    _clone_rows(cr, "sale_order", order.id, partners, {
        "name": "'SO-EVAL-' || g", "partner_id": company, "partner_invoice_id": company,
        "partner_shipping_id": company, "date_order": "now() - %s * interval '1 day'" % rhythm})
    _clone_rows(cr, "account_invoice", invoice.id, partners, {
        "number": "'RE-EVAL-' || g", "move_name": "'RE-EVAL-' || g", "partner_id": company,
        "commercial_partner_id": company, "date_invoice": "current_date - (g %% 730)",
        "date_due": "current_date - (g %% 730) + 30",
        "amount_untaxed_signed": "100 + (g::bigint * 7919) %% 5000",
        "state": "CASE WHEN g %% 730 > 60 THEN 'paid' ELSE 'open' END",
        "date_paid": "CASE WHEN g %% 730 > 60 THEN current_date - (g %% 730) + 25 + g %% 20 END"})
    if "crm.complaint" in env:
        stage = env.ref("crm_complaints.stage_new").id
        cr.execute("""
            INSERT INTO crm_complaint (name, subject, description, partner_id, commercial_partner_id, stage_id,
                                       company_id, severity, channel, is_escalated, is_closed, create_uid,
                                       write_uid, create_date, write_date)
            SELECT 'EVAL-' || g, 'Lieferung beschädigt', 'Bench', c, c, %(stage)s, %(company)s, 'normal',
                   'phone', false, g %% 3 > 0, 1, 1, now() - (g %% 365) * interval '1 day', now()
            FROM generate_series(1, %(count)s) g,
                 LATERAL (SELECT (%(companies)s::int[])[1 + (g * 13) %% array_length(%(companies)s::int[], 1)] AS c) x
        """, {"stage": stage, "company": env.user.company_id.id, "count": partners // 2, "companies": companies})
    cr.execute("ANALYZE sale_order; ANALYZE account_invoice; ANALYZE res_partner")
    return companies


def _naive(env, partner_ids):
    """Per customer: read its orders, invoices and insights through the ORM, compute in Python, write."""
    today = date.today()
    partners = env["res.partner"].with_context(tracking_disable=True)
    for partner in partners.browse(partner_ids):
        invoices = env["account.invoice"].search([("commercial_partner_id", "=", partner.id),
                                                  ("type", "in", ("out_invoice", "out_refund")),
                                                  ("state", "in", ("open", "paid"))])
        r12 = sum(i.amount_untaxed_signed for i in invoices
                  if i.date_invoice and str(today - timedelta(days=365)) < i.date_invoice)
        rprev = sum(i.amount_untaxed_signed for i in invoices
                    if i.date_invoice and str(today - timedelta(days=730)) < i.date_invoice
                    <= str(today - timedelta(days=365)))
        orders = env["sale.order"].search([("partner_id", "child_of", partner.id), ("state", "in", ("sale", "done"))],
                                          order="date_order")
        days = sorted({o.date_order[:10] for o in orders})
        gaps = [(date(*map(int, b.split("-"))) - date(*map(int, a.split("-")))).days for a, b in zip(days, days[1:])]
        interval = sorted(gaps)[len(gaps) // 2] if len(gaps) >= 2 else 0
        since = (today - date(*map(int, days[-1].split("-")))).days if days else 0
        negative = env["crm.customer.insight"].search_count([("commercial_partner_id", "=", partner.id),
                                                             ("sentiment", "=", "negative")])
        risk = "high" if interval and since > 3 * interval else ("low" if negative >= 3 else "none")
        partner.write({"customer_revenue_12m": r12, "customer_revenue_prev_12m": rprev,
                       "customer_order_interval": interval, "customer_days_since_order": since,
                       "customer_churn_risk": risk})
    env["res.partner"].invalidate_cache()


def _queries(env, func):
    """The SQL statements func() sends: how many, and how many of them create or drop a table."""
    with patch.object(env.cr, "execute", wraps=env.cr.execute) as execute:
        func()
    statements = [call[0][0] for call in execute.call_args_list]
    return len(statements), sum(1 for query in statements if DDL.search(query))


def benchmarks(env):
    cr = env.cr
    cr.execute("SELECT count(*) FROM res_partner WHERE ref LIKE 'BENCH-%%'")
    partners = cr.fetchone()[0]
    t0 = time.perf_counter()
    companies = _load(env, partners)
    load_s = time.perf_counter() - t0
    run = env["crm.customer.evaluation.run"]
    memory_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    first = run.run()
    first_ms = (time.perf_counter() - t0) * 1000
    memory_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # yesterday 1 % of the customers were fine: tonight their risk rises again (ORM writes, actions fire)
    cr.execute("""UPDATE res_partner SET customer_churn_risk = 'none' WHERE id IN (
                      SELECT id FROM res_partner WHERE customer_churn_risk = 'high' AND ref LIKE 'BENCH-%%'
                      ORDER BY id LIMIT %s)""", [max(1, len(companies) // 100)])
    t0 = time.perf_counter()
    nightly = run.run()
    nightly_ms = (time.perf_counter() - t0) * 1000
    cr.execute("SELECT customer_churn_risk, count(*) FROM res_partner WHERE ref LIKE 'BENCH-%%' AND is_company "
               "GROUP BY 1 ORDER BY 1")
    risks = ", ".join("%s %d" % row for row in cr.fetchall())
    sample = companies[1:NAIVE_SAMPLE + 1]
    t0 = time.perf_counter()
    _naive(env, sample)
    naive_ms = (time.perf_counter() - t0) * 1000 * len(companies) / len(sample)
    yield Result("evaluation_nightly_%d_partners" % partners, first_ms, naive_ms,
                 "%d customers, %d orders, %d invoices%s; first run %.0f ms, nightly run with %d risks changed "
                 "%.0f ms; peak memory of the worker %.0f MB (+%.0f MB); risks: %s; naive ORM loop measured on %d "
                 "customers, extrapolated; load %.0f s" % (
                     first["evaluated"], partners, partners,
                     ", %d complaints" % (partners // 2) if "crm.complaint" in env else "",
                     first_ms, nightly["risk_changed"], nightly_ms, memory_peak / 1024.0,
                     (memory_peak - memory_before) / 1024.0, risks, len(sample), load_s))

    customer = env["res.partner"].browse(companies[len(companies) // 2])
    ours, _result = timed(lambda: customer._crm_evaluate_events(), repeat=20)
    baseline, _result = timed(lambda: _naive(env, customer.ids), repeat=5, warmup=1)
    small = env["res.partner"].create({"name": "Bench Neukunde GmbH", "is_company": True, "customer": True})
    many, many_ddl = _queries(env, customer._crm_evaluate_events)
    none, none_ddl = _queries(env, small._crm_evaluate_events)
    yield Result("evaluation_one_customer", ours, baseline,
                 "SQL queries: %d for a customer with %d orders and %d invoices, %d for one without; "
                 "tables created or dropped: %d" % (
                     many, env["sale.order"].search_count([("partner_id", "=", customer.id)]),
                     env["account.invoice"].search_count([("commercial_partner_id", "=", customer.id)]),
                     none, many_ddl + none_ddl))
