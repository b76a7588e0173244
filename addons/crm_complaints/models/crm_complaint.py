# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError

SEVERITIES = [("low", "Low"), ("normal", "Normal"), ("high", "High"), ("critical", "Critical")]
CHANNELS = [("phone", "Phone"), ("email", "E-mail"), ("visit", "Visit"), ("letter", "Letter"), ("web", "Web")]
REMEDY_TYPES = [
    ("replacement", "Replacement"),
    ("repair", "Repair"),
    ("credit_note", "Credit note"),
    ("refund", "Refund"),
    ("discount", "Discount"),
    ("explanation", "Explanation"),
    ("none", "None"),
]
# Ranking of similar complaints: at most this many distinct words of the text are looked at, each with at
# most this many spelling neighbours from the vocabulary, and this many candidates are scored.
MAX_QUERY_WORDS = 10
MAX_VARIANTS = 4
CANDIDATE_POOL = 40
RARE_SLOTS = 5  # candidates are chosen by the rarest words of the text: common ones match too much
COMMON_SHARE = 0.1  # a word in more than this share of all complaints does not select candidates
SMALL_DATABASE = 2000  # below this many complaints every word selects candidates (speed is no issue)
PRODUCT_BONUS = 0.3
TYPO_SIMILARITY = 0.2  # a typo'd word and its neighbour share the first letter; other neighbours need 0.3


class CrmComplaint(models.Model):
    """A customer complaint: what went wrong, why, and the remedy the customer got."""

    _name = "crm.complaint"
    _description = "Complaint"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"

    name = fields.Char("Reference", required=True, readonly=True, copy=False, default="/", index=True)
    subject = fields.Char(required=True, track_visibility="onchange")
    description = fields.Text(help="What the customer reports, in their words.")
    # auto_join: the salesperson rule filters on the customers' salesperson with a join, not by first
    # listing every partner of that salesperson (which costs hundreds of ms at a million partners)
    partner_id = fields.Many2one("res.partner", "Customer", index=True, track_visibility="onchange", auto_join=True,
                                 help="Empty for e-mails from unknown senders: assign the customer when triaging.")
    commercial_partner_id = fields.Many2one("res.partner", "Commercial Customer", index=True, store=True,
                                            readonly=True, related="partner_id.commercial_partner_id",
                                            auto_join=True)
    contact_id = fields.Many2one("res.partner", "Contact", help="The person who complained.")
    email_from = fields.Char("E-mail", help="Address the complaint came from.")
    product_id = fields.Many2one("product.product", "Product", index=True, track_visibility="onchange")
    sale_order_id = fields.Many2one("sale.order", "Sales Order")
    invoice_id = fields.Many2one("account.invoice", "Invoice",
                                 domain="[('type', '=', 'out_invoice'), ('state', 'in', ('open', 'paid'))]")
    category_id = fields.Many2one("crm.complaint.category", "Category", index=True)
    channel = fields.Selection(CHANNELS, default="phone")
    severity = fields.Selection(SEVERITIES, default="normal", required=True, track_visibility="onchange")
    stage_id = fields.Many2one("crm.complaint.stage", "Stage", index=True, track_visibility="onchange",
                               default=lambda self: self._default_stage(), copy=False,
                               group_expand="_read_group_stage_ids")
    is_closed = fields.Boolean(related="stage_id.is_closed", store=True, readonly=True)
    user_id = fields.Many2one("res.users", "Responsible", index=True, track_visibility="onchange",
                              default=lambda self: self.env.user)
    team_id = fields.Many2one("crm.team", "Responsible Team", index=True, track_visibility="onchange")
    date_deadline = fields.Date("Deadline", index=True, track_visibility="onchange")
    date_closed = fields.Datetime("Closed on", readonly=True, copy=False)
    days_to_close = fields.Float("Days to Close", compute="_compute_days_to_close", store=True,
                                 group_operator="avg")
    escalated = fields.Boolean(readonly=True, copy=False,
                               help="The team manager was alerted that the deadline passed.")
    root_cause = fields.Text("Root Cause")
    remedy_type = fields.Selection(REMEDY_TYPES, "Remedy Type", track_visibility="onchange")
    remedy = fields.Text(help="What the customer gets: the promised solution in words.")
    remedy_source_id = fields.Many2one("crm.complaint", "Remedy Taken From", copy=False,
                                       help="Pick one of the similar complaints to copy its remedy.")
    corrective_action = fields.Text("Corrective Action")
    preventive_action = fields.Text("Preventive Action")
    customer_satisfied = fields.Selection([("yes", "Yes"), ("no", "No")], "Customer Satisfied",
                                          track_visibility="onchange")
    company_id = fields.Many2one("res.company", "Company", required=True, index=True,
                                 default=lambda self: self.env["res.company"]._company_default_get("crm.complaint"))
    color = fields.Integer("Color Index")
    credit_note_ids = fields.One2many("account.invoice", "complaint_id", "Credit Notes")
    credit_note_count = fields.Integer(compute="_compute_document_counts")
    replacement_order_ids = fields.One2many("sale.order", "complaint_id", "Replacement Quotations")
    replacement_order_count = fields.Integer(compute="_compute_document_counts")
    suggestion_ids = fields.Many2many("crm.complaint.suggestion", "crm_complaint_suggestion_rel",
                                      "complaint_id", "suggestion_id", "Suggestions", copy=False)
    similar_ids = fields.Many2many("crm.complaint", compute="_compute_similar", string="Similar Complaints")
    similar_html = fields.Html("Similar Known Complaints", compute="_compute_similar", sanitize=False)

    @api.depends("date_closed", "create_date")
    def _compute_days_to_close(self):
        for complaint in self:
            if complaint.date_closed and complaint.create_date:
                delta = (fields.Datetime.from_string(complaint.date_closed)
                         - fields.Datetime.from_string(complaint.create_date))
                complaint.days_to_close = round(delta.total_seconds() / 86400.0, 2)
            else:
                complaint.days_to_close = 0.0

    @api.depends("credit_note_ids", "replacement_order_ids")
    def _compute_document_counts(self):
        for complaint in self:
            complaint.credit_note_count = len(complaint.credit_note_ids)
            complaint.replacement_order_count = len(complaint.replacement_order_ids)

    @api.depends("subject", "description", "product_id")
    def _compute_similar(self):
        """Known complaints like this one, while typing (onchange) and on the saved form."""
        template = self.env.ref("crm_complaints.crm_complaint_similar_list")
        for complaint in self:
            text = " ".join(filter(None, [complaint.subject, complaint.description]))
            own_id = getattr(complaint, "_origin", complaint).id
            own_id = own_id if isinstance(own_id, int) else False
            hits = self.find_similar(text, complaint.product_id.id, limit=5, exclude_ids=[own_id] if own_id else [])
            complaint.similar_ids = self.browse([hit["id"] for hit in hits])
            complaint.similar_html = template.render({"hits": hits, "text": text}).decode("utf-8") if text else ""

    @api.constrains("partner_id", "invoice_id")
    def _check_invoice_customer(self):
        for complaint in self:
            if complaint.invoice_id and complaint.partner_id and (
                    complaint.invoice_id.commercial_partner_id != complaint.partner_id.commercial_partner_id):
                raise ValidationError(_("Invoice %(invoice)s belongs to another customer than complaint "
                                        "%(complaint)s.") % {
                    "invoice": complaint.invoice_id.number or complaint.invoice_id.id,
                    "complaint": complaint.name})

    @api.onchange("remedy_source_id")
    def _onchange_remedy_source_id(self):
        if self.remedy_source_id:
            self.remedy_type = self.remedy_source_id.remedy_type
            self.remedy = self.remedy_source_id.remedy

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.partner_id:
            if self.partner_id.parent_id and not self.contact_id:
                self.contact_id = self.partner_id
            self.email_from = self.partner_id.email or self.email_from

    @api.onchange("invoice_id")
    def _onchange_invoice_id(self):
        if self.invoice_id and not self.partner_id:
            self.partner_id = self.invoice_id.partner_id

    @api.onchange("sale_order_id")
    def _onchange_sale_order_id(self):
        if self.sale_order_id and not self.partner_id:
            self.partner_id = self.sale_order_id.partner_id

    @api.model
    def create(self, values):
        if values.get("name", "/") == "/":
            values["name"] = self.env["ir.sequence"].next_by_code("crm.complaint") or "/"
        if values.get("stage_id") and self.env["crm.complaint.stage"].browse(values["stage_id"]).is_closed:
            values.setdefault("date_closed", fields.Datetime.now())
        return super().create(values)

    @api.multi
    def write(self, values):
        if "stage_id" in values:
            closed = self.env["crm.complaint.stage"].browse(values["stage_id"]).is_closed
            values["date_closed"] = fields.Datetime.now() if closed else False
        if "date_deadline" in values:
            values["escalated"] = False  # a new deadline may be missed again
        return super().write(values)

    @api.multi
    def action_apply_remedy(self):
        """Copy the remedy of the similar complaint given in the context key `remedy_source_id`."""
        source = self.browse(self.env.context.get("remedy_source_id") or False)
        return self.apply_remedy_from(source.id)

    @api.multi
    def apply_remedy_from(self, source_id):
        """Give this complaint the remedy type and text of an earlier, similar complaint."""
        source = self.browse(source_id).exists()
        if not source:
            raise UserError(_("The complaint whose remedy should be applied does not exist (any more)."))
        if not source.remedy_type and not source.remedy:
            raise UserError(_("Complaint %s has no remedy to apply.") % source.name)
        self.write({"remedy_source_id": source.id, "remedy_type": source.remedy_type, "remedy": source.remedy})
        return True

    @api.multi
    def action_create_credit_note(self):
        self.ensure_one()
        return self._open_wizard("crm.complaint.credit.note", _("Credit Note for %s") % self.name)

    @api.multi
    def action_create_replacement(self):
        self.ensure_one()
        return self._open_wizard("crm.complaint.replacement", _("Replacement for %s") % self.name)

    @api.multi
    def action_forward(self):
        self.ensure_one()
        return self._open_wizard("crm.complaint.forward", _("Forward %s") % self.name)

    @api.multi
    def action_suggest_improvement(self):
        """A suggestion to product management, prefilled from the complaint."""
        self.ensure_one()
        text = "\n\n".join(filter(None, [self.description, self.root_cause and _("Root cause: %s") % self.root_cause]))
        return {
            "type": "ir.actions.act_window",
            "name": _("Suggest Improvement"),
            "res_model": "crm.complaint.suggestion",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {
                "default_name": self.subject,
                "default_product_id": self.product_id.id,
                "default_description": text,
                "default_complaint_ids": [(6, 0, self.ids)],
            },
        }

    @api.multi
    def action_open_credit_notes(self):
        self.ensure_one()
        action = self.env.ref("account.action_invoice_out_refund").read()[0]
        action["domain"] = [("complaint_id", "=", self.id)]
        action["context"] = {"default_complaint_id": self.id, "type": "out_refund"}
        return action

    @api.multi
    def action_open_replacements(self):
        self.ensure_one()
        action = self.env.ref("sale.action_quotations").read()[0]
        action["domain"] = [("complaint_id", "=", self.id)]
        action["context"] = {"default_complaint_id": self.id}
        return action

    @api.model
    def find_similar(self, text, product_id=False, limit=10, exclude_ids=None):
        """Known complaints similar to `text`, best first, as dicts (XML-RPC callable).

        One SQL query ranks them (see `_similar_query`): German full-text search (stems: "Gehäuse
        gerissen" finds "Riss im Gehäuse") widened by trigram neighbours of each word from the vocabulary
        (typos, inflections), trigram similarity of the whole text and a bonus for the same product.
        `exclude_ids`: complaints to leave out (the one being edited). Only complaints the user may read
        are returned."""
        text = self._plain_text(text)
        limit = max(1, min(int(limit or 10), 100))
        if not text:
            return []
        cr = self.env.cr
        # spelling neighbours down to trigram similarity 0.2 ("Kaebl" ~ "Kabel"), for this query only
        cr.execute("SELECT current_setting('pg_trgm.similarity_threshold', true)")
        previous = cr.fetchone()[0] or "0.3"
        cr.execute("SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [str(TYPO_SIMILARITY)])
        cr.execute(self._similar_query(), self._similar_params(text, product_id, limit, exclude_ids))
        scores = cr.fetchall()
        cr.execute("SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [previous])
        visible = self.search([("id", "in", [row[0] for row in scores])])
        by_id = {complaint.id: complaint for complaint in visible}
        remedy_labels = dict(self._fields["remedy_type"]._description_selection(self.env))
        result = []
        for complaint_id, score in scores:
            complaint = by_id.get(complaint_id)
            if not complaint:
                continue
            result.append({
                "id": complaint.id,
                "name": complaint.name,
                "subject": complaint.subject,
                "partner_id": complaint.partner_id.id,
                "partner": complaint.partner_id.display_name or complaint.email_from or "",
                "product_id": complaint.product_id.id,
                "product": complaint.product_id.display_name or "",
                "stage": complaint.stage_id.name or "",
                "remedy_type": complaint.remedy_type or False,
                "remedy_type_label": remedy_labels.get(complaint.remedy_type, ""),
                "remedy": complaint.remedy or "",
                "score": round(score * 100.0, 1),
            })
            if len(result) >= limit:
                break
        return result

    @api.model
    def _plain_text_from_html(self, html):
        """Readable text of an e-mail body: paragraphs kept, no markup (not even html2plaintext's *bold*)."""
        text = tools.html2plaintext(html or "")
        text = re.sub(r"\*([^*\n]+)\*", r"\1", text)
        return re.sub(r"\n{3,}", "\n\n", text).strip()

    @api.model
    def _plain_text(self, text):
        """Text as typed or pasted (possibly HTML from an e-mail) reduced to plain words."""
        if not text or not isinstance(text, str):
            return ""
        if "<" in text and ">" in text:
            text = tools.html2plaintext(text)
        return re.sub(r"[\\\s]+", " ", text).strip()[:5000]

    @api.model
    def _similar_params(self, text, product_id, limit, exclude_ids):
        return {
            "text": text,
            "product": product_id or 0,
            "exclude": tuple(exclude_ids or [0]),
            "limit": limit * 3,  # room for complaints the user may not read
            "wanted": limit,
            "pool": CANDIDATE_POOL,
            "max_words": MAX_QUERY_WORDS,
            "max_variants": MAX_VARIANTS,
            "rare_slots": RARE_SLOTS,
            "common": COMMON_SHARE,
            "small": SMALL_DATABASE,
            "bonus": PRODUCT_BONUS,
        }

    @api.model
    def _similar_query(self):
        """The ranking SQL, with named parameters.

        Words of the text (German stems) -> each widened by its neighbours in the vocabulary
        (inflections, compounds, typos) into a slot -> candidates: complaints sharing two of the rarer
        slots, and complaints of the same product sharing the rarest -> score: idf-weighted share of slots
        matched (a neighbour counts less than the word itself), trigram similarity of the whole text,
        bonus for the same product. Common words (in more than 10 %% of complaints) never select
        candidates: they would match thousands."""
        return """
            WITH stats AS (
                SELECT CASE WHEN reltuples < 1000 THEN (SELECT count(*) FROM crm_complaint)
                            ELSE reltuples END AS docs
                FROM pg_class WHERE oid = 'crm_complaint'::regclass
            ), words AS (
                SELECT lexeme, row_number() OVER (ORDER BY length(lexeme) DESC, lexeme) AS slot
                FROM unnest(tsvector_to_array(to_tsvector('german', %(text)s))) AS lexeme
                WHERE length(lexeme) > 1
                ORDER BY length(lexeme) DESC, lexeme
                LIMIT %(max_words)s
            ), variants AS (
                SELECT w.slot, w.lexeme AS word, true AS exact, coalesce(voc.ndoc, 0) AS ndoc
                FROM words w LEFT JOIN crm_complaint_word voc ON voc.word = w.lexeme
                UNION
                SELECT w.slot, v.word, false, v.ndoc FROM words w
                CROSS JOIN LATERAL (
                    SELECT voc.word, voc.ndoc FROM crm_complaint_word voc
                    WHERE length(w.lexeme) >= 4 AND voc.word %% w.lexeme AND voc.word <> w.lexeme
                      AND (  -- an inflection or compound containing the word ("riss" in "geriss")
                           (similarity(voc.word, w.lexeme) >= 0.3
                            AND (strpos(voc.word, w.lexeme) > 0 OR strpos(w.lexeme, voc.word) > 0))
                           -- a typo ("kaebl" for "kabel", "filetr" for "filt"): same start, similar length
                           OR (left(voc.word, 1) = left(w.lexeme, 1)
                               AND abs(length(voc.word) - length(w.lexeme)) <= 2)
                           OR similarity(voc.word, w.lexeme) >= 0.5)
                    ORDER BY similarity(voc.word, w.lexeme) DESC, voc.word
                    LIMIT %(max_variants)s
                ) v
            ), slots AS (
                -- inflections of one word ("Riss", "Risse", "gerissen") end up as one slot
                SELECT min(slot) AS slot, q, q::tsquery AS q_ts, min(exact_q)::tsquery AS exact_ts,
                       words, idf, df FROM (
                    SELECT slot, ('(' || string_agg(quote_literal(word), ' | ' ORDER BY word) || ')') AS q,
                           string_agg(quote_literal(word), ' | ') FILTER (WHERE exact) AS exact_q,
                           array_agg(word ORDER BY word) AS words,
                           greatest(ln((stats.docs + 1) / (sum(ndoc) + 1)), 0.05) AS idf, sum(ndoc) AS df
                    FROM variants, stats GROUP BY slot, stats.docs
                ) per_word GROUP BY q, words, idf, df
            ), rare AS (
                SELECT * FROM (
                    SELECT slots.*, row_number() OVER (ORDER BY df, slot) AS rank FROM slots WHERE df > 0
                ) ranked, stats
                WHERE rank <= 2 OR df <= stats.docs * %(common)s OR stats.docs < %(small)s
                ORDER BY df, slot
                LIMIT (SELECT CASE WHEN docs < %(small)s THEN %(max_words)s ELSE %(rare_slots)s END FROM stats)
            ), queries AS (
                SELECT (SELECT string_agg(q, ' | ') FROM rare)::tsquery AS any_q,
                       (SELECT string_agg(a.q || ' & ' || b.q, ' | ')
                        FROM rare a JOIN rare b ON a.slot < b.slot AND NOT a.words && b.words)::tsquery AS pair_q,
                       (SELECT q FROM rare ORDER BY df, slot LIMIT 1)::tsquery AS rarest_q,
                       (SELECT sum(idf) FROM slots) AS idf_total
            ), strong AS (
                SELECT c.id FROM crm_complaint c, queries
                WHERE c.search_vector @@ queries.pair_q AND c.id NOT IN %(exclude)s
                ORDER BY coalesce(c.product_id = %(product)s, false) DESC,
                         ts_rank(c.search_vector, queries.pair_q) DESC, c.id DESC
                LIMIT %(pool)s
            ), product AS (
                SELECT c.id FROM crm_complaint c, queries
                WHERE c.product_id = %(product)s AND c.search_vector @@ queries.rarest_q
                  AND c.id NOT IN %(exclude)s
                ORDER BY ts_rank(c.search_vector, queries.any_q) DESC, c.id DESC
                LIMIT %(pool)s
            ), loose AS (
                -- too few candidates: any complaint sharing one word, not ranked here (the score does)
                SELECT c.id FROM crm_complaint c, queries
                WHERE (SELECT count(*) FROM strong) + (SELECT count(*) FROM product) < %(wanted)s
                  AND c.search_vector @@ queries.any_q AND c.id NOT IN %(exclude)s
                LIMIT %(pool)s
            ), candidates AS (
                SELECT id FROM strong UNION SELECT id FROM product UNION SELECT id FROM loose
            ), scored AS (
                SELECT c.id,
                       (SELECT coalesce(sum(CASE WHEN c.search_vector @@ s.exact_ts THEN s.idf
                                                 ELSE 0.7 * s.idf END), 0)
                        FROM slots s WHERE c.search_vector @@ s.q_ts) / queries.idf_total AS coverage,
                       word_similarity(%(text)s, coalesce(c.subject, '') || ' ' || coalesce(c.description, ''))
                           AS trigram,
                       coalesce(c.product_id = %(product)s, false) AS same_product
                FROM candidates JOIN crm_complaint c ON c.id = candidates.id, queries
            )
            SELECT id, (0.7 * coverage + 0.3 * trigram) / (1 + %(bonus)s)
                       + CASE WHEN same_product THEN %(bonus)s / (1 + %(bonus)s) ELSE 0 END AS score
            FROM scored
            ORDER BY score DESC, id DESC
            LIMIT %(limit)s
        """

    @api.model
    def _default_stage(self):
        return self.env["crm.complaint.stage"].search([], limit=1)

    @api.model
    def _read_group_stage_ids(self, stages, domain, order):
        """Every stage is a kanban column, even when empty."""
        return stages.search([], order=order)

    @api.multi
    def _open_wizard(self, model, title):
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": model,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_complaint_id": self.id},
        }

    @api.model
    def _cron_escalate_overdue(self):
        """Alert the team manager (else the responsible) once when an open complaint's deadline passed."""
        today = fields.Date.context_today(self)
        overdue = self.search([("is_closed", "=", False), ("escalated", "=", False),
                               ("date_deadline", "<", today)])
        activity_type = self.env.ref("crm_complaints.mail_activity_type_complaint_escalation")
        model_id = self.env["ir.model"]._get(self._name).id
        for complaint in overdue:
            manager = complaint.team_id.user_id or complaint.user_id
            if manager:
                self.env["mail.activity"].create({
                    "res_model_id": model_id,
                    "res_id": complaint.id,
                    "activity_type_id": activity_type.id,
                    "summary": _("Deadline of complaint %s passed") % complaint.name,
                    "note": _("The deadline %s passed without the complaint being closed.")
                    % complaint.date_deadline,
                    "date_deadline": today,
                    "user_id": manager.id,
                })
        overdue.write({"escalated": True})
        return len(overdue)

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A complaint from an e-mail: the sender is matched to a customer by address; unknown senders
        stay without customer (with their address) for triage."""
        values = dict(custom_values or {}, name="/")  # the reference comes from the sequence
        email_from = msg_dict.get("email_from") or ""
        partner_ids = self._find_partner_from_emails([email_from], res_model=self._name, check_followers=False) \
            if email_from else []
        partner = self.env["res.partner"].browse(partner_ids[0] if partner_ids and partner_ids[0] else [])
        values.setdefault("subject", msg_dict.get("subject") or _("(no subject)"))
        values.setdefault("description", self._plain_text_from_html(msg_dict.get("body") or ""))
        values.setdefault("email_from", email_from)
        values.setdefault("channel", "email")
        if partner:
            values.setdefault("partner_id", partner.id)
        if "user_id" not in values:
            values["user_id"] = False  # to be triaged, not owned by whoever runs the mail gateway
        return super(CrmComplaint, self.with_context(mail_create_nolog=True)).message_new(msg_dict, values)

    @api.multi
    def message_get_suggested_recipients(self):
        recipients = super().message_get_suggested_recipients()
        for complaint in self:
            if complaint.partner_id:
                complaint._message_add_suggested_recipient(recipients, partner=complaint.partner_id,
                                                           reason=_("Customer"))
            elif complaint.email_from:
                complaint._message_add_suggested_recipient(recipients, email=complaint.email_from,
                                                           reason=_("Customer E-mail"))
        return recipients

    @api.model_cr
    def init(self):
        """Search structures for similar complaints: a German tsvector kept by a trigger, with a GIN index,
        and a vocabulary of its words with a trigram index for spelling neighbours."""
        cr = self.env.cr
        cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cr.execute("ALTER TABLE crm_complaint ADD COLUMN IF NOT EXISTS search_vector tsvector")
        cr.execute("""
            CREATE OR REPLACE FUNCTION crm_complaint_search_vector() RETURNS trigger AS $$
            BEGIN
                NEW.search_vector := to_tsvector('german', coalesce(NEW.subject, '') || ' '
                    || regexp_replace(coalesce(NEW.description, ''), '<[^>]*>', ' ', 'g'));
                RETURN NEW;
            END $$ LANGUAGE plpgsql
        """)
        cr.execute("""
            CREATE OR REPLACE FUNCTION crm_complaint_vocabulary() RETURNS trigger AS $$
            BEGIN
                -- document frequency counts new complaints; edited texts only add their new words
                INSERT INTO crm_complaint_word AS voc (word, ndoc)
                SELECT word, CASE WHEN TG_OP = 'INSERT' THEN count(*) ELSE 1 END
                FROM (SELECT unnest(tsvector_to_array(search_vector)) AS word FROM new_rows) w
                GROUP BY word ORDER BY word
                ON CONFLICT (word) DO UPDATE SET ndoc = voc.ndoc + EXCLUDED.ndoc WHERE TG_OP = 'INSERT';
                RETURN NULL;
            END $$ LANGUAGE plpgsql
        """)
        cr.execute("CREATE TABLE IF NOT EXISTS crm_complaint_word "
                   "(word varchar PRIMARY KEY, ndoc integer NOT NULL DEFAULT 0)")
        cr.execute("ALTER TABLE crm_complaint_word ADD COLUMN IF NOT EXISTS ndoc integer NOT NULL DEFAULT 0")
        cr.execute("CREATE INDEX IF NOT EXISTS crm_complaint_word_trgm_idx ON crm_complaint_word "
                   "USING gin (word gin_trgm_ops)")
        cr.execute("CREATE INDEX IF NOT EXISTS crm_complaint_search_vector_idx ON crm_complaint "
                   "USING gin (search_vector)")
        cr.execute("DROP TRIGGER IF EXISTS crm_complaint_search_vector_trg ON crm_complaint")
        cr.execute("""
            CREATE TRIGGER crm_complaint_search_vector_trg BEFORE INSERT OR UPDATE OF subject, description
            ON crm_complaint FOR EACH ROW EXECUTE PROCEDURE crm_complaint_search_vector()
        """)
        # statement triggers with a transition table: one for each event (PostgreSQL allows no list)
        cr.execute("DROP TRIGGER IF EXISTS crm_complaint_vocabulary_insert_trg ON crm_complaint")
        cr.execute("CREATE TRIGGER crm_complaint_vocabulary_insert_trg AFTER INSERT ON crm_complaint "
                   "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
                   "EXECUTE PROCEDURE crm_complaint_vocabulary()")
        cr.execute("DROP TRIGGER IF EXISTS crm_complaint_vocabulary_update_trg ON crm_complaint")
        cr.execute("CREATE TRIGGER crm_complaint_vocabulary_update_trg AFTER UPDATE ON crm_complaint "
                   "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
                   "EXECUTE PROCEDURE crm_complaint_vocabulary()")
        cr.execute("UPDATE crm_complaint SET subject = subject WHERE search_vector IS NULL")
        # exact document frequencies at every install/update (the triggers keep them approximately)
        cr.execute("""
            INSERT INTO crm_complaint_word AS voc (word, ndoc)
            SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM crm_complaint')
            ON CONFLICT (word) DO UPDATE SET ndoc = EXCLUDED.ndoc
        """)
