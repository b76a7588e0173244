from odoo.addons.crm_contact_history.models.crm_contact_history import HistorySource
from odoo.tests.common import TransactionCase


class TestHistorySources(TransactionCase):
    """Modules add kinds to the history through `_history_source()`; a mistake fails at install with a
    clear message instead of silently dropping a source."""

    def test_columns_not_given_are_null_of_their_type(self):
        source = self.env["crm.contact.history"]._history_source(
            31, "res_partner src WHERE src.id = %d" % self.env.user.partner_id.id,
            partner_id="src.id", name="src.name", kind="'note'")
        self.assertIsInstance(source, HistorySource)
        self.env.cr.execute(source.select)
        row = self.env.cr.dictfetchone()
        self.assertEqual(row["id"], (self.env.user.partner_id.id << 5) | 31)
        self.assertEqual((row["source"], row["source_id"], row["name"], row["amount"], row["date_deadline"]),
                         (31, self.env.user.partner_id.id, self.env.user.partner_id.name, None, None))

    def test_unknown_column_and_code_out_of_range_are_refused(self):
        history = self.env["crm.contact.history"]
        with self.assertRaisesRegex(ValueError, "unknown history columns: colour"):
            history._history_source(12, "res_partner src", colour="'red'")
        with self.assertRaisesRegex(ValueError, "codes are 1..31, got 32"):
            history._history_source(32, "res_partner src")

    def test_two_sources_with_one_code_are_refused(self):
        history = self.env["crm.contact.history"]
        sources = history._history_sources()
        clash = dict(sources, duplicate=history._history_source(sources["invoice"].code, "res_partner src"))
        with self.assertRaisesRegex(ValueError, "history sources '(invoice|duplicate)' and '(invoice|duplicate)' "
                                                "both use code 5"):
            history._history_query(clash)

    def test_every_installed_source_has_its_own_code(self):
        codes = [source.code for source in self.env["crm.contact.history"]._history_sources().values()]
        self.assertEqual(len(codes), len(set(codes)))
