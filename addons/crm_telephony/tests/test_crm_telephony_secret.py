"""The telephone systems' secrets: kept where only administrators reach, the API key only as its SHA-256."""
import hashlib
import importlib.util

from odoo.exceptions import AccessError, UserError
from odoo.modules.module import get_module_resource

from .common import TelephonyCase
from .payloads import placetel_signature

SECRETS = ("telephony_api_key", "placetel_secret", "sipgate_token_id", "sipgate_token")


class TestCrmTelephonySecret(TelephonyCase):
    """The telephone systems' secrets: kept where only administrators reach, the API key only as its SHA-256."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"telephony_api_key": "key-4711-abcdef", "placetel_secret": "pl-0815",
                           "sipgate_token_id": "token-id-1", "sipgate_token": "token-secret-2"})

    def _secret(self):
        return self.env["crm.telephony.secret"]._of_company(self.company)

    def test_the_api_key_is_kept_as_its_digest_and_still_authenticates(self):
        secret = self._secret()
        self.assertEqual(secret.api_key_digest, hashlib.sha256(b"key-4711-abcdef").hexdigest())
        self.assertEqual(secret.api_key_hint, "\u2022" * 6 + "cdef")
        self.assertEqual((secret.placetel_secret, secret.sipgate_token), ("pl-0815", "token-secret-2"))
        self.assertEqual(self.webhook._authenticate("pbx", b"{}", {"X-Api-Key": "key-4711-abcdef"}), self.company)
        self.assertFalse(self.webhook._authenticate("pbx", b"{}", {"X-Api-Key": "key-4711-abcdeg"}))
        self.assertFalse(self.webhook._authenticate("pbx", b"{}", {"X-Api-Key": ""}))

    def test_a_new_secret_counts_at_once_and_the_old_one_no_longer(self):
        """The webhooks keep the secrets in Odoo's cache: a key or Placetel secret the administrator
        replaces, or a sipgate key of the company, counts from the next request, and the old one is refused."""
        raw = b"event=HungUp&call_id=rot-1"
        self.assertTrue(self.webhook._authenticate("pbx", b"{}", {"X-Api-Key": "key-4711-abcdef"}))
        self.assertTrue(self.webhook._authenticate("placetel", raw, {
            "X-Placetel-Signature": placetel_signature("pl-0815", raw)}))
        self.company.write({"telephony_api_key": "key-4712-new", "placetel_secret": "pl-0816"})
        self.assertFalse(self.webhook._authenticate("pbx", b"{}", {"X-Api-Key": "key-4711-abcdef"}))
        self.assertEqual(self.webhook._authenticate("pbx", b"{}", {"X-Api-Key": "key-4712-new"}), self.company)
        self.assertFalse(self.webhook._authenticate("placetel", raw, {
            "X-Placetel-Signature": placetel_signature("pl-0815", raw)}))
        self.assertTrue(self.webhook._authenticate("placetel", raw, {
            "X-Placetel-Signature": placetel_signature("pl-0816", raw)}))
        self.env["crm.telephony.secret"]._of_company(self.company).unlink()
        self.assertFalse(self.webhook._authenticate("pbx", b"{}", {"X-Api-Key": "key-4712-new"}))

    def test_the_company_fields_take_secrets_but_never_give_them_back(self):
        self.assertEqual(self.company.read(list(SECRETS))[0],
                         dict({"id": self.company.id}, **dict.fromkeys(SECRETS, False)))
        with self.assertRaises(UserError):
            self.env["res.company"].search_count([("telephony_api_key", "=like", "k%")])

    def test_no_one_outside_settings_reaches_the_secrets(self):
        for user in (self.agent, self.salesperson, self.webhook_user):
            secrets = self.env["crm.telephony.secret"].sudo(user)
            for road in (lambda: secrets.search([]), lambda: secrets.read_group([], ["placetel_secret"], [
                    "placetel_secret"]), lambda: self._secret().sudo(user).read(["placetel_secret"])):
                with self.assertRaises(AccessError):
                    road()
            companies = self.env["res.company"].sudo(user)
            with self.assertRaises(AccessError):
                companies.browse(self.company.id).read(["placetel_secret"])
            with self.assertRaises(UserError):
                companies.name_search("", [("placetel_secret", "like", "pl")])
            settings = self.env["res.config.settings"].sudo(user)
            self.assertFalse(settings._telephony_secret(self.company), "the Settings show them nothing")
            self.assertTrue(all(settings._fields[name].groups == "base.group_system" for name in (
                "sipgate_token_id", "sipgate_token_hint", "placetel_secret_hint", "telephony_api_key_hint")))

    def test_administrators_set_them_in_the_settings_and_see_them_masked(self):
        settings = self.env["res.config.settings"].create({"placetel_secret_new": "pl-new-secret-9876",
                                                           "sipgate_token_id": "token-id-3"})
        settings.execute()
        self.assertEqual((self._secret().placetel_secret, self._secret().sipgate_token_id),
                         ("pl-new-secret-9876", "token-id-3"))
        self.assertFalse(settings.placetel_secret_new, "the typed secret does not stay in the wizard")
        settings = self.env["res.config.settings"].create({})
        self.assertEqual((settings.placetel_secret_hint, settings.telephony_api_key_hint, settings.sipgate_token_id),
                         ("\u2022" * 6 + "9876", "\u2022" * 6 + "cdef", "token-id-3"))

    def test_the_values_of_the_former_company_columns_move_on_update(self):
        self._secret().unlink()
        self.env.cr.execute("ALTER TABLE res_company ADD COLUMN telephony_api_key varchar, "
                            "ADD COLUMN placetel_secret varchar")
        self.env.cr.execute("UPDATE res_company SET telephony_api_key = 'old-key-1234', placetel_secret = 'old-pl' "
                            "WHERE id = %s", [self.company.id])
        path = get_module_resource("crm_telephony", "migrations", "11.0.1.1.0", "post-migration.py")
        spec = importlib.util.spec_from_file_location("crm_telephony_post_migration", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "11.0.1.0.0")
        secret = self._secret()
        self.assertEqual((secret.api_key_digest, secret.placetel_secret),
                         (hashlib.sha256(b"old-key-1234").hexdigest(), "old-pl"))
        self.env.cr.execute("SELECT count(*) FROM information_schema.columns WHERE table_name = 'res_company' "
                            "AND column_name IN ('telephony_api_key', 'placetel_secret')")
        self.assertEqual(self.env.cr.fetchone()[0], 0, "no copy of a secret stays on res_company")
