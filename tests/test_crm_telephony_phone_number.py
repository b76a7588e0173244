"""Phone numbers as German users type them and telephone systems send them become one international form
(addons/crm_telephony/models/phone_number.py, loaded by path: no Odoo, no database)."""
import pytest

from fakes.addon_module import load

phone_number = load("crm_telephony", "models/phone_number.py")


@pytest.mark.parametrize("typed, e164", [
    ("030 1234567-12", "+4930123456712"),      # direct dial after a dash
    ("030 1234567", "+49301234567"),
    ("+49 (0)89 1234567", "+49891234567"),     # the (0) people write for the trunk prefix
    ("0049 221 123456", "+49221123456"),
    ("0049221123456", "+49221123456"),
    ("0171/1234567", "+491711234567"),
    ("(0711) 123456-0", "+497111234560"),
    ("+49 30 1234567", "+49301234567"),
    ("0171 123 4567", "+491711234567"),
    ("+43 1 5123456", "+4315123456"),          # Vienna stays Austrian
])
def test_german_forms_normalise(typed, e164):
    assert phone_number.to_e164(typed, "DE") == e164


def test_a_national_number_is_read_in_the_given_country():
    assert phone_number.to_e164("01 5123456", "AT") == "+4315123456"
    assert phone_number.to_e164("01 5123456", "DE") == "+4915123456"
    assert phone_number.to_e164("030 1234567", None) == "+49301234567", "no region: German, the default"


@pytest.mark.parametrize("rubbish", [None, "", "keine", "anonymous", "Unknown", "restricted", "private", "12"])
def test_rubbish_anonymous_and_extensions_give_no_number(rubbish):
    assert not phone_number.provider_to_e164(rubbish, "DE")
    assert not phone_number.to_e164(rubbish, "DE")


def test_provider_formats():
    assert phone_number.provider_to_e164("4930123456712", "DE") == "+4930123456712", "sipgate: no plus"
    assert phone_number.provider_to_e164("030123456712", "DE") == "+4930123456712", "Placetel: national"
    assert phone_number.provider_to_e164("+4930123456712", "AT") == "+4930123456712", "already international"
    assert phone_number.provider_to_e164("207", "DE") is None, "an internal extension is nobody to recognise"


def test_suffix_is_the_last_eight_digits():
    assert phone_number.suffix("+4930123456712") == "23456712"
    assert phone_number.suffix(None) is None


def test_switchboard_prefixes_of_a_direct_dial():
    """A caller from +49 30 1234567-12 may be stored as the switchboard 030 1234567 or 030 1234567-0."""
    prefixes = phone_number.switchboard_prefixes("+4930123456712")
    assert "+49301234567" in prefixes and "+493012345670" in prefixes
    assert "+4930123456712" not in prefixes, "the number itself is an exact match, not a switchboard"
    assert all(len(prefix) >= 8 for prefix in prefixes)
    assert len(prefixes) == 2 * phone_number.MAX_DIRECT_DIAL_DIGITS
    assert phone_number.switchboard_prefixes(None) == []
