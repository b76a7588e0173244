"""crm_telephony: a labelled benchmark of caller recognition, ours and OCA's query on the same numbers.

The truth comes from the stored spellings and the numbering plan, not from our columns: a number belongs
to the one partner that stored it (read with phonenumbers), a direct dial to the company whose number is
its longest prefix, anything else to nobody. Ours names the caller as a webhook does (the call's contact,
crm.telephony.call._caller_values); OCA connector-telephony's query names its first hit."""
import random
from collections import Counter, defaultdict

import phonenumbers

from odoo.addons.crm_telephony.models.phone_number import to_e164

PER_KIND = 200
OCA_QUERY = "SELECT id FROM res_partner WHERE replace(phone, ' ', '') ilike %s ORDER BY id LIMIT 1"
OTHER_AREAS = ["30", "40", "89", "221", "69", "711", "211", "341", "231", "201", "421", "351", "511", "911", "521"]


def recognition(env):
    """Print precision and recall per side and the numbers of each kind; returns nothing to time."""
    truth = _address_book(env)
    rng = random.Random(11)
    samples = _incoming(truth, rng)
    webhook = env.ref("crm_telephony.user_telephony_webhook")
    calls = env["crm.telephony.call"].sudo(webhook)
    partners = env["res.partner"].sudo(webhook)
    tally = {"ours": Counter(), "oca": Counter()}
    wrong_examples = defaultdict(list)
    for kind, number, expected in samples:
        e164 = partners._phone_to_e164(number, "DE")
        ours = calls._caller_values(e164)["partner_id"] if e164 else False
        digits = "".join(ch for ch in number if ch.isdigit())
        oca = False
        if len(digits) >= 8:
            env.cr.execute(OCA_QUERY, ["%" + digits[-8:]])
            oca = (env.cr.fetchone() or [False])[0]
        for side, named in (("ours", ours), ("oca", oca)):
            counts = tally[side]
            counts[kind, "numbers"] += 1
            if named:
                counts[kind, "named"] += 1
                counts[kind, "right" if named == expected else "wrong"] += 1
                if named != expected and len(wrong_examples[side]) < 3:
                    wrong_examples[side].append("%s %s" % (kind, number))
            if expected:
                counts[kind, "expected"] += 1
    kinds = []
    for kind, _number, _expected in samples:
        if kind not in kinds:
            kinds.append(kind)
    print("crm_telephony recognition (%d numbers stored, %d incoming numbers; %d stored mobiles are valid in no "
          "country and not called from):" % (len(truth["exact"]), len(samples), len(truth["invalid"])))
    print("  %-34s %22s   %22s" % ("kind (numbers)", "ours: named/right/wrong", "OCA: named/right/wrong"))
    for kind in kinds:
        cells = []
        for side in ("ours", "oca"):
            counts = tally[side]
            cells.append("%6d /%6d /%6d" % (counts[kind, "named"], counts[kind, "right"], counts[kind, "wrong"]))
        print("  %-34s %22s   %22s" % ("%s (%d)" % (kind, tally["ours"][kind, "numbers"]), cells[0], cells[1]))
    for side, label in (("ours", "ours"), ("oca", "OCA ")):
        counts = tally[side]
        named = sum(counts[kind, "named"] for kind in kinds)
        right = sum(counts[kind, "right"] for kind in kinds)
        expected = sum(counts[kind, "expected"] for kind in kinds)
        print("  %s precision %.2f %% (%d of %d named right), recall %.2f %% (%d of %d callers we know)%s" % (
            label, 100.0 * right / named if named else 100.0, right, named,
            100.0 * right / expected if expected else 100.0, right, expected,
            ("; wrong e.g. " + ", ".join(wrong_examples[side])) if wrong_examples[side] else ""))


def _address_book(env):
    """Who stored which number, read from the stored spellings: exact E.164 -> partner ids, company
    switchboards (without the -0) -> company ids, mobiles, and persons' numbers by company."""
    env.cr.execute("""
        SELECT p.id, p.phone, p.mobile, p.is_company, p.parent_id FROM res_partner p
        WHERE p.ref LIKE 'BENCH-%%' AND (p.phone IS NOT NULL OR p.mobile IS NOT NULL)
    """)
    exact, switchboards, mobiles, persons, invalid = defaultdict(set), defaultdict(set), [], [], []
    for partner_id, phone, mobile, is_company, _parent_id in env.cr.fetchall():
        for raw in (phone, mobile):
            e164 = to_e164(raw, "DE")
            if e164:
                exact[e164].add(partner_id)
        if mobile and to_e164(mobile, "DE"):  # a network delivers valid numbers only (the loader's 015x
            # mobiles have 7 digits, one too few: nobody can call from them)
            valid = phonenumbers.is_valid_number(phonenumbers.parse(to_e164(mobile, "DE")))
            (mobiles if valid else invalid).append((to_e164(mobile, "DE"), partner_id))
        if is_company and phone:
            base = phone[:-2] if phone.endswith("-0") else phone
            switchboards[to_e164(base, "DE")].add(partner_id)
        elif phone and to_e164(phone, "DE"):
            persons.append((to_e164(phone, "DE"), partner_id))
    return {"exact": exact, "switchboards": switchboards, "mobiles": mobiles, "persons": persons,
            "invalid": invalid}


def _owner(truth, e164):
    """The one partner a number belongs to by the numbering plan, False for nobody or several."""
    if e164 in truth["exact"]:
        owners = truth["exact"][e164]
        return next(iter(owners)) if len(owners) == 1 else None
    for length in range(len(e164), len(e164) - 6, -1):  # the longest switchboard that is a prefix
        owners = truth["switchboards"].get(e164[:length])
        if owners:
            return next(iter(owners)) if len(owners) == 1 else None
    return False


def _spellings(e164):
    """A German number the five ways telephone systems and users send it."""
    national = "0" + e164[3:]
    return [e164, "00" + e164[1:], e164[1:], national, "%s %s" % (national[:4], national[4:])]


def _incoming(truth, rng):
    """(kind, number as sent, expected partner id or False) of every kind, only numbers with one owner."""
    samples = []

    def add(kind, number, e164):
        owner = _owner(truth, e164)
        if owner is not None:  # several partners store it: no right answer to count
            samples.append((kind, number, owner))
            return True
        return False
    persons, mobiles = truth["persons"], truth["mobiles"]
    for e164, _partner_id in rng.sample(persons, min(PER_KIND, len(persons))):
        spelling = rng.choice(_spellings(e164))
        add("known person, five spellings", spelling, e164)
    companies = [number for number in truth["switchboards"] if number]
    for base in rng.sample(companies, min(PER_KIND, len(companies))):
        number = base + "%02d" % rng.randrange(40, 100)  # the loader's persons have 17, 24, 31
        if number not in truth["exact"]:
            add("direct dial of a known switchboard", number, number)
        add("switchboard's base number", base, base)
    for e164, _partner_id in rng.sample(persons, min(PER_KIND, len(persons))):
        area = rng.choice([area for area in OTHER_AREAS if not e164.startswith("+49" + area)])
        number = "+49" + area + e164[-8:]
        if _owner(truth, number) is False:
            add("unknown, last 8 digits of a known", number, number)
    for e164, _partner_id in rng.sample(persons, min(PER_KIND, len(persons))):
        for prefix in ("+331", "+431"):
            add("foreign, last 8 digits of a known", prefix + e164[-8:], prefix + e164[-8:])
    for e164, _partner_id in rng.sample(mobiles, min(PER_KIND, len(mobiles))):
        add("known mobile", rng.choice(_spellings(e164)), e164)
        other = "+49" + rng.choice(["1590", "163", "1520"]) + e164[-7:]
        if _owner(truth, other) is False:
            add("unknown mobile, same last 7 digits", other, other)
    for rubbish in ("anonymous", "", "+", "unknown"):
        samples.append(("anonymous or empty", rubbish, False))
    return samples
