"""A firm that already runs OCA's call log, phone validation, claims and helpdesk installs our four add-ons:
one database holds crm, crm_phonecall, base_phone, crm_phone, crm_claim, helpdesk_mgmt and ours, the registry
loads, their records still work, and no model, table, menu or group of ours takes the place of one of theirs.

Runs in the co-installation pass only (`pytest --oca`, part of `make test`), which also replays one or two
stories of each of our modules on that database (OCA_STORIES in conftest.py)."""
import ast
import os
import re
from collections import defaultdict

from conftest import OCA_ADDONS, OCA_MODULES, ROOT

OURS = ["crm_contact_history", "crm_telephony", "crm_complaints", "crm_ticketing"]
OCA_ONLY = [name for name in OCA_MODULES if name != "crm"]  # crm is Odoo's own
SQL_OBJECT = re.compile(r"CREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMPORARY\s+|TEMP\s+|UNIQUE\s+|MATERIALIZED\s+)?"
                        r"(?:TABLE|VIEW|FUNCTION|INDEX|SEQUENCE|TRIGGER)\s+(?:IF\s+NOT\s+EXISTS\s+)?"
                        r"(?!IF\b)([a-z_][a-z0-9_]*)\b", re.I)


def _python_files(addon_dir):
    for folder, dirs, files in os.walk(addon_dir):
        dirs[:] = [d for d in dirs if d not in ("tests", "migrations", "__pycache__")]
        for name in files:
            if name.endswith(".py"):
                yield os.path.join(folder, name)


def _constant(node):
    try:
        return ast.literal_eval(node)
    except ValueError:
        return None


def models_and_tables(addon_dir):
    """The models an add-on creates (a `_name` it does not inherit) with their tables, and the other SQL
    objects (tables, views, functions, indexes, triggers) its code creates by name."""
    models, sql_objects = {}, set()
    for path in _python_files(addon_dir):
        with open(path, encoding="utf-8") as f:
            source = f.read()
        sql_objects.update(name.lower() for name in SQL_OBJECT.findall(source))
        for cls in (n for n in ast.walk(ast.parse(source, path)) if isinstance(n, ast.ClassDef)):
            attrs = {t.id: _constant(stmt.value) for stmt in cls.body if isinstance(stmt, ast.Assign)
                     for t in stmt.targets if isinstance(t, ast.Name)}
            name, inherit = attrs.get("_name"), attrs.get("_inherit") or []
            inherit = [inherit] if isinstance(inherit, str) else inherit
            if isinstance(name, str) and name not in inherit:
                models[name] = attrs.get("_table") or name.replace(".", "_")
    return models, sql_objects


def _ours_and_theirs():
    ours = {name: models_and_tables(os.path.join(ROOT, "addons", name)) for name in OURS}
    theirs = {name: models_and_tables(os.path.join(OCA_ADDONS, name)) for name in OCA_ONLY}
    return ours, theirs


def test_integrator_finds_our_modules_and_the_oca_ones_installed_in_one_database(admin):
    modules = admin.read("ir.module.module", [("name", "in", OCA_MODULES + OURS)], "name state")
    assert {m["name"]: m["state"] for m in modules} == {name: "installed" for name in OCA_MODULES + OURS}


def test_no_model_of_ours_has_the_name_of_an_oca_model():
    ours, theirs = _ours_and_theirs()
    their_models = defaultdict(list)
    for module, (models, _sql) in sorted(theirs.items()):
        for model in models:
            their_models[model].append(module)
    clashes = ["%s: %s is also defined by OCA %s" % (module, model, ", ".join(their_models[model]))
               for module, (models, _sql) in sorted(ours.items()) for model in sorted(models) if model in their_models]
    assert not clashes


def test_no_table_or_sql_object_of_ours_is_named_like_an_oca_table():
    """Equal names collide; a name that starts with an OCA table (crm_claim_…, helpdesk_ticket_…) sits in
    their namespace, where their next table or many2many relation would collide."""
    ours, theirs = _ours_and_theirs()
    their_tables = defaultdict(list)
    for module, (models, sql) in sorted(theirs.items()):
        for table in set(models.values()) | sql:
            their_tables[table].append(module)
    clashes = []
    for module, (models, sql) in sorted(ours.items()):
        for name in sorted(set(models.values()) | sql):
            hits = sorted(t for t in their_tables if name == t or name.startswith(t + "_"))
            clashes += ["%s: %s (OCA %s: %s)" % (module, name, ", ".join(their_tables[t]), t) for t in hits]
    assert not clashes


def test_no_many2many_relation_table_is_shared_with_an_oca_field(admin):
    fields = admin.read("ir.model.fields", [("ttype", "=", "many2many")], "model name relation_table modules")
    users = defaultdict(set)
    for field in (f for f in fields if f["relation_table"]):  # computed many2many fields have no table
        for module in (field["modules"] or "").split(", "):
            if module in OURS or module in OCA_ONLY:
                users[field["relation_table"]].add((module in OURS, field["model"], field["name"]))
    shared = {table: sorted(u) for table, u in users.items()
              if any(ours for ours, *_ in u) and any(not ours for ours, *_ in u)
              and len({(m, n) for _o, m, n in u}) > 1}
    assert not shared


def test_our_data_files_do_not_write_into_oca_records():
    """An xml id of theirs in our data (`id="crm_claim.…"`, `ref="helpdesk_mgmt.…"`) would change their records."""
    pattern = re.compile(r"""(?:(?:id|ref|parent|groups|action)=["'][^"']*|ref\(["'])\b(?:%s)\.""" % "|".join(OCA_ONLY))
    found = []
    for module in OURS:
        for folder, _dirs, files in os.walk(os.path.join(ROOT, "addons", module)):
            for name in files:
                if name.endswith((".xml", ".csv")):
                    path = os.path.join(folder, name)
                    with open(path, encoding="utf-8") as f:
                        text = f.read()
                    found += ["%s: %s" % (os.path.relpath(path, ROOT), m.group(0)) for m in pattern.finditer(text)]
    assert not found


def _records_by_module(admin, model):
    data = admin.read("ir.model.data", [("model", "=", model), ("module", "in", OURS + OCA_ONLY)], "module res_id")
    return {d["res_id"]: d["module"] for d in data}


def test_menus_and_groups_of_ours_do_not_repeat_an_oca_one(admin):
    """Two menus with one path, or two groups with one full name, leave users guessing which is which."""
    menus = _records_by_module(admin, "ir.ui.menu")
    groups = _records_by_module(admin, "res.groups")
    names = defaultdict(set)
    for menu in admin.read("ir.ui.menu", [("id", "in", list(menus))], "id complete_name"):
        names["menu " + menu["complete_name"]].add(menus[menu["id"]])
    for group in admin.read("res.groups", [("id", "in", list(groups))], "id full_name"):
        names["group " + group["full_name"]].add(groups[group["id"]])
    repeated = {name: sorted(modules) for name, modules in names.items()
                if modules & set(OURS) and modules & set(OCA_ONLY)}
    assert not repeated


def test_a_firm_keeps_logging_calls_claims_and_tickets_with_the_oca_modules(admin):
    """OCA's call log on an opportunity (its states and fields, not ours), a claim and a helpdesk ticket for
    the same customer, while our customer file of that customer still opens."""
    partner = admin.create("res.partner", {"name": "Havel Maschinenbau KG", "is_company": True, "customer": True,
                                           "phone": "+49 351 4400 100"})
    lead = admin.create("crm.lead", {"name": "Ersatzteilvertrag", "type": "opportunity", "partner_id": partner})
    call = admin.create("crm.phonecall", {"name": "Rückfrage zum Angebot", "partner_id": partner,
                                          "opportunity_id": lead, "state": "open"})
    admin.write("crm.phonecall", [call], {"state": "done"})
    [logged] = admin.read("crm.phonecall", [call], "state opportunity_id partner_id")
    assert (logged["state"], logged["opportunity_id"][0], logged["partner_id"][0]) == ("done", lead, partner)
    assert admin.read("crm.lead", lead, "phonecall_ids") == [call]

    claim = admin.create("crm.claim", {"name": "Lager defekt", "partner_id": partner})
    ticket = admin.create("helpdesk.ticket", {"name": "Maschine steht", "description": "<p>Fehler E42</p>",
                                              "partner_id": partner})
    assert admin.read("crm.claim", claim, "partner_id")[0] == partner
    [opened] = admin.read("helpdesk.ticket", [ticket], "number partner_id")
    assert opened["partner_id"][0] == partner and opened["number"] != "/"

    action = admin.execute("res.partner", "action_open_customer_file", [partner])
    assert action["type"] == "ir.actions.act_window"
