"""Service tickets from the outside: a phone call about a broken machine, run to the quotation over XML-RPC,
the technician's and the manager's view, and the form showing time and cost as soon as the type is chosen."""
import collections
import datetime
import xmlrpc.client

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from webclient import login, open_action, screenshot, wait, wait_idle

StepTemplate = collections.namedtuple("StepTemplate", "name planned_hours material deadline_hours")
FACTORY_REPAIR_STEPS = [
    StepTemplate("Abholung organisieren", 0.5, 0.0, 4),
    StepTemplate("Eingangsprüfung und Fehlerdiagnose", 1.5, 0.0, 16),
    StepTemplate("Kostenvoranschlag an den Kunden", 0.5, 0.0, 4),
    StepTemplate("Reparatur in der Werkstatt", 3.5, 180.0, 16),
    StepTemplate("Funktionstest und Endkontrolle", 1.0, 0.0, 8),
    StepTemplate("Rückversand und Rechnung", 0.5, 0.0, 8),
]
PICK_UP, DIAGNOSIS = FACTORY_REPAIR_STEPS[:2]
RATE = 78.0
PLANNED_COST = 7.5 * RATE + 180.0
# The service department of the stories: its manager and technician (erppeek records), its team and the id of
# its factory repair type.
Service = collections.namedtuple("Service", "manager technician team type_id")
LINE_FIELDS = ("name", "user_id", "date_planned_start", "date_deadline", "planned_hours", "planned_cost",
               "state", "template_step_id", "predecessor_names")


@pytest.fixture(scope="module")
def service(admin):
    """A service manager sets up the factory repair process; a technician works in the workshop."""
    manager_group = admin.model("res.groups").browse(
        admin.execute("ir.model.data", "xmlid_to_res_id", "crm_ticketing.group_crm_ticketing_manager"))
    tech_group = admin.execute("ir.model.data", "xmlid_to_res_id", "crm_ticketing.group_crm_ticketing_technician")
    users = admin.model("res.users")
    manager = users.create({"name": "Sabine Leiter", "login": "story.manager", "password": "story.manager",
                            "groups_id": [(6, 0, [manager_group.id])]})
    technician = users.create({"name": "Tom Werkstatt", "login": "story.tech", "password": "story.tech",
                               "groups_id": [(6, 0, [tech_group])]})
    team = admin.model("crm.team").create({"name": "Werkstatt Story", "user_id": manager.id})
    type_id = admin.execute("crm.ticket.type", "create", {
        "name": "Werksreparatur Story",
        "team_id": team.id,
        "step_ids": [(0, 0, {"name": step.name, "sequence": index, "planned_hours": step.planned_hours,
                             "labour_rate": RATE, "material_cost": step.material,
                             "deadline_hours": step.deadline_hours,
                             "user_id": technician.id if index in (2, 4, 5) else False})
                     for index, step in enumerate(FACTORY_REPAIR_STEPS, 1)],
    })
    return Service(manager=manager, technician=technician, team=team, type_id=type_id)


def _onchange(client, values, field, extra=(), extra_lines=()):
    """The web client's onchange call for a new ticket: every form field is sent, the plan comes back.
    `extra`, `extra_lines`: more fields of the form and of its step lines."""
    spec = {name: "1" if name in ("type_id", "partner_id", "date_start") + tuple(extra) else "" for name in (
        "partner_id", "contact_id", "type_id", "date_start", "team_id", "user_id", "company_id", "step_ids",
        "planned_hours", "planned_cost", "date_deadline", "step_count", "steps_started", "email_from")
        + tuple(extra)}
    spec.update({"step_ids." + name: "" for name in LINE_FIELDS + tuple(extra_lines)})
    sent = {name: False for name in spec if "." not in name}
    sent.update(step_ids=[], planned_hours=0.0, planned_cost=0.0, step_count=0)
    sent.update(client.execute("crm.ticket", "default_get", list(sent)))
    sent.update(values)
    return client.execute("crm.ticket", "onchange", [], sent, field, spec)


def _run_cron(client, xmlid):
    cron_id = client.execute("ir.model.data", "xmlid_to_res_id", xmlid)
    client.execute("ir.cron", "method_direct_trigger", [cron_id])


def test_phone_call_about_a_broken_machine_runs_from_plan_to_quotation(admin, service):
    customer = admin.model("res.partner").create({"name": "Bäckerei Korn GmbH", "is_company": True,
                                                  "customer": True})
    caller = admin.model("res.partner").create({"name": "Jan Korn", "parent_id": customer.id})

    # on the phone: the agent picks the customer and the factory repair; the plan shows before saving
    result = _onchange(admin, {"partner_id": customer.id, "contact_id": caller.id,
                               "type_id": service.type_id, "team_id": service.team.id}, "type_id")
    value = result["value"]
    lines = [command[2] for command in value["step_ids"] if command[0] == 0]
    assert [line["name"] for line in lines] == [step.name for step in FACTORY_REPAIR_STEPS]
    assert all(line["date_planned_start"] and line["date_deadline"] for line in lines)
    deadlines = [line["date_deadline"] for line in lines]
    assert deadlines == sorted(deadlines) and len(set(deadlines)) == 6
    assert value["planned_hours"] == pytest.approx(7.5)
    assert value["planned_cost"] == pytest.approx(PLANNED_COST)
    assert lines[0]["user_id"][0] == service.manager.id  # no responsible: the team manager
    assert admin.count("crm.ticket.step", [("ticket_id.partner_id", "=", customer.id)]) == 0

    # saved: all steps at once, the first one is ready
    commands = [[0, 0, {"template_step_id": line["template_step_id"][0],
                        "user_id": line["user_id"] and line["user_id"][0]}] for line in lines]
    ticket_id = admin.execute("crm.ticket", "create", {
        "title": "Teigmaschine läuft nicht an", "partner_id": customer.id, "contact_id": caller.id,
        "type_id": service.type_id, "team_id": service.team.id,
        "description": "Motor brummt, Knethaken dreht nicht.",
        "step_ids": commands})
    steps = admin.read("crm.ticket.step", [("ticket_id", "=", ticket_id)], "name state user_id date_deadline",
                       order="date_planned_start, sequence")
    assert [s["state"] for s in steps] == ["ready"] + ["waiting"] * 5
    ticket = admin.read("crm.ticket", ticket_id, "name planned_hours planned_cost step_count")
    assert ticket["step_count"] == 6 and ticket["planned_hours"] == pytest.approx(7.5)

    # step 1 done -> step 2 ready, with an activity for the technician due on its deadline
    pick_up_id, diagnosis_id = steps[0]["id"], steps[1]["id"]
    admin.execute("crm.ticket.step", "action_done", [pick_up_id])
    second = admin.read("crm.ticket.step", diagnosis_id, "state activity_id user_id date_deadline")
    assert second["state"] == "ready"
    activity = admin.read("mail.activity", second["activity_id"][0], "user_id summary date_deadline")
    assert activity["user_id"][0] == service.technician.id
    assert activity["summary"] == DIAGNOSIS.name

    # the deadline passes; the scheduler escalates once to the team manager, however often it runs
    past = (datetime.datetime.utcnow() - datetime.timedelta(hours=3)).strftime("%Y-%m-%d %H:%M:%S")
    admin.write("crm.ticket.step", [diagnosis_id], {"date_deadline": past})
    _run_cron(admin, "crm_ticketing.ir_cron_check_deadlines")
    _run_cron(admin, "crm_ticketing.ir_cron_check_deadlines")
    escalation_type = admin.execute("ir.model.data", "xmlid_to_res_id", "crm_ticketing.mail_activity_data_escalation")
    escalations = admin.read("mail.activity", [("res_model", "=", "crm.ticket"), ("res_id", "=", ticket_id),
                                               ("activity_type_id", "=", escalation_type)], "user_id summary")
    assert len(escalations) == 1
    assert escalations[0]["user_id"][0] == service.manager.id
    assert admin.read("crm.ticket", ticket_id, "is_escalated")
    assert admin.read("crm.ticket.step", diagnosis_id, "is_overdue")

    # the quotation: a service line per step and the material, at the planned cost
    admin.execute("crm.ticket", "action_create_quotation", [ticket_id])
    order_id = admin.read("crm.ticket", ticket_id, "sale_order_id")[0]
    order = admin.read("sale.order", order_id, "amount_untaxed state order_line origin")
    assert order["state"] == "draft" and order["origin"] == ticket["name"]
    assert len(order["order_line"]) == 7
    assert order["amount_untaxed"] == pytest.approx(PLANNED_COST)

    # everything is in the customer's history and open processes
    history = admin.read("crm.contact.history", [("partner_id", "=", customer.id)], "kind name body res_model")
    kinds = {row["kind"] for row in history}
    assert {"ticket", "quotation", "task"} <= kinds
    bodies = " ".join((row["body"] or "") + " " + (row["name"] or "") for row in history)
    assert "Deadline missed" in bodies and PICK_UP.name in bodies
    processes = admin.execute("res.partner", "read", [customer.id], ["open_processes_html"])[0]
    assert ticket["name"] in processes["open_processes_html"]


def test_a_warranty_repair_is_quoted_at_nothing_and_the_technicians_timesheet_is_its_actual_time(
        odoo_server, admin, service):
    customer = admin.model("res.partner").create({"name": "Druckerei Blau GmbH", "is_company": True,
                                                  "customer": True})
    in_a_year = (datetime.date.today() + datetime.timedelta(days=365)).strftime("%Y-%m-%d")
    press = admin.execute("crm.ticket.equipment", "create", {
        "serial_number": "BLAU-2026-0001", "partner_id": customer.id, "warranty_end": in_a_year})

    # on the phone: the agent picks the machine; before saving the form says the warranty pays everything
    result = _onchange(admin, {"partner_id": customer.id, "type_id": service.type_id, "team_id": service.team.id,
                               "equipment_id": press, "customer_cost": 0.0, "internal_cost": 0.0},
                       "type_id", extra=("equipment_id", "customer_cost", "internal_cost"),
                       extra_lines=("labour_coverage", "material_coverage"))
    lines = [command[2] for command in result["value"]["step_ids"] if command[0] == 0]
    assert {(line["labour_coverage"], line["material_coverage"]) for line in lines} == {("warranty", "warranty")}
    assert result["value"]["internal_cost"] == pytest.approx(PLANNED_COST)
    assert result["value"].get("customer_cost", 0.0) == 0.0

    ticket_id = admin.execute("crm.ticket", "create", {
        "title": "Druckwalze blockiert", "partner_id": customer.id, "type_id": service.type_id,
        "team_id": service.team.id, "equipment_id": press})
    ticket = admin.read("crm.ticket", ticket_id, "coverage customer_cost internal_cost")
    assert (ticket["coverage"], ticket["customer_cost"]) == ("warranty", 0.0)
    admin.execute("crm.ticket", "action_create_quotation", [ticket_id])
    order = admin.read("sale.order", admin.read("crm.ticket", ticket_id, "sale_order_id")[0],
                       "amount_total order_line")
    assert len(order["order_line"]) == 7 and order["amount_total"] == 0.0
    assert set(admin.read("sale.order.line", order["order_line"], "discount")) == {100.0}

    # the technician logs his diagnosis over XML-RPC; the step and the ticket show his time
    steps = admin.read("crm.ticket.step", [("ticket_id", "=", ticket_id)], "name state",
                       order="date_planned_start, sequence")
    admin.execute("crm.ticket.step", "action_done", [steps[0]["id"]])  # nothing logged: as planned, 0.5 h
    technician = odoo_server.client("story.tech", "story.tech")
    technician.execute("account.analytic.line", "create", {
        "crm_ticket_step_id": steps[1]["id"], "name": "Fehlersuche an der Druckwalze", "unit_amount": 2.25})
    assert technician.read("crm.ticket.step", steps[1]["id"], "actual_hours") == pytest.approx(2.25)
    assert admin.read("crm.ticket", ticket_id, "actual_hours") == pytest.approx(2.75)


def test_technician_sees_own_tickets_the_manager_all_and_only_managers_edit_types(odoo_server, admin, service):
    customer = admin.model("res.partner").create({"name": "Metallbau Stein KG", "is_company": True})
    office_type = admin.execute("crm.ticket.type", "create", {
        "name": "Nur Büro", "team_id": service.team.id,
        "step_ids": [(0, 0, {"name": "Rückruf", "planned_hours": 0.25, "deadline_hours": 2,
                             "user_id": service.manager.id})]})
    foreign = admin.execute("crm.ticket", "create", {"title": "Rückfrage", "partner_id": customer.id,
                                                     "type_id": office_type, "user_id": service.manager.id})
    own = admin.execute("crm.ticket", "create", {"title": "Wartung", "partner_id": customer.id,
                                                 "type_id": service.type_id,
                                                 "user_id": service.technician.id})
    technician = odoo_server.client("story.tech", "story.tech")
    visible = technician.search("crm.ticket", [("partner_id", "=", customer.id)])
    assert own in visible and foreign not in visible
    with pytest.raises(xmlrpc.client.Fault, match="AccessError"):
        technician.read("crm.ticket", [foreign], "name")
    with pytest.raises(xmlrpc.client.Fault, match="AccessError"):
        technician.execute("crm.ticket.type", "create", {"name": "Eigener Prozess"})
    manager = odoo_server.client("story.manager", "story.manager")
    assert set(manager.search("crm.ticket", [("partner_id", "=", customer.id)])) == {own, foreign}
    assert manager.execute("crm.ticket.type", "create", {"name": "Neuer Prozess"})


def test_choosing_the_type_shows_time_and_cost_in_the_form(odoo_server, admin, service, browser):
    customer = admin.model("res.partner").create({"name": "Konditorei Süß OHG", "is_company": True,
                                                  "customer": True})
    login(browser, odoo_server)
    open_action(browser, odoo_server, "crm_ticketing.crm_ticket_action", view_type="form")
    wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".o_form_view.o_form_editable")))
    _pick(browser, "partner_id", customer.name)
    hours = browser.find_element(By.CSS_SELECTOR, ".o_field_widget[name=planned_hours]")
    assert hours.text in ("00:00", "")
    _pick(browser, "type_id", "Werksreparatur Story")
    wait(browser).until(lambda d: d.find_element(By.CSS_SELECTOR, ".o_field_widget[name=planned_hours]").text
                        == "07:30")
    cost = browser.find_element(By.CSS_SELECTOR, ".o_field_widget[name=planned_cost]").text
    assert "765.00" in cost, cost
    rows = browser.find_elements(By.CSS_SELECTOR, ".o_field_widget[name=step_ids] .o_data_row")
    assert len(rows) == 6
    assert "Abholung organisieren" in rows[0].text
    screenshot(browser, "crm_ticketing_plan_before_saving.png")


def _pick(driver, field, text):
    """Type into a many2one of the form and choose the first suggestion, as a user does."""
    wait_idle(driver)
    box = wait(driver).until(EC.element_to_be_clickable(
        (By.CSS_SELECTOR, ".o_field_widget[name=%s] input" % field)))
    # focus by script: a label or an open suggestion list may lie over the input and swallow a click
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", box)
    box.send_keys(text)
    item = wait(driver).until(EC.element_to_be_clickable(
        (By.XPATH, "//ul[contains(@class,'ui-autocomplete')]//li/a[contains(., '%s')]" % text)))
    item.click()
    wait_idle(driver)
