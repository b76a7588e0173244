# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The vocabulary of all complaints and the PostgreSQL triggers that keep it and the search vector."""
from odoo import api, fields, models


class CrmComplaintWord(models.Model):
    """A German stem found in complaints and in how many complaints it occurs (document frequency).

    Written only by the triggers on crm_complaint (and init()), never through the ORM: the similarity
    search reads it to find spelling neighbours of a word (trigram index) and to weigh rare words."""

    _name = "crm.complaint.word"
    _description = "Complaint Vocabulary Word"
    _order = "word"
    _log_access = False  # the triggers write plain rows: no create/write user or date

    word = fields.Char(required=True, readonly=True)
    ndoc = fields.Integer("Complaints", required=True, readonly=True,
                          help="In how many complaints the word occurs.")

    _sql_constraints = [
        ("word_unique", "unique (word)", "A word is in the vocabulary once."),
    ]

    @api.model_cr
    def init(self):
        """Search structures for similar complaints: a German tsvector on each complaint kept by a trigger,
        with a GIN index, and this vocabulary of its words, kept by statement triggers, with a trigram
        index for spelling neighbours."""
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

    @api.model
    def _drop_search_structures(self):
        """Remove what init() created that the ORM does not know: the triggers, their functions, the search
        vector with its index and the trigram index (the uninstall hook calls this). The pg_trgm extension
        stays: other modules may use it."""
        cr = self.env.cr
        cr.execute("DROP TRIGGER IF EXISTS crm_complaint_search_vector_trg ON crm_complaint")
        cr.execute("DROP TRIGGER IF EXISTS crm_complaint_vocabulary_insert_trg ON crm_complaint")
        cr.execute("DROP TRIGGER IF EXISTS crm_complaint_vocabulary_update_trg ON crm_complaint")
        cr.execute("DROP FUNCTION IF EXISTS crm_complaint_search_vector()")
        cr.execute("DROP FUNCTION IF EXISTS crm_complaint_vocabulary()")
        cr.execute("DROP INDEX IF EXISTS crm_complaint_word_trgm_idx")
        cr.execute("DROP INDEX IF EXISTS crm_complaint_search_vector_idx")
        cr.execute("ALTER TABLE crm_complaint DROP COLUMN IF EXISTS search_vector")
