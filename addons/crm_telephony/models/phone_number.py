# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Phone numbers in E.164, shared by the partner fields, the lookup, the webhooks and the install hook.

Plain functions (no ORM) so the install hook can normalise a million partners before the models load."""
import logging
import time
from functools import lru_cache

from psycopg2 import sql
from psycopg2.extras import execute_values

_logger = logging.getLogger(__name__)

try:
    import phonenumbers
except ImportError:  # pragma: no cover - declared in external_dependencies
    phonenumbers = None

DEFAULT_REGION = "DE"
SUFFIX_DIGITS = 8  # OCA connector-telephony compares the last 8 digits; so do we, through an index
MAX_DIRECT_DIAL_DIGITS = 5  # a switchboard number followed by up to 5 digits of direct dial
CHUNK = 20000
MIN_DIGITS = 5  # shorter is an internal extension, not a number to recognise


@lru_cache(maxsize=200000)
def to_e164(raw, region=DEFAULT_REGION):
    """'+4930123456712' for '030 1234567-12' (region DE); None for empty, anonymous or unparsable input.

    Provider formats are accepted too: international digits without '+' ('4930123456') when they cannot
    be a national number, and '00' prefixes."""
    if not raw or phonenumbers is None:
        return None
    text = raw.strip()
    if not any(ch.isdigit() for ch in text):
        return None
    try:
        number = phonenumbers.parse(text, region or DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number) or len(str(number.national_number)) < MIN_DIGITS:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


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


def suffix(e164):
    """The last digits compared for the suffix match (switchboard + direct dial written differently)."""
    return e164[-SUFFIX_DIGITS:] if e164 else None


def switchboard_prefixes(e164):
    """Numbers the caller's switchboard may be stored as: the number without 1..5 trailing digits of
    direct dial, written bare (030 1234567) or with the switchboard's -0 (030 1234567-0)."""
    if not e164:
        return []
    result = []
    for k in range(1, MAX_DIRECT_DIAL_DIGITS + 1):
        if len(e164) - k >= 8:
            result.append(e164[:-k])
            if e164[:-k] + "0" != e164:
                result.append(e164[:-k] + "0")
    return result


def normalize_partner_numbers(cr, only_missing=False, chunk=CHUNK, company_ids=None):
    """Fill phone_e164/mobile_e164 of every partner (`company_ids`: only the partners of these companies
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
    cr.execute("CREATE TEMPORARY TABLE crm_telephony_e164 (id integer PRIMARY KEY, phone varchar, mobile varchar) "
               "ON COMMIT DROP")
    missing = "AND ((phone IS NOT NULL AND phone_e164 IS NULL) OR (mobile IS NOT NULL AND mobile_e164 IS NULL))" \
        if only_missing else ""
    if company_ids is not None:
        missing += " AND country_id IS NULL AND company_id = ANY(%(companies)s)"
    last_id, done = 0, 0
    while True:
        cr.execute("""
            SELECT id, phone, mobile, country_id, company_id FROM res_partner
            WHERE id > %(last)s AND (phone IS NOT NULL OR mobile IS NOT NULL) {missing}
            ORDER BY id LIMIT %(chunk)s
        """.format(missing=missing), {"last": last_id, "chunk": chunk, "companies": list(company_ids or [])})
        rows = cr.fetchall()
        if not rows:
            break
        values = []
        for partner_id, phone, mobile, country_id, company_id in rows:
            region = country_codes.get(country_id) or company_codes.get(company_id) or DEFAULT_REGION
            values.append((partner_id, to_e164(phone, region), to_e164(mobile, region)))
        execute_values(cr._obj, "INSERT INTO crm_telephony_e164 (id, phone, mobile) VALUES %s", values,
                       page_size=len(values))
        done += len(rows)
        last_id = rows[-1][0]
    cr.execute("ANALYZE crm_telephony_e164")
    cr.execute("""
        UPDATE res_partner p SET phone_e164 = v.phone, mobile_e164 = v.mobile
        FROM crm_telephony_e164 v WHERE p.id = v.id
          AND (p.phone_e164 IS DISTINCT FROM v.phone OR p.mobile_e164 IS DISTINCT FROM v.mobile)
    """)
    cr.execute("DROP TABLE crm_telephony_e164")
    _logger.info("Normalised the phone numbers of %d partners in %.1f s", done, time.time() - t0)
    return done


def create_lookup_indexes(cr):
    """Exact match on phone_e164/mobile_e164 and suffix match on their last digits, all by index."""
    for column in ("phone_e164", "mobile_e164"):
        names = {"column": sql.Identifier(column), "index": sql.Identifier("res_partner_%s_index" % column),
                 "suffix_index": sql.Identifier("res_partner_%s_right8_index" % column),
                 "digits": sql.Literal(SUFFIX_DIGITS)}
        cr.execute(_compose(cr, "CREATE INDEX IF NOT EXISTS {index} ON res_partner ({column})", names))
        # not partial: PostgreSQL keeps statistics of the expression only for a full expression index, and
        # without them it expects 0.5 %% of the table per suffix and plans a parallel scan (10 ms instead of 0.2)
        cr.execute(_compose(cr, "CREATE INDEX IF NOT EXISTS {suffix_index} ON res_partner "
                                "(right({column}, {digits}))", names))


def _compose(cr, template, names):
    """SQL text with quoted identifiers (fixed names, never user input)."""
    return sql.SQL(template).format(**names).as_string(cr._obj)
