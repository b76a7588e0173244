"""Service tickets: opening a ticket from a 12-step template, the deadline check over many open steps, the
service-level clocks of many open tickets and the customer portal's list of a customer with many tickets."""
import time
from datetime import timedelta

from odoo import fields

from bench.run import Result, timed

STEPS = 12


def benchmarks(env):
    env = env(context=dict(env.context, tracking_disable=True, mail_notrack=True))
    ticket_type, partner = _setup(env)
    yield _bench_create(env, ticket_type, partner)
    for open_steps, overdue in ((100000, 1000), (200000, 1000), (100000, 2000)):
        yield _bench_deadline_check(env, ticket_type, partner, open_steps, overdue)
    for open_tickets, changing in ((100000, 1000), (100000, 100)):
        yield _bench_sla_check(env, ticket_type, partner, open_tickets, changing)
    yield _bench_portal_list(env, ticket_type, 10000)


def _setup(env):
    calendar = env.user.company_id.resource_calendar_id
    team = env["crm.team"].create({"name": "Bench service", "user_id": env.uid})
    steps = [(0, 0, {"name": "Step %02d" % index, "sequence": index, "planned_hours": 1.5, "labour_rate": 70.0,
                     "material_cost": 10.0, "deadline_hours": 6.0, "user_id": env.uid})
             for index in range(1, STEPS + 1)]
    ticket_type = env["crm.ticket.type"].create({"name": "Bench 12 steps", "team_id": team.id, "step_ids": steps})
    partner = env["res.partner"].search([("customer", "=", True)], limit=1)
    assert calendar, "the company needs a working calendar"
    return ticket_type, partner


def _bench_create(env, ticket_type, partner):
    tickets = env["crm.ticket"]

    def ours():
        ticket = tickets.create({"title": "Bench", "partner_id": partner.id, "type_id": ticket_type.id})
        assert len(ticket.step_ids) == STEPS
        return ticket

    def naive():
        """Step by step: each deadline from Odoo's plan_hours, each step created, its ticket recomputed and
        the cache flushed before the next one."""
        calendar = env.user.company_id.resource_calendar_id
        ticket = tickets.create({"title": "Bench", "partner_id": partner.id})
        previous = None
        for template in ticket_type.step_ids.sorted("sequence"):
            start = fields.Datetime.from_string(previous.date_deadline if previous else ticket.date_start)
            deadline = calendar.plan_hours(template.deadline_hours, start, compute_leaves=True)
            step = env["crm.ticket.step"].create({
                "ticket_id": ticket.id, "name": template.name, "sequence": template.sequence,
                "user_id": template.user_id.id, "planned_hours": template.planned_hours,
                "labour_rate": template.labour_rate, "material_cost": template.material_cost,
                "deadline_hours": template.deadline_hours, "template_step_id": template.id,
                "predecessor_ids": [(6, 0, previous.ids if previous else [])],
                "date_planned_start": fields.Datetime.to_string(start),
                "date_deadline": fields.Datetime.to_string(deadline),
                "state": "waiting" if previous else "ready"})
            if not previous:
                step._notify_ready()
            ticket.recompute()
            env["crm.ticket"].invalidate_cache()
            previous = step
        return ticket

    ours_ms, _ticket = timed(ours, repeat=20)
    naive_ms, _ticket = timed(naive, repeat=20)
    return Result("crm_ticketing: open a ticket from a %d-step template" % STEPS, ours_ms, naive_ms,
                  "steps, predecessors, deadlines on the working calendar, first activity; "
                  "baseline: step by step with plan_hours and a recompute per step")


def _bench_deadline_check(env, ticket_type, partner, open_steps, overdue):
    """`open_steps` ready steps on tickets of 5 steps each, `overdue` of them past their deadline."""
    cr = env.cr
    cr.execute("SAVEPOINT bench_deadlines")
    tickets_needed = open_steps // 5
    now = fields.Datetime.from_string(fields.Datetime.now())
    future = fields.Datetime.to_string(now + timedelta(days=30))
    past = fields.Datetime.to_string(now - timedelta(days=2))
    cr.execute("""
        INSERT INTO crm_ticket (name, title, partner_id, commercial_partner_id, type_id, user_id, company_id,
                                stage_id, date_start, priority, create_uid, write_uid, create_date, write_date)
        SELECT 'BENCH-' || g, 'Bench', %(partner)s, %(partner)s, %(type)s, %(uid)s, %(company)s,
               (SELECT id FROM crm_ticket_stage ORDER BY sequence LIMIT 1), now() at time zone 'UTC', '0',
               %(uid)s, %(uid)s, now() at time zone 'UTC', now() at time zone 'UTC'
        FROM generate_series(1, %(n)s) g
        RETURNING id
    """, {"partner": partner.id, "type": ticket_type.id, "uid": env.uid, "company": env.user.company_id.id,
          "n": tickets_needed})
    cr.execute("""
        INSERT INTO crm_ticket_step (ticket_id, name, sequence, state, user_id, planned_hours, labour_rate,
                                     material_cost, planned_cost, deadline_hours, deadline_base, date_deadline,
                                     is_overdue, partner_id, company_id, create_uid, write_uid, create_date,
                                     write_date)
        SELECT t.id, 'Step ' || s, s, 'ready', %(uid)s, 1, 70, 0, 70, 6, 'predecessors',
               CASE WHEN row_number() OVER (ORDER BY t.id, s) <= %(overdue)s THEN %(past)s::timestamp
                    ELSE %(future)s::timestamp END,
               false, t.partner_id, t.company_id, %(uid)s, %(uid)s, now() at time zone 'UTC',
               now() at time zone 'UTC'
        FROM crm_ticket t CROSS JOIN generate_series(1, 5) s
        WHERE t.name LIKE 'BENCH-%%'
    """, {"uid": env.uid, "overdue": overdue, "past": past, "future": future})
    cr.execute("ANALYZE crm_ticket_step")
    steps = env["crm.ticket.step"]

    def run(func):
        cr.execute("SAVEPOINT bench_run")
        env["crm.ticket"].invalidate_cache()
        t0 = time.perf_counter()
        escalated = func()
        elapsed = (time.perf_counter() - t0) * 1000
        cr.execute("ROLLBACK TO SAVEPOINT bench_run")
        env["crm.ticket"].invalidate_cache()
        assert escalated == overdue, (escalated, overdue)
        return elapsed

    def naive():
        """Read the deadline of every open step and test it in Python, then escalate what was found."""
        now_string = fields.Datetime.now()
        rows = steps.search_read([("state", "in", ("ready", "in_progress"))], ["date_deadline", "is_overdue"])
        late = steps.browse([r["id"] for r in rows if r["date_deadline"] and r["date_deadline"] < now_string
                             and not r["is_overdue"]])
        late._escalate()
        return len(late)

    ours_ms = sorted(run(steps._cron_check_deadlines) for _ in range(3))[1]
    naive_ms = run(naive)
    cr.execute("ROLLBACK TO SAVEPOINT bench_deadlines")
    env["crm.ticket"].invalidate_cache()
    return Result("crm_ticketing: deadline check, %d open steps, %d overdue" % (open_steps, overdue),
                  ours_ms, naive_ms, "escalation activity + message per ticket; baseline reads all open steps")


def _bench_sla_check(env, ticket_type, partner, open_tickets, changing):
    """`open_tickets` running clocks; `changing` of them turn at risk, as many again are breached."""
    cr = env.cr
    cr.execute("SAVEPOINT bench_sla")
    now = fields.Datetime.from_string(fields.Datetime.now())
    future, soon = (fields.Datetime.to_string(now + timedelta(days=days)) for days in (30, 1))
    past = fields.Datetime.to_string(now - timedelta(hours=2))
    cr.execute("""
        INSERT INTO crm_ticket (name, title, partner_id, commercial_partner_id, type_id, user_id, company_id,
                                stage_id, date_start, priority, sla_status, sla_risk_date, sla_deadline,
                                create_uid, write_uid, create_date, write_date)
        SELECT 'BENCH-SLA-' || g, 'Bench', %(partner)s, %(partner)s, %(type)s, %(uid)s, %(company)s,
               (SELECT id FROM crm_ticket_stage ORDER BY sequence LIMIT 1), now() at time zone 'UTC', '0',
               'on_track',
               CASE WHEN g <= 2 * %(changing)s THEN %(past)s::timestamp ELSE %(soon)s::timestamp END,
               CASE WHEN g <= %(changing)s THEN %(past)s::timestamp ELSE %(future)s::timestamp END,
               %(uid)s, %(uid)s, now() at time zone 'UTC', now() at time zone 'UTC'
        FROM generate_series(1, %(n)s) g
    """, {"partner": partner.id, "type": ticket_type.id, "uid": env.uid, "company": env.user.company_id.id,
          "n": open_tickets, "changing": changing, "past": past, "soon": soon, "future": future})
    cr.execute("ANALYZE crm_ticket")
    tickets = env["crm.ticket"]

    def run(func):
        cr.execute("SAVEPOINT bench_run")
        tickets.invalidate_cache()
        t0 = time.perf_counter()
        changed = func()
        elapsed = (time.perf_counter() - t0) * 1000
        cr.execute("ROLLBACK TO SAVEPOINT bench_run")
        tickets.invalidate_cache()
        assert changed == 2 * changing, (changed, changing)
        return elapsed

    def naive():
        """Read every running clock, decide in Python, write the changed tickets one by one through the ORM."""
        now_string = fields.Datetime.now()
        rows = tickets.search_read([("sla_status", "in", ("on_track", "at_risk")), ("sla_paused_since", "=", False)],
                                   ["sla_status", "sla_risk_date", "sla_deadline"])
        changed = []
        for row in rows:
            status = ("breached" if row["sla_deadline"] and row["sla_deadline"] <= now_string else
                      "at_risk" if row["sla_risk_date"] and row["sla_risk_date"] <= now_string else row["sla_status"])
            if status != row["sla_status"]:
                tickets.browse(row["id"]).write({"sla_status": status})
                changed.append((row["id"], status))
        tickets._sla_escalate(changed)
        return len(changed)

    ours_ms = sorted(run(tickets._sla_cron_update) for _ in range(3))[1]
    naive_ms = run(naive)
    cr.execute("ROLLBACK TO SAVEPOINT bench_sla")
    tickets.invalidate_cache()
    return Result("crm_ticketing: service-level check, %d open tickets, %d changing" % (open_tickets, 2 * changing),
                  ours_ms, naive_ms, "one UPDATE on partial indexes, escalation activity + message per ticket; "
                                     "baseline reads all running clocks and writes ticket by ticket")


def _bench_portal_list(env, ticket_type, count):
    """A customer with `count` tickets of two open steps each; its portal user opens the first page of
    /my/tickets: the counters of "My account", the page of 20 sorted tickets and what each row shows."""
    cr = env.cr
    cr.execute("SAVEPOINT bench_portal")
    customer = env["res.partner"].create({"name": "Bench Portal GmbH", "is_company": True, "customer": True})
    contact = env["res.partner"].create({"name": "Bench Portal", "parent_id": customer.id})
    user = env["res.users"].with_context(no_reset_password=True).create({
        "name": "Bench Portal", "login": "bench.portal", "partner_id": contact.id,
        "groups_id": [(6, 0, [env.ref("base.group_portal").id])]})
    cr.execute("""
        INSERT INTO crm_ticket (name, title, partner_id, commercial_partner_id, type_id, user_id, company_id,
                                stage_id, date_start, priority, create_uid, write_uid, create_date, write_date)
        SELECT 'BENCH-PORTAL-' || g, 'Bench ' || g, %(partner)s, %(partner)s, %(type)s, %(uid)s, %(company)s,
               (SELECT id FROM crm_ticket_stage ORDER BY sequence LIMIT 1), now() at time zone 'UTC', '0',
               %(uid)s, %(uid)s, now() at time zone 'UTC' - g * interval '1 minute', now() at time zone 'UTC'
        FROM generate_series(1, %(n)s) g
    """, {"partner": customer.id, "type": ticket_type.id, "uid": env.uid, "company": env.user.company_id.id,
          "n": count})
    cr.execute("""
        INSERT INTO crm_ticket_step (ticket_id, name, sequence, state, user_id, planned_hours, labour_rate,
                                     material_cost, planned_cost, deadline_hours, deadline_base, date_deadline,
                                     is_overdue, partner_id, company_id, create_uid, write_uid, create_date,
                                     write_date)
        SELECT t.id, 'Step ' || s, s, 'ready', %(uid)s, 1, 70, 0, 70, 6, 'predecessors',
               now() at time zone 'UTC' + s * interval '1 day', false, t.partner_id, t.company_id, %(uid)s,
               %(uid)s, now() at time zone 'UTC', now() at time zone 'UTC'
        FROM crm_ticket t CROSS JOIN generate_series(1, 2) s
        WHERE t.commercial_partner_id = %(partner)s
    """, {"uid": env.uid, "partner": customer.id})
    cr.execute("ANALYZE crm_ticket")
    cr.execute("ANALYZE crm_ticket_step")
    portal = env(user=user.id)
    tickets, steps = portal["crm.ticket"], env["crm.ticket.step"]
    domain = [("commercial_partner_id", "=", customer.id)]
    shown = ("name", "title", "stage_id", "portal_next_step", "portal_next_step_date", "portal_url")

    def ours():
        """What the controller does: the counters, one page in the index's order, the rows' values."""
        tickets.invalidate_cache()
        counts = (tickets.search_count(domain), portal["crm.complaint"].search_count(domain))
        page = tickets.search(domain, order="create_date desc, id desc", limit=20)
        rows = page.read(shown)
        assert counts[0] == count and len(rows) == 20 and rows[0]["portal_next_step"] == "Step 1"
        return rows

    def naive():
        """All the customer's tickets read, sorted and cut in Python; each row's next step searched alone."""
        tickets.invalidate_cache()
        everything = tickets.search([])
        counts = (len(everything), len(portal["crm.complaint"].search([])))
        page = everything.sorted(lambda t: (t.create_date, t.id), reverse=True)[:20]
        rows = []
        for ticket in page:
            step = steps.search([("ticket_id", "=", ticket.id), ("state", "in", ("waiting", "ready", "in_progress"))],
                                order="date_deadline, id", limit=1)
            rows.append((ticket.name, ticket.title, ticket.stage_id.name, step.name, step.date_deadline))
        assert counts[0] == count and rows[0][3] == "Step 1"
        return rows

    ours_ms, _rows = timed(ours, repeat=20)
    naive_ms, _rows = timed(naive, repeat=5, warmup=1)
    cr.execute("ROLLBACK TO SAVEPOINT bench_portal")
    env["crm.ticket"].invalidate_cache()
    return Result("crm_ticketing: portal list of a customer with %d tickets, as its portal user" % count,
                  ours_ms, naive_ms, "counters, first page of 20 by the record rule and the customer index, next "
                                     "step of the page's tickets in one search, without the HTML; baseline reads "
                                     "every ticket, sorts in Python and searches each row's next step")
