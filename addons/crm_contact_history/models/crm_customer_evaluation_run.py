# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The evaluation job: set-based SQL over all customers (or a few), the changed risks through the ORM."""
from odoo import api, fields, models

from .crm_customer_evaluation import SNAPSHOT_FIELDS

RUN = "evaluation_inputs"  # the CTE the signal queries read as `{run}`
# weights of the health score's components (Settings override them; they need not add up to 100)
DEFAULT_WEIGHTS = {"trend": 25, "gap": 25, "payment": 20, "complaints": 15, "sentiment": 10, "contact": 5}
DEFAULT_PARAMETERS = {"abc_a_share": 80.0, "abc_b_share": 95.0, "gap_factor": 3.0, "revenue_drop": 30.0,
                      "negative_insights": 3}
INSIGHT_DAYS = 90
CONTACT_DAYS = 60  # no contact for longer lowers the score, fully after another 120 days


class CrmCustomerEvaluationRun(models.AbstractModel):
    """One run of the evaluation: one SQL statement over all customers of the run, the same for the
    nightly job and for one customer after an event (the partners are a parameter: no temporary table, no
    query per customer). Its steps are CTEs: inputs per customer, signals (penalties and reasons) into score
    and risk, ABC class by a window function (full runs only: a single customer keeps the class of the last
    full run), the partners and the month's snapshot updated where something changed; it returns the changed
    risks, written grouped by value through the ORM's low-level write, so automated actions fire once per
    change. Modules add signals in `_signal_queries`."""

    _name = "crm.customer.evaluation.run"
    _description = "Customer Evaluation Job"

    @api.model
    def run(self, partner_ids=None):
        today = fields.Date.from_string(fields.Date.context_today(self))
        params = dict(self._parameters(), today=today, month=today.replace(day=1), partners=list(partner_ids or []),
                      all=partner_ids is None, uid=self.env.uid)
        self.env.cr.execute(self._run_query(), params)
        rows = self.env.cr.fetchall()
        changed = [(risk, ids) for risk, ids, _count in rows if ids]
        self.env["crm.customer.evaluation"].invalidate_cache(SNAPSHOT_FIELDS)
        partners = self.env["res.partner"]
        partners.invalidate_cache(ids=None if partner_ids is None else list(partner_ids))
        for risk, ids in changed:
            records = partners.browse(ids)
            # Odoo runs an automated action once per record: what the shipped ones read comes in one query
            records.read(["user_id", "team_id", "company_id", "customer_risk_data"])
            records.name_get()
            # the ORM's low-level write, where Odoo's automated actions hook in; the partner's write() would sync
            # every customer's contacts one by one, for a field that is not theirs
            records._write({"customer_churn_risk": risk})
        partners.recompute()
        return {"evaluated": sum(count for _risk, _ids, count in rows),
                "risk_changed": sum(len(ids) for _risk, ids in changed)}

    @api.model
    def _cron_evaluate(self):
        self.run()

    @api.model
    def _parameters(self):
        """Thresholds and weights from the system parameters (Settings)."""
        get = self.env["ir.config_parameter"].sudo().get_param
        values = {key: float(get("crm_contact_history.evaluation_%s" % key, default))
                  for key, default in DEFAULT_PARAMETERS.items()}
        weights = {key: float(get("crm_contact_history.evaluation_weight_%s" % key, default))
                   for key, default in DEFAULT_WEIGHTS.items()}
        values.update(components=list(weights), weights=list(weights.values()),
                      total_weight=sum(weights.values()) or 1.0, insight_days=INSIGHT_DAYS,
                      contact_days=CONTACT_DAYS)
        return values

    @api.model
    def _inputs_query(self):
        """One row per commercial customer of the run with the figures the signals read."""
        return """
            WITH targets AS (
                SELECT p.id, p.user_id, p.customer_churn_risk AS old_risk, p.customer_abc_class AS old_class,
                       p.payment_grade
                FROM res_partner p
                WHERE p.customer AND p.active AND p.commercial_partner_id = p.id
                  AND (%(all)s OR p.id = ANY(%(partners)s))
            ), revenue AS (
                SELECT i.commercial_partner_id AS id,
                       sum(i.amount_untaxed_signed) FILTER (WHERE i.date_invoice > %(today)s::date - 365) AS r12,
                       sum(i.amount_untaxed_signed) FILTER (WHERE i.date_invoice <= %(today)s::date - 365)
                           AS rprev
                FROM account_invoice i
                WHERE i.type IN ('out_invoice', 'out_refund') AND i.state IN ('open', 'paid')
                  AND i.date_invoice > %(today)s::date - 730 AND i.date_invoice <= %(today)s
                  AND (%(all)s OR i.commercial_partner_id = ANY(%(partners)s))
                GROUP BY i.commercial_partner_id
            ), order_days AS (
                SELECT DISTINCT c.commercial_partner_id AS id, so.date_order::date AS day
                FROM sale_order so JOIN res_partner c ON c.id = so.partner_id
                WHERE so.state IN ('sale', 'done') AND so.date_order >= %(today)s::date - 730
                  AND (%(all)s OR c.commercial_partner_id = ANY(%(partners)s))
            ), gaps AS (
                SELECT id, day, day - lag(day) OVER (PARTITION BY id ORDER BY day) AS gap FROM order_days
            ), orders AS (
                SELECT id, %(today)s::date - max(day) AS days_since, count(gap) AS gaps,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY gap) AS interval
                FROM gaps GROUP BY id
            ), insights AS (
                SELECT commercial_partner_id AS id, count(*) AS total,
                       count(*) FILTER (WHERE sentiment = 'negative') AS negative,
                       count(*) FILTER (WHERE sentiment = 'positive') AS positive
                FROM crm_customer_insight
                WHERE date > %(today)s::date - %(insight_days)s
                  AND (%(all)s OR commercial_partner_id = ANY(%(partners)s))
                GROUP BY commercial_partner_id
            ), contact AS (
                SELECT history_partner_id AS id, %(today)s::date - max(date)::date AS days
                FROM mail_message
                WHERE history_partner_id IS NOT NULL AND (%(all)s OR history_partner_id = ANY(%(partners)s))
                GROUP BY history_partner_id
            ), previous AS (
                SELECT DISTINCT ON (partner_id) partner_id AS id, payment_grade
                FROM crm_customer_evaluation
                WHERE month < date_trunc('month', %(today)s::date)
                  AND (%(all)s OR partner_id = ANY(%(partners)s))
                ORDER BY partner_id, month DESC
            )
            SELECT t.id, t.user_id, t.old_risk, t.old_class, t.payment_grade,
                   previous.payment_grade AS prev_grade,
                   coalesce(revenue.r12, 0) AS r12, coalesce(revenue.rprev, 0) AS rprev,
                   CASE WHEN revenue.rprev > 0 THEN round(100.0 * (coalesce(revenue.r12, 0) - revenue.rprev)
                                                          / revenue.rprev, 1) END AS trend,
                   CASE WHEN orders.gaps >= 2 THEN orders.interval END AS interval, orders.days_since,
                   coalesce(insights.total, 0) AS insights, coalesce(insights.negative, 0) AS negative,
                   coalesce(insights.positive, 0) AS positive, contact.days AS contact_days
            FROM targets t
            LEFT JOIN revenue ON revenue.id = t.id
            LEFT JOIN orders ON orders.id = t.id
            LEFT JOIN insights ON insights.id = t.id
            LEFT JOIN contact ON contact.id = t.id
            LEFT JOIN previous ON previous.id = t.id
        """

    @api.model
    def _signal_queries(self):
        """SELECTs over the run's inputs (the relation `{run}` of the run's statement, one row per customer),
        each row (id, component, penalty 0..1, reason): the reason a JSON object with code, severity (1 = low,
        2 = high risk) and its figures, or NULL. A component missing for a customer counts as no penalty."""
        return [
            """SELECT r.id, 'gap', least(greatest((r.days_since / r.interval - 1) / (%(gap_factor)s - 1), 0), 1),
                      CASE WHEN r.days_since > r.interval * (%(gap_factor)s + 1) / 2 THEN json_build_object(
                          'code', 'order_gap', 'days', r.days_since, 'interval', round(r.interval::numeric),
                          'severity', CASE WHEN r.days_since > r.interval * %(gap_factor)s THEN 2 ELSE 1 END)
                      END
               FROM {run} r WHERE r.interval > 0""",
            """SELECT r.id, 'trend', least(greatest(-r.trend / 100.0, 0), 1),
                      CASE WHEN r.trend <= -%(revenue_drop)s THEN json_build_object(
                          'code', 'revenue_drop', 'trend', r.trend,
                          'severity', CASE WHEN r.trend <= -2 * %(revenue_drop)s THEN 2 ELSE 1 END) END
               FROM {run} r WHERE r.trend IS NOT NULL""",
            """SELECT r.id, 'payment', CASE r.payment_grade WHEN 'B' THEN 1 / 3.0 WHEN 'C' THEN 2 / 3.0
                                                           WHEN 'D' THEN 1 ELSE 0 END,
                      CASE WHEN r.payment_grade IN ('C', 'D') AND r.prev_grade < r.payment_grade
                           THEN json_build_object('code', 'grade_drop', 'old', r.prev_grade,
                                                  'new', r.payment_grade, 'severity', 1) END
               FROM {run} r WHERE r.payment_grade IS NOT NULL""",
            """SELECT r.id, 'sentiment', greatest((r.negative - r.positive)::float / r.insights, 0),
                      CASE WHEN r.negative >= %(negative_insights)s THEN json_build_object(
                          'code', 'negative_insights', 'count', r.negative, 'days', %(insight_days)s,
                          'severity', 1) END
               FROM {run} r WHERE r.insights > 0""",
            """SELECT r.id, 'contact', CASE WHEN r.contact_days IS NULL THEN 1
                      ELSE least(greatest((r.contact_days - %(contact_days)s) / 120.0, 0), 1) END, NULL::json
               FROM {run} r""",
        ]

    @api.model
    def _score_query(self):
        """Score = 100 minus the weighted penalties; risk high on one high reason or two low ones."""
        signals = " UNION ALL ".join(query.format(run=RUN) for query in self._signal_queries())
        return """
            signals (id, component, penalty, reason) AS ({signals}),
            weights AS (SELECT unnest(%(components)s::text[]) AS component,
                               unnest(%(weights)s::float[]) AS weight),
            per AS (
                SELECT s.id, sum(coalesce(w.weight, 0) * s.penalty) AS penalty,
                       json_agg(s.reason ORDER BY (s.reason->>'severity')::int DESC, s.reason->>'code')
                           FILTER (WHERE s.reason IS NOT NULL) AS reasons,
                       coalesce(max((s.reason->>'severity')::int), 0) AS worst,
                       coalesce(sum((s.reason->>'severity')::int), 0) AS total
                FROM signals s LEFT JOIN weights w ON w.component = s.component
                GROUP BY s.id
            ),
            scored AS (
                SELECT r.*,
                       CASE WHEN per.id IS NULL THEN 100
                            ELSE greatest(0, round(100 * (1 - per.penalty / %(total_weight)s)))::int END AS score,
                       per.reasons::text AS reasons,
                       CASE WHEN per.worst >= 2 OR per.total >= 2 THEN 'high'
                            WHEN per.total = 1 THEN 'low' ELSE 'none' END::varchar AS risk
                FROM {run} r LEFT JOIN per ON per.id = r.id
            )
        """.format(signals=signals, run=RUN)

    @api.model
    def _abc_query(self):
        """A: the customers making the first A share of the revenue, B the next, C the rest; a run over
        some customers only keeps their class."""
        return """
            ranked AS (
                SELECT id, sum(r12) OVER (ORDER BY r12 DESC, id ROWS UNBOUNDED PRECEDING) - r12 AS before,
                       sum(r12) OVER () AS total
                FROM scored WHERE %(all)s AND r12 > 0
            ),
            evaluated AS (
                SELECT s.*, CASE
                    WHEN NOT %(all)s THEN s.old_class
                    WHEN ranked.id IS NULL THEN 'C'
                    WHEN ranked.before < ranked.total * %(abc_a_share)s / 100 THEN 'A'
                    WHEN ranked.before < ranked.total * %(abc_b_share)s / 100 THEN 'B' ELSE 'C' END AS abc_class
                FROM scored s LEFT JOIN ranked ON ranked.id = s.id
            )
        """

    @api.model
    def _partner_update_query(self):
        """The partners' figures by SQL, only where something changed; a customer's first risk too (a first
        evaluation is no change: installing the add-on does not flood the salespeople with tasks), a
        changed risk is left to the ORM write."""
        return """
            UPDATE res_partner p SET
                customer_abc_class = r.abc_class, customer_revenue_12m = r.r12, customer_revenue_prev_12m = r.rprev,
                customer_revenue_trend = r.trend, customer_order_interval = r.interval,
                customer_days_since_order = r.days_since, customer_health_score = r.score,
                customer_risk_data = r.reasons,
                customer_churn_risk = CASE WHEN r.old_risk IS NULL THEN r.risk ELSE p.customer_churn_risk END
            FROM evaluated r
            WHERE p.id = r.id AND (
                (p.customer_abc_class, p.customer_revenue_12m, p.customer_revenue_prev_12m,
                 p.customer_revenue_trend, p.customer_order_interval, p.customer_days_since_order,
                 p.customer_health_score, p.customer_risk_data)
                IS DISTINCT FROM (r.abc_class, r.r12, r.rprev, r.trend, r.interval, r.days_since, r.score,
                                  r.reasons)
                OR r.old_risk IS NULL)
        """

    @api.model
    def _run_query(self):
        """The whole run as one statement; one row per risk: (risk, ids whose risk changed, customers)."""
        return """
            WITH {run} AS ({inputs}),
            {score},
            {abc},
            partner_update AS ({partners}),
            snapshot_upsert AS ({snapshots})
            SELECT r.risk, array_agg(r.id ORDER BY r.id) FILTER (
                       WHERE r.old_risk IS NOT NULL AND r.risk IS DISTINCT FROM r.old_risk), count(*)
            FROM evaluated r GROUP BY r.risk
        """.format(run=RUN, inputs=self._inputs_query(), score=self._score_query(), abc=self._abc_query(),
                   partners=self._partner_update_query(),
                   snapshots=self.env["crm.customer.evaluation"]._snapshot_query("evaluated"))
