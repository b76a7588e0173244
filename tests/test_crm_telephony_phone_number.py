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


def test_a_stored_number_is_complete_or_only_ever_uncertain():
    """Written internationally or with the trunk prefix it has one E.164; without area code it has none and
    keeps its digits (with the country it was read in) for an uncertain match only."""
    assert phone_number.stored_number("0341 2987654-12", "DE") == ("+49341298765412", None, None)
    assert phone_number.stored_number("+43 1 5123456", "DE") == ("+4315123456", None, None)
    assert phone_number.stored_number("4589-25", "DE") == (None, None, "49/458925")
    assert phone_number.stored_number("89 1234567", "DE") == (None, None, "49/891234567")
    assert phone_number.stored_number("0123456789", "DE") == (None, None, None), "valid in no country"
    assert phone_number.stored_number("+", "DE") == (None, None, None)


def test_a_companys_number_is_its_switchboard_without_the_dash_zero():
    assert phone_number.stored_number("089 2345678-0", "DE", True) == ("+498923456780", "+49892345678", None)
    assert phone_number.stored_number("030 1234567", "DE", True) == ("+49301234567", "+49301234567", None)
    assert phone_number.stored_number("0171 1234567", "DE", True).switchboard is None, "mobiles have no direct dials"
    assert phone_number.stored_number("030 1234567-0", "DE").switchboard is None, "a person is no switchboard"


def test_caller_keys_are_the_number_its_switchboards_and_its_tails():
    """A caller from +49 30 1234567-12 may dial from the switchboard 030 1234567 (longest first); an
    incomplete stored number may be any tail of the national number; never less than 5 digits."""
    keys = phone_number.caller_keys("+4930123456712")
    assert keys.e164 == "+4930123456712"
    assert keys.switchboards[:3] == ["+4930123456712", "+493012345671", "+49301234567"]
    assert len(keys.switchboards) == 1 + phone_number.MAX_DIRECT_DIAL_DIGITS
    assert keys.partials[0] == "49/30123456712" and keys.partials[-1] == "49/56712"
    assert all(key.startswith("49/") for key in keys.partials), "never across country codes"
    assert phone_number.caller_keys(None) is None
    assert phone_number.caller_keys("0301234567") is None, "E.164 only"
