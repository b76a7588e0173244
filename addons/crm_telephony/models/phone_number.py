# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Phone numbers in E.164, shared by the partner fields, the lookup, the webhooks and the install hook.

Plain functions (no ORM) so the install hook can normalise a million partners before the models load."""
import logging
import re
import time
from collections import namedtuple
from functools import lru_cache

from psycopg2 import sql
from psycopg2.extras import execute_values

_logger = logging.getLogger(__name__)

try:
    import phonenumbers
    GEOGRAPHIC = (phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
except ImportError:  # pragma: no cover - declared in external_dependencies
    phonenumbers = None

DEFAULT_REGION = "DE"
MAX_DIRECT_DIAL_DIGITS = 5  # a switchboard number followed by up to 5 digits of direct dial
CHUNK = 20000
MIN_DIGITS = 5  # shorter is an internal extension, not a number to recognise
MAX_INPUT = 64  # longer is no telephone number (phonenumbers itself refuses 250 characters and more)
SWITCHBOARD_SUFFIX = re.compile(r"\s*[-\u2010-\u2013]\s*0\s*$")  # "089 2345678-0": the switchboard's -0
# What a stored number matches by: its E.164 (None when it was stored so incompletely that it has none), the
# switchboard it is (companies only: the base number without the -0) and, for an incomplete number only,
# its digits with the country code of the region it was read in ("49/458925"), matched as uncertain.
StoredNumber = namedtuple("StoredNumber", "e164 switchboard partial")
# What an incoming number is looked up by: itself, the switchboards it may be a direct dial of (itself
# first, then longest first) and the keys of incomplete stored numbers it may be.
CallerKeys = namedtuple("CallerKeys", "e164 switchboards partials")
NO_NUMBER = StoredNumber(None, None, None)
NUMBER_COLUMNS = ("phone_e164", "mobile_e164", "phone_switchboard", "phone_partial", "mobile_partial")
# Entries of each parse cache per worker: the numbers that call again (a day's callers of a firm) are read
# once, while a worker's memory does not grow with the number of distinct callers (about 1.8 KB each).
NUMBER_CACHE = 2048


@lru_cache(maxsize=NUMBER_CACHE)
def _parse(raw, region):
    """The phonenumbers object of `raw` read in `region`, or None (empty, letters only, too long).
    Cached: the lookup reads the number the provider sent and then its E.164, one parse for both."""
    if not raw or phonenumbers is None:
        return None
    text = raw.strip()
    if len(text) > MAX_INPUT or not any(ch.isdigit() for ch in text):
        return None
    if text.startswith("+") and region is not None:
        return _parse(text, None)  # international: the region does not matter, one cache entry
    try:
        return phonenumbers.parse(text, region or DEFAULT_REGION, keep_raw_input=True)
    except phonenumbers.NumberParseException:
        return None


def _possible(number):
    return number is not None and phonenumbers.is_possible_number(number) \
        and len(str(number.national_number)) >= MIN_DIGITS


@lru_cache(maxsize=NUMBER_CACHE)
def to_e164(raw, region=DEFAULT_REGION):
    """'+4930123456712' for '030 1234567-12' (region DE); None for empty, anonymous or unparsable input.

    Provider formats are accepted too: international digits without '+' ('4930123456') when they cannot
    be a national number, and '00' prefixes."""
    number = _parse(raw, region)
    if not _possible(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@lru_cache(maxsize=NUMBER_CACHE)
def stored_number(raw, region=DEFAULT_REGION, is_company=False):
    """StoredNumber of a number in the address book, read in the partner's `region`.

    Complete means international ('+49', '0049') or national with the trunk prefix ('089 ...') where the
    country has one: '4589-25' (no area code) or '89 1234567' are incomplete, they have no E.164 and may
    only ever be matched as uncertain. A number valid in no country matches nothing. Checked here, once
    per stored number, so that the lookup need not check the caller's number (see caller_keys)."""
    number = _parse(raw, region)
    if not _possible(number):
        return NO_NUMBER
    if not _complete(number, region):
        digits = "".join(ch for ch in raw if ch.isdigit()).lstrip("0")
        return StoredNumber(None, None, "%d/%s" % (number.country_code, digits))
    kind = phonenumbers.number_type(number)
    if kind == phonenumbers.PhoneNumberType.UNKNOWN:
        return NO_NUMBER
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if not is_company or kind not in GEOGRAPHIC:  # mobiles have no direct dials
        return StoredNumber(e164, None, None)
    base = SWITCHBOARD_SUFFIX.sub("", raw.strip())
    return StoredNumber(e164, (to_e164(base, region) if base != raw.strip() else None) or e164, None)


@lru_cache(maxsize=NUMBER_CACHE)
def caller_keys(e164):
    """CallerKeys of an incoming number in E.164 (None for none).

    Only string work, no phonenumbers call: the stored numbers were checked when stored. So a number
    valid in no country equals no stored number; a switchboard is a valid geographic number, and as area
    codes are prefix-free, a caller whose number begins with it has its country and area code; an
    incomplete stored number may be any tail of the caller's national number."""
    if not e164 or not e164.startswith("+"):
        return None
    number = _parse(e164, None)
    if number is None:
        return None
    national = str(number.national_number)
    prefix = "%d/" % number.country_code
    switchboards = [e164] + [e164[:-k] for k in range(1, MAX_DIRECT_DIAL_DIGITS + 1)
                             if len(national) - k >= MIN_DIGITS]
    partials = [prefix + national[start:] for start in range(len(national) - MIN_DIGITS + 1)]
    return CallerKeys(e164, switchboards, partials)


def is_mobile(e164):
    """Whether the number in E.164 is a mobile one (it belongs in a contact's mobile field)."""
    number = _parse(e164, None) if e164 else None
    return number is not None and phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE


def provider_to_e164(raw, region=DEFAULT_REGION):
    """Numbers as telephone systems send them: sipgate sends international digits without '+'
    ('4921100000000'), Placetel and PBXs national ones ('0211...'), internal extensions are short."""
    if not raw:
        return None
    text = raw.strip()
    if text.lower() in ("anonymous", "unknown", "restricted", "private"):
        return None
    digits = "".join(ch for ch in text if ch.isdigit())
    if text[:1] not in ("+", "0") and len(digits) > 8 and text.isdigit():
        return to_e164("+" + digits, region)
    return to_e164(text, region)


def _complete(number, region):
    """Whether the number names one line: written internationally, or with the trunk prefix '0' in a
    country whose national numbers need it."""
    if number.country_code_source != phonenumbers.CountryCodeSource.FROM_DEFAULT_COUNTRY:
        return True
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region or DEFAULT_REGION)
    if not metadata or metadata.national_prefix != "0":
        return True
    digits = "".join(ch for ch in number.raw_input or "" if ch.isdigit())
    return digits.startswith("0")


def partner_number_values(phone, mobile, region, is_company):
    """The values of NUMBER_COLUMNS of a partner with these numbers, read in `region`."""
    phone_keys, mobile_keys = stored_number(phone, region, bool(is_company)), stored_number(mobile, region)
    return (phone_keys.e164, mobile_keys.e164, phone_keys.switchboard, phone_keys.partial, mobile_keys.partial)


def normalize_partner_numbers(cr, only_missing=False, chunk=CHUNK, company_ids=None):
    """Fill the NUMBER_COLUMNS of every partner (`company_ids`: only the partners of these companies
    that have no country of their own, whose numbers follow the company's country): read
    id/phone/mobile/country in chunks with SQL, normalise in Python, collect the results in a temporary
    table (one multi-row INSERT per chunk) and write them back with one UPDATE ... FROM, so the big table
    is joined once. Returns rows done."""
    t0 = time.time()
    cr.execute("SELECT id, code FROM res_country")
    country_codes = dict(cr.fetchall())
    cr.execute("""
        SELECT co.id, c.code FROM res_company co
        JOIN res_partner p ON p.id = co.partner_id JOIN res_country c ON c.id = p.country_id
    """)
    company_codes = dict(cr.fetchall())
    columns = [sql.Identifier(column) for column in NUMBER_COLUMNS]
    cr.execute(sql.SQL("CREATE TEMPORARY TABLE crm_telephony_e164 (id integer PRIMARY KEY, {}) ON COMMIT DROP").format(
        sql.SQL(", ").join(sql.SQL("{} varchar").format(column) for column in columns)).as_string(cr._obj))
    missing = "AND ((phone IS NOT NULL AND phone_e164 IS NULL AND phone_partial IS NULL) " \
              "OR (mobile IS NOT NULL AND mobile_e164 IS NULL AND mobile_partial IS NULL))" if only_missing else ""
    if company_ids is not None:
        missing += " AND country_id IS NULL AND company_id = ANY(%(companies)s)"
    last_id, done = 0, 0
    while True:
        cr.execute("""
            SELECT id, phone, mobile, country_id, company_id, is_company FROM res_partner
            WHERE id > %(last)s AND (phone IS NOT NULL OR mobile IS NOT NULL) {missing}
            ORDER BY id LIMIT %(chunk)s
        """.format(missing=missing), {"last": last_id, "chunk": chunk, "companies": list(company_ids or [])})
        rows = cr.fetchall()
        if not rows:
            break
        values = []
        for partner_id, phone, mobile, country_id, company_id, is_company in rows:
            region = country_codes.get(country_id) or company_codes.get(company_id) or DEFAULT_REGION
            values.append((partner_id,) + partner_number_values(phone, mobile, region, is_company))
        execute_values(cr._obj, "INSERT INTO crm_telephony_e164 VALUES %s", values, page_size=len(values))
        done += len(rows)
        last_id = rows[-1][0]
    cr.execute("ANALYZE crm_telephony_e164")
    cr.execute(sql.SQL("UPDATE res_partner p SET {} FROM crm_telephony_e164 v WHERE p.id = v.id AND ({})").format(
        sql.SQL(", ").join(sql.SQL("{0} = v.{0}").format(column) for column in columns),
        sql.SQL(" OR ").join(sql.SQL("p.{0} IS DISTINCT FROM v.{0}").format(column) for column in columns)
    ).as_string(cr._obj))
    cr.execute("DROP TABLE crm_telephony_e164")
    _logger.info("Normalised the phone numbers of %d partners in %.1f s", done, time.time() - t0)
    return done


def add_number_columns(cr):
    """The NUMBER_COLUMNS before the ORM sees them (install hook, migration): no recompute of every
    partner through the ORM."""
    cr.execute(sql.SQL("ALTER TABLE res_partner {}").format(sql.SQL(", ").join(
        sql.SQL("ADD COLUMN IF NOT EXISTS {} varchar").format(sql.Identifier(column)) for column in NUMBER_COLUMNS)
    ).as_string(cr._obj))


def create_lookup_indexes(cr):
    """One index per column the lookup compares (=, = ANY); the suffix indexes of the former digit-tail
    match go."""
    for column in NUMBER_COLUMNS:
        names = {"column": sql.Identifier(column), "index": sql.Identifier("res_partner_%s_index" % column)}
        # partial where most rows are NULL: the index holds only the few rows the lookup can find
        where = "" if column in ("phone_e164", "mobile_e164") else " WHERE {column} IS NOT NULL"
        cr.execute(_compose(cr, "CREATE INDEX IF NOT EXISTS {index} ON res_partner ({column})" + where, names))
    for column in ("phone_e164", "mobile_e164"):
        cr.execute(_compose(cr, "DROP INDEX IF EXISTS {index}",
                            {"index": sql.Identifier("res_partner_%s_right8_index" % column)}))


def _compose(cr, template, names):
    """SQL text with quoted identifiers (fixed names, never user input)."""
    return sql.SQL(template).format(**names).as_string(cr._obj)
