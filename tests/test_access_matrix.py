"""Who may do what, over XML-RPC as each role, from one table a reviewer reads at a glance.

Rows are every model of the four add-ons, columns the demo roles plus a portal user and a salesperson of a
second company; a cell lists what the role may do: r(ead) w(rite) c(reate) d(elete), "-" for nothing.
A model added without a row here fails the test: its access is a decision, not an accident."""
import uuid
from xmlrpc.client import Fault

import pytest

ROLES = ("sales", "agent", "complaints", "technician", "portal", "other_company")

MATRIX = """
model                              sales  agent  complaints  technician  portal  other_company
crm.bulk.writer                    -      -      -           -           -       -
crm.complaint                      r      r      rwc         r           r       r
crm.complaint.category             r      r      r           r           -       r
crm.complaint.early.warning        -      -      -           -           -       -
crm.complaint.similarity           -      -      -           -           -       -
crm.complaint.stage                r      r      r           r           r       r
crm.complaint.suggestion           -      -      rwc         -           -       -
crm.complaint.word                 -      -      r           -           -       -
crm.complaint.rate.report          -      -      r           -           -       -
crm.complaint.service.level        -      -      r           -           -       -
crm.complaint.sla.report           -      -      -           -           -       -
crm.duplicate.mixin                -      -      -           -           -       -
crm.contact.history                r      r      r           r           -       r
crm.customer.evaluation            r      r      r           r           -       r
crm.customer.evaluation.run        -      -      -           -           -       -
crm.customer.insight               rwc    rwc    rwc         rwc         -       rwc
crm.telephony.call                 r      rwc    r           r           -       r
crm.telephony.call.event           -      -      -           -           -       -
crm.telephony.call.store           -      -      -           -           -       -
crm.telephony.dial                 -      -      -           -           -       -
crm.telephony.provider             -      -      -           -           -       -
crm.telephony.provider.3cx         -      -      -           -           -       -
crm.telephony.provider.pbx         -      -      -           -           -       -
crm.telephony.provider.placetel    -      -      -           -           -       -
crm.telephony.provider.sipgate     -      -      -           -           -       -
crm.telephony.screen.pop           -      -      -           -           -       -
crm.telephony.secret               -      -      -           -           -       -
crm.telephony.webhook              -      -      -           -           -       -
crm.sla.mixin                      -      -      -           -           -       -
crm.sla.policy.mixin               -      -      -           -           -       -
crm.sla.report.mixin               -      -      -           -           -       -
crm.sla.policy                     -      -      -           r           -       -
crm.sla.report                     -      -      -           -           -       -
crm.ticket                         -      -      -           rwc         r       -
crm.ticket.equipment               -      -      -           rwc         -       -
crm.ticket.hours.report            -      -      -           -           -       -
crm.ticket.maintenance.plan        -      -      -           r           -       -
crm.ticket.stage                   -      -      -           r           r       -
crm.ticket.step                    -      -      -           rwc         -       -
crm.ticket.step.mixin              -      -      -           -           -       -
crm.ticket.type                    -      -      -           r           -       -
crm.ticket.type.step               -      -      -           r           -       -
"""


def parse_matrix(text):
    lines = [line.split() for line in text.strip().splitlines()]
    header, rows = lines[0], lines[1:]
    assert tuple(header[1:]) == ROLES
    return {row[0]: dict(zip(ROLES, row[1:])) for row in rows}


EXPECTED = parse_matrix(MATRIX)
OPERATIONS = (("r", "read"), ("w", "write"), ("c", "create"), ("d", "unlink"))


def _ref(admin, xmlid):
    return admin.model("ir.model.data").get_object_reference(*xmlid.split("."))[1]


@pytest.fixture(scope="module")
def role_clients(admin, odoo_server):
    """A client per role: the demo logins, a new portal user of a demo customer and a salesperson whose
    only company is a second company."""
    tag = uuid.uuid4().hex[:6]
    customer = admin.model("res.partner").create({"name": "Portal Kunde %s GmbH" % tag, "is_company": True})
    admin.model("res.users").create({
        "name": "Paula Portal", "login": "portal.%s" % tag, "password": "portal-123", "partner_id": admin.model(
            "res.partner").create({"name": "Paula Portal", "parent_id": customer.id}).id,
        "groups_id": [(6, 0, [_ref(admin, "base.group_portal")])]})
    other = admin.model("res.company").create({"name": "Zweite Firma %s AG" % tag})
    admin.model("res.users").create({
        "name": "Otto Zweitfirma", "login": "other.%s" % tag, "password": "other-123",
        "company_id": other.id, "company_ids": [(6, 0, [other.id])],
        "groups_id": [(6, 0, [_ref(admin, "base.group_user"), _ref(admin, "sales_team.group_sale_salesman")])]})
    clients = {login: odoo_server.client(login, login) for login in ("sales", "agent", "complaints", "technician")}
    clients["portal"] = odoo_server.client("portal.%s" % tag, "portal-123")
    clients["other_company"] = odoo_server.client("other.%s" % tag, "other-123")
    return clients


def _our_models(admin):
    """The models the four add-ons define (they extend others too, e.g. res.partner)."""
    names = set()
    for module in ("crm_contact_history", "crm_telephony", "crm_complaints", "crm_ticketing"):
        data = admin.model("ir.model.data").search_read([("module", "=", module), ("model", "=", "ir.model")],
                                                        ["res_id"])
        models = admin.read("ir.model", [d["res_id"] for d in data], ["model", "transient"])
        names.update(row["model"] for row in models if not row["transient"] and row["model"].startswith("crm."))
    return names


def test_every_model_of_the_add_ons_has_a_row(admin):
    assert _our_models(admin) == set(EXPECTED), "add the model to MATRIX (or remove the row)"


def test_each_role_may_do_exactly_what_the_table_says(role_clients):
    actual = {}
    for model in EXPECTED:
        for role, client in role_clients.items():
            letters = "".join(letter for letter, operation in OPERATIONS if client.execute_kw(
                model, "check_access_rights", [operation], {"raise_exception": False}))
            actual.setdefault(model, {})[role] = letters or "-"
    differences = ["%s as %s: %s, expected %s" % (model, role, actual[model][role], EXPECTED[model][role])
                   for model in sorted(EXPECTED) for role in ROLES if actual[model][role] != EXPECTED[model][role]]
    assert not differences, "\n".join(differences)


def test_second_company_sees_no_record_of_the_first(admin, role_clients):
    """Company-bound records of the demo company stay invisible to the second company's salesperson,
    in lists, counters and the history."""
    client = role_clients["other_company"]
    first_company = admin.model("res.users").read(admin.model("res.users").search([("login", "=", "admin")]),
                                                  ["company_id"])[0]["company_id"][0]
    for model in sorted(EXPECTED):
        if "r" not in EXPECTED[model]["other_company"]:
            continue
        fields = admin.execute_kw(model, "fields_get", [], {"attributes": ["type", "store"]})
        if "company_id" not in fields:
            continue
        in_first = admin.execute_kw(model, "search_count", [[("company_id", "=", first_company)]])
        seen = client.execute_kw(model, "search_count", [[("company_id", "=", first_company)]])
        assert (model, seen) == (model, 0), "%s of %d records of the first company" % (model, in_first)
    assert client.execute_kw("crm.contact.history", "search_count", [[("company_id", "=", first_company)]]) == 0


def test_second_company_history_shows_only_documents_it_can_open(role_clients):
    """What the second company's salesperson sees of the shared history (meetings, shared contacts) are
    documents she may open herself."""
    client = role_clients["other_company"]
    rows = client.execute_kw("crm.contact.history", "search_read", [[]], {"fields": ["res_model", "res_id"]})
    by_model = {}
    for row in rows:
        by_model.setdefault(row["res_model"], set()).add(row["res_id"])
    for model, ids in by_model.items():
        assert set(client.execute_kw(model, "search", [[("id", "in", sorted(ids))]])) == ids, model


def test_portal_user_has_no_history(role_clients):
    with pytest.raises(Fault, match="AccessError"):
        role_clients["portal"].execute_kw("crm.contact.history", "search_count", [[]])
