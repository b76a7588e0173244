# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Document access in the contact history: a row only for users who may read the document behind it."""
from odoo import SUPERUSER_ID, api, models, tools

RES_MODEL = '"crm_contact_history".res_model'
RES_ID = '"crm_contact_history".res_id'
VETTED = "crm_contact_history.vetted_ids"
READING_VETTED = "crm_contact_history.reading_vetted"


class CrmContactHistory(models.Model):
    """Each history row shows a name, a preview and an amount of a document (an order, a complaint, a
    message posted on an invoice...). A user sees the row only when they may read that document: the
    model's access rights and record rules, as if they opened it (for messages and activities, the
    record they are posted on: Odoo's own rule for mail.message).

    The condition is one CASE over the row's document model, added to every query on the history
    (search, search_count, read, read_group). In each branch of the view the model is a constant or a
    column, so PostgreSQL folds the CASE to that branch's own check: an EXISTS on the document's
    primary key with its record rules. The first page of a long history stays a few index lookups."""

    _inherit = "crm.contact.history"

    def _apply_ir_rules(self, query, mode="read"):
        result = super()._apply_ir_rules(query, mode)
        if self.env.uid != SUPERUSER_ID and not self.env.cr.cache.get(READING_VETTED):
            clause, params = self._document_access_sql()
            query.where_clause.append(clause)
            query.where_clause_params.extend(params)
        return result

    @api.model
    def _search(self, args, offset=0, limit=None, order=None, count=False, access_rights_uid=None):
        """Remember the rows a search returned to this user: reading them right after (search_read, the
        web client's list) needs no second access check."""
        result = super()._search(args, offset=offset, limit=limit, order=order, count=count,
                                 access_rights_uid=access_rights_uid)
        if not count and access_rights_uid is None and self.env.uid != SUPERUSER_ID:
            self._vetted_ids().update(result)
        return result

    def _read_from_database(self, field_names, inherited_field_names=()):
        """Rows this user's own search returned in this transaction, under the same rules, are read
        without the document check: the read query is limited to their ids."""
        if self.env.uid == SUPERUSER_ID or not set(self.ids) <= self._vetted_ids():
            return super()._read_from_database(field_names, inherited_field_names)
        self.env.cr.cache[READING_VETTED] = True
        try:
            return super()._read_from_database(field_names, inherited_field_names)
        finally:
            self.env.cr.cache.pop(READING_VETTED, None)

    def _vetted_ids(self):
        """The set of history ids found by this user's searches on this cursor under the current rules
        (a change of rules or rights yields a new access SQL, hence an empty set)."""
        key = (VETTED, self.env.uid, self._document_access_sql())
        return self.env.cr.cache.setdefault(key, set())

    @api.model
    @tools.ormcache("self.env.uid")
    def _document_access_sql(self):
        """(SQL condition, parameters) on a history row: may the current user read its document?

        Cached per user like ir.rule's own domains, and cleared with them: Odoo clears its caches when
        access rights, rules, groups, companies or a user's company change."""
        arms, params = [], []
        for model in self._document_models():
            condition, condition_params = self._model_access_sql(model)
            arms.append("WHEN %s THEN %s" % (self._sql_literal(model), condition))
            params.extend(condition_params)
        if not arms:
            return "false", ()
        return "(CASE %s %s ELSE false END)" % (RES_MODEL, " ".join(arms)), tuple(params)

    @api.model
    def _document_models(self):
        """Every model a history row can point at: the models of the sources, and for messages and
        activities the customer and the documents of a customer that have a chatter (messages and
        activities are posted on mail.thread records only)."""
        models_ = {source.model for source in self._history_sources().values() if source.model}
        models_.add("res.partner")
        for model in self._partner_document_models():
            chatter = self.env[model]._fields.get("message_ids")
            if chatter and not chatter.inherited:
                models_.add(model)
        return sorted(model for model in models_ if model in self.env)

    @api.model
    def _model_access_sql(self, model):
        """SQL condition on RES_ID: the current user may read that record of `model`."""
        records = self.env[model]
        if not records.check_access_rights("read", raise_exception=False):
            return "false", ()
        query = records._where_calc([])
        records._apply_ir_rules(query, "read")
        from_clause, where_clause, where_params = query.get_sql()
        if not where_clause:
            return "true", ()
        return ('EXISTS (SELECT 1 FROM %s WHERE "%s".id = %s AND %s)'
                % (from_clause, records._table, RES_ID, where_clause)), tuple(where_params)

    def _sql_literal(self, text):
        """A model name as an SQL string literal (model names come from the registry, never from input)."""
        return "'%s'" % text.replace("'", "''")
