"""A telephone system that shows a caller name asks who calls and gets one line of text for its display."""
import requests

from fakes.telephony import API_KEY, configure, new_customer


def test_the_phones_display_gets_the_customer_and_what_is_open(admin, odoo_server):
    configure(admin)
    customer = new_customer(admin, "Vogtländische Musikinstrumente GmbH")
    admin.create("sale.order", {"partner_id": customer.company_id})
    url = odoo_server.url + "/crm_telephony/lookup"
    answer = requests.get(url, params={"number": customer.national}, headers={"X-Api-Key": API_KEY}, timeout=30)
    assert answer.status_code == 200 and answer.headers["Content-Type"].startswith("text/plain")
    assert answer.text == "Vogtländische Musikinstrumente GmbH · 1 Quotation open\n"
    json_answer = requests.get(odoo_server.url + "/crm_telephony/3cx/lookup", params={"number": customer.national},
                               headers={"X-Api-Key": API_KEY}, timeout=30).json()
    assert json_answer["contact"]["status"] == answer.text.strip(), "3CX's display says the same"
    unknown = requests.get(url, params={"number": "+33 1 99887766"}, headers={"X-Api-Key": API_KEY}, timeout=30)
    assert (unknown.status_code, unknown.text) == (200, "\n")
    assert requests.get(url, params={"number": customer.national}, timeout=30).status_code == 403
