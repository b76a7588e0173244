# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Similar known complaints: one SQL query ranks the complaints most like a text, best first."""
import re

from odoo import api, models, tools

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
MAX_TEXT = 5000  # characters of the text compared: a pasted e-mail thread is not read to its end


class CrmComplaintSimilarity(models.AbstractModel):
    """The search behind `crm.complaint.find_similar`, over the search vector and the vocabulary
    (`crm.complaint.word`) that PostgreSQL triggers keep. Override `_ranking_query` and
    `_ranking_params` together to change how complaints are ranked."""

    _name = "crm.complaint.similarity"
    _description = "Similar Complaint Search"

    @api.model
    def find(self, text, product_id=False, limit=10, exclude_ids=None):
        """Known complaints similar to `text` (plain text or HTML), best first, as dicts.

        German full-text search (stems: "Gehäuse gerissen" finds "Riss im Gehäuse") widened by trigram
        neighbours of each word from the vocabulary (typos, inflections), trigram similarity of the whole
        text and a bonus for the same product. `exclude_ids`: complaints to leave out (the one being
        edited). Only complaints the user may read are returned."""
        return self._hits(self.find_ids(text, product_id, limit, exclude_ids))

    @api.model
    def find_ids(self, text, product_id=False, limit=10, exclude_ids=None):
        """[(complaint id, score 0-100)] of the complaints `find` returns, without reading them: for checks
        that only need to know which complaints are alike (the early warning). One ranking query and one
        search for the record rules."""
        text = self._plain_text(text)
        limit = max(1, min(int(limit or 10), 100))
        if not text:
            return []
        ranked = self._readable(self._rank(text, product_id, limit, exclude_ids))[:limit]
        return [(complaint_id, round(score * 100.0, 1)) for complaint_id, score in ranked]

    @api.model
    def _rank(self, text, product_id, limit, exclude_ids):
        """[(complaint id, score 0..1)], best first, before record rules: three times `limit` rows, room
        for complaints the user may not read."""
        cr = self.env.cr
        # spelling neighbours down to trigram similarity 0.2 ("Kaebl" ~ "Kabel"), for this query only
        cr.execute("SELECT current_setting('pg_trgm.similarity_threshold', true)")
        previous = cr.fetchone()[0] or "0.3"
        cr.execute("SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [str(TYPO_SIMILARITY)])
        cr.execute(self._ranking_query(), self._ranking_params(text, product_id, limit, exclude_ids))
        scores = cr.fetchall()
        cr.execute("SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [previous])
        return scores

    @api.model
    def _hits(self, ranked):
        """The ranked complaints [(id, score 0-100)] with what the clerk needs to see."""
        Complaint = self.env["crm.complaint"]
        complaints = Complaint.browse([complaint_id for complaint_id, _score in ranked])  # read together
        remedy_labels = dict(Complaint._fields["remedy_type"]._description_selection(self.env))
        result = []
        for complaint, (_complaint_id, score) in zip(complaints, ranked):
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
                "score": score,
            })
        return result

    @api.model
    def _readable(self, scores):
        """The ranked (complaint id, score) the user may read, in their order: one search (record rules
        apply last, after the ranking)."""
        ids = [complaint_id for complaint_id, _score in scores]
        visible = set(self.env["crm.complaint"].search([("id", "in", ids)]).ids)
        return [(complaint_id, score) for complaint_id, score in scores if complaint_id in visible]

    @api.model
    def _plain_text(self, text):
        """Text as typed or pasted (possibly HTML from an e-mail) reduced to plain words."""
        if not text or not isinstance(text, str):
            return ""
        if "<" in text and ">" in text:
            text = tools.html2plaintext(text)
        return re.sub(r"[\\\s]+", " ", text).strip()[:MAX_TEXT]

    @api.model
    def _ranking_params(self, text, product_id, limit, exclude_ids):
        """The named parameters of `_ranking_query`."""
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
    def _ranking_query(self):
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
