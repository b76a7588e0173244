"""crm_complaints: similar known complaints among 500 000, speed (p95) and relevance (recall@5).

The data are generated in SQL from word lists: 40 parts x 18 defects, each defect worded four ways.
120 (part, defect) pairs are reserved for known near-duplicate groups of 5 complaints each (the four
wordings plus one with a typo, one product per group); the 499 400 other complaints use the other pairs.
A query is a fifth wording (or a typo'd one) of a group's defect with its product; recall@5 is the share
of the group found in the first five hits. The naive baseline: ILIKE '%word%' over the description per
keyword, ranked by the number of keywords found (and the same product), the way it is often written.

The early-warning check of a new complaint among them (issue 14): one similarity search and one indexed
query, vs reading the product's complaints of the last 30 days and comparing their words in Python."""
import re
import time
from datetime import datetime, timedelta

from bench.run import Result, p95

COMPLAINTS = 500000
GROUP_SIZE = 5
QUERIES = 40
PRODUCTS = 50

# (nominative with article, dative phrase)
PARTS = [
    ("das Gehäuse", "am Gehäuse"), ("das Display", "am Display"), ("die Dichtung", "an der Dichtung"),
    ("die Pumpe", "an der Pumpe"), ("der Motor", "am Motor"), ("das Kabel", "am Kabel"),
    ("der Schalter", "am Schalter"), ("das Lager", "am Lager"), ("das Ventil", "am Ventil"),
    ("der Filter", "am Filter"), ("der Schlauch", "am Schlauch"), ("der Deckel", "am Deckel"),
    ("der Griff", "am Griff"), ("das Scharnier", "am Scharnier"), ("der Stecker", "am Stecker"),
    ("das Netzteil", "am Netzteil"), ("der Akku", "am Akku"), ("der Lüfter", "am Lüfter"),
    ("der Kolben", "am Kolben"), ("die Welle", "an der Welle"), ("das Zahnrad", "am Zahnrad"),
    ("der Riemen", "am Riemen"), ("die Kupplung", "an der Kupplung"), ("die Bremse", "an der Bremse"),
    ("der Sensor", "am Sensor"), ("der Thermostat", "am Thermostat"), ("der Heizstab", "am Heizstab"),
    ("die Tür", "an der Tür"), ("der Rahmen", "am Rahmen"), ("der Standfuß", "am Standfuß"),
    ("das Laufrad", "am Laufrad"), ("das Gewinde", "am Gewinde"), ("der Flansch", "am Flansch"),
    ("die Düse", "an der Düse"), ("der Tank", "am Tank"), ("die Leitung", "an der Leitung"),
    ("die Platine", "an der Platine"), ("die Anzeige", "an der Anzeige"), ("die Tastatur", "an der Tastatur"),
    ("die Halterung", "an der Halterung"),
]
# Per defect: four wordings used in the data, a fifth used only in queries. {n}: nominative, {d}: dative.
DEFECTS = [
    ["Riss {d}", "{n} ist gerissen", "{n} hat einen Riss", "Risse {d}", "{n} gerissen, deutliche Risse"],
    ["{n} ist undicht", "Undichtigkeit {d}", "{n} leckt", "Leck {d}", "{n} undicht, es leckt"],
    ["{n} ist gebrochen", "Bruch {d}", "{n} zerbrochen", "{n} abgebrochen", "{n} gebrochen"],
    ["{n} macht laute Geräusche", "Geräusche {d}", "{n} ist sehr laut", "lautes Klappern {d}",
     "{n} zu laut, Geräusch"],
    ["{n} wird zu heiß", "Überhitzung {d}", "{n} überhitzt", "{n} ist überhitzt", "{n} überhitzt sich"],
    ["Rost {d}", "{n} rostet", "{n} ist verrostet", "Korrosion {d}", "{n} verrostet, Rost"],
    ["{n} ist ausgefallen", "Ausfall {d}", "{n} fällt aus", "{n} fällt ständig aus", "{n} ausgefallen"],
    ["Kratzer {d}", "{n} ist verkratzt", "{n} zerkratzt", "{n} hat Kratzer", "{n} verkratzt"],
    ["{n} klemmt", "{n} blockiert", "{n} ist blockiert", "{n} klemmt und blockiert", "{n} blockiert, klemmt"],
    ["{n} ist verbogen", "{n} verbogen", "Verformung {d}", "{n} ist verformt", "{n} verbogen und verformt"],
    ["{n} ist locker", "{n} wackelt", "{n} hat sich gelockert", "lockere Verbindung {d}", "{n} locker"],
    ["{n} vibriert stark", "Vibrationen {d}", "starke Vibration {d}", "{n} vibriert", "{n} vibriert sehr"],
    ["{n} ist verfärbt", "Verfärbung {d}", "{n} verfärbt", "Verfärbungen {d}", "{n} verfärbt sich"],
    ["{n} passt nicht", "falsche Maße {d}", "{n} hat falsche Maße", "{n} passt nicht richtig",
     "Maße {d} falsch"],
    ["{n} fehlt", "{n} fehlt in der Lieferung", "{n} nicht mitgeliefert", "{n} fehlte", "{n} fehlt komplett"],
    ["{n} ist verschmutzt", "Verschmutzung {d}", "{n} verschmutzt", "Schmutz {d}", "{n} stark verschmutzt"],
    ["Feuchtigkeit {d}", "Kondenswasser {d}", "{n} ist feucht", "Feuchtigkeit und Kondenswasser {d}",
     "{n} feucht"],
    ["{n} riecht verbrannt", "Brandgeruch {d}", "verbrannter Geruch {d}", "{n} riecht nach Brand",
     "{n} verbrannt, Geruch"],
]
PREFIXES = ["Beim Auspacken festgestellt:", "Nach zwei Wochen Betrieb:", "Seit der Montage:",
            "Kunde meldet telefonisch:", "Bei der Inbetriebnahme:", "Laut Servicetechniker:"]
SUFFIXES = ["Bitte um schnelle Lösung.", "Die Anlage steht still.", "Wir erwarten Ersatz.",
            "Bitte um Rückruf.", "Das Problem tritt täglich auf."]
WORDINGS = 4
STOPWORDS = {"der", "die", "das", "den", "dem", "ist", "hat", "und", "ein", "eine", "einen", "sich", "nicht",
             "sehr", "bitte", "nach", "beim", "bei", "seit", "laut", "wir", "zwei"}


def _group(part, defect):
    """Pairs reserved for the near-duplicate groups: 120 of the 720."""
    return (part + defect) % 6 == 0


def _typo(text, word):
    """The word with two inner letters swapped, as typed in a hurry ("Gehäuse" -> "Gehäsue")."""
    noun = word.split(" ")[-1]
    if len(noun) < 5:
        return text
    i = len(noun) // 2
    wrong = noun[:i] + noun[i + 1] + noun[i] + noun[i + 2:]
    return text.replace(noun, wrong, 1)


def _load(env):
    """Insert the complaints in a few SQL statements; index built after the load as a bulk load would."""
    cr = env.cr
    company = env.user.company_id.id
    stage = env.ref("crm_complaints.stage_new").id
    products = [env["product.product"].create({"name": "Bench-Produkt %d" % i, "type": "consu"}).id
                for i in range(PRODUCTS)]
    wordings = [w for defect in DEFECTS for w in defect[:WORDINGS]]
    cr.execute("DROP INDEX IF EXISTS crm_complaint_search_vector_idx")
    # noise: every pair but the reserved ones (the defect is shifted by one for a reserved pair)
    cr.execute("""
        INSERT INTO crm_complaint (name, subject, description, product_id, stage_id, company_id, severity,
                                   channel, is_escalated, is_closed, create_uid, write_uid, create_date, write_date)
        SELECT 'BENCH-' || g, s.subject,
               (%(prefixes)s)[1 + g %% %(np)s] || ' ' || s.subject || '. ' || (%(suffixes)s)[1 + (g / 3) %% %(ns)s],
               (%(products)s)[1 + (g * 7) %% %(nprod)s], %(stage)s, %(company)s, 'normal', 'phone', false, false,
               1, 1, now() - (g %% 700) * interval '1 day', now()
        FROM generate_series(1, %(n)s) g
        CROSS JOIN LATERAL (
            SELECT g %% %(nparts)s AS part,
                   CASE WHEN ((g %% %(nparts)s) + (g / %(nparts)s) %% %(ndef)s) %% 6 = 0
                        THEN ((g / %(nparts)s) + 1) %% %(ndef)s ELSE (g / %(nparts)s) %% %(ndef)s END AS defect
        ) pd
        CROSS JOIN LATERAL (
            SELECT replace(replace((%(wordings)s)[1 + pd.defect * %(nw)s + (g / 11) %% %(nw)s],
                                   '{n}', (%(nom)s)[1 + pd.part]), '{d}', (%(dat)s)[1 + pd.part]) AS subject
        ) s
    """, {
        "prefixes": PREFIXES, "suffixes": SUFFIXES, "np": len(PREFIXES), "ns": len(SUFFIXES),
        "products": products, "nprod": len(products), "stage": stage, "company": company,
        "n": COMPLAINTS - 120 * GROUP_SIZE, "nparts": len(PARTS), "ndef": len(DEFECTS),
        "wordings": wordings, "nw": WORDINGS, "nom": [p[0] for p in PARTS], "dat": [p[1] for p in PARTS],
    })
    # the known near-duplicate groups
    groups, rows = [], []
    for part, (nom, dat) in enumerate(PARTS):
        for defect, texts in enumerate(DEFECTS):
            if not _group(part, defect):
                continue
            product = products[(part * 31 + defect * 7) % len(products)]
            subjects = [t.format(n=nom, d=dat) for t in texts[:WORDINGS]]
            subjects.append(_typo(subjects[1], nom))
            groups.append({"part": part, "defect": defect, "product": product, "members": []})
            for k, subject in enumerate(subjects):
                rows.append((len(groups) - 1, subject, "%s %s. %s" % (
                    PREFIXES[(part + k) % len(PREFIXES)], subject, SUFFIXES[(defect + k) % len(SUFFIXES)]),
                    product))
    for index, subject, description, product in rows:
        cr.execute("""
            INSERT INTO crm_complaint (name, subject, description, product_id, stage_id, company_id, severity,
                                       channel, is_escalated, is_closed, create_uid, write_uid, create_date,
                                       write_date)
            VALUES ('BENCH-G', %s, %s, %s, %s, %s, 'normal', 'email', false, false, 1, 1, now(), now())
            RETURNING id
        """, (subject, description, product, stage, company))
        groups[index]["members"].append(cr.fetchone()[0])
    cr.execute("CREATE INDEX crm_complaint_search_vector_idx ON crm_complaint USING gin (search_vector)")
    cr.execute("ANALYZE crm_complaint")
    cr.execute("ANALYZE crm_complaint_word")
    return groups


def _queries(groups):
    """One query per group (spread over all groups): the query-only wording, every other one typo'd."""
    step = max(1, len(groups) // QUERIES)
    queries = []
    for i, group in enumerate(groups[::step][:QUERIES]):
        nom, dat = PARTS[group["part"]]
        text = DEFECTS[group["defect"]][WORDINGS].format(n=nom, d=dat)
        if i % 2:
            text = _typo(text, nom)
        queries.append((text, group))
    return queries


def _naive(env, text, product_id, limit=10):
    """The usual first attempt: ILIKE per keyword over subject and description, most keywords first."""
    words = [w for w in re.findall(r"\w+", text.lower()) if len(w) > 3 and w not in STOPWORDS][:8]
    if not words:
        return []
    matches = " + ".join(["(CASE WHEN c.description ILIKE %s THEN 1 ELSE 0 END)"] * len(words))
    where = " OR ".join(["c.description ILIKE %s"] * len(words))
    patterns = ["%%%s%%" % w for w in words]
    env.cr.execute("""
        SELECT c.id FROM crm_complaint c WHERE {where}
        ORDER BY ({matches}) + CASE WHEN c.product_id = %s THEN 1 ELSE 0 END DESC, c.id DESC LIMIT %s
    """.format(where=where, matches=matches), patterns + patterns + [product_id, limit])
    return [row[0] for row in env.cr.fetchall()]


def _measure(func, queries):
    samples, recalls = [], []
    for text, group in queries:
        t0 = time.perf_counter()
        ids = func(text, group["product"])
        samples.append((time.perf_counter() - t0) * 1000)
        recalls.append(len(set(ids[:5]) & set(group["members"])) / float(len(group["members"])))
    return p95(samples), sum(recalls) / len(recalls)


def benchmarks(env):
    t0 = time.perf_counter()
    groups = _load(env)
    load_s = time.perf_counter() - t0
    Complaint = env["crm.complaint"]
    queries = _queries(groups)
    for text, group in queries:  # one warm-up pass for both sides: both measured with warm caches
        Complaint.find_similar(text, group["product"])
        _naive(env, text, group["product"])

    def ours(text, product_id):
        return [hit["id"] for hit in Complaint.find_similar(text, product_id, limit=10)]

    def naive(text, product_id):
        return _naive(env, text, product_id)

    ours_p95, ours_recall = _measure(ours, queries)
    naive_p95, naive_recall = _measure(naive, queries)
    yield Result("crm_complaints find_similar p95 (%d complaints, %d queries)" % (COMPLAINTS, len(queries)),
                 ours_p95, naive_p95,
                 "recall@5 ours %.2f vs naive ILIKE %.2f; %d groups of %d near duplicates; load %.0f s" % (
                     ours_recall, naive_recall, len(groups), GROUP_SIZE, load_s))
    yield early_warning(env, queries)


def _early_warning_naive(env, complaint, days=30, count=3):
    since = (datetime.utcnow() - timedelta(days=days)).strftime("%Y-%m-%d %H:%M:%S")
    words = set(re.findall(r"\w{4,}", complaint.subject.lower()))
    recent = env["crm.complaint"].search_read([("product_id", "=", complaint.product_id.id),
                                               ("create_date", ">=", since), ("id", "!=", complaint.id)],
                                              ["subject", "description"])
    similar = [row for row in recent
               if len(words & set(re.findall(r"\w{4,}", (row["subject"] or "").lower()))) >= 2]
    return len(similar) + 1 >= count


def early_warning(env, queries):
    """p95 of the early-warning check for new complaints about the products of known groups (the decision:
    join which warning, or open one), vs a naive check over the product's recent complaints; the note adds
    the p95 of the whole save hook, with opening or joining the warning (its message, the manager's task)."""
    Complaint, warning = env["crm.complaint"], env["crm.complaint.early.warning"]
    new = [Complaint.create({"subject": text, "product_id": group["product"]}) for text, group in queries[:20]]
    ours, naive, acting = [], [], []
    for complaint in new:
        t0 = time.perf_counter()
        warning._match_complaint(complaint)
        ours.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        _early_warning_naive(env, complaint)
        naive.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        warning.check_complaint(complaint)
        acting.append((time.perf_counter() - t0) * 1000)
    opened = env["crm.complaint.suggestion"].search_count([("kind", "=", "early_warning")])
    return Result("crm_complaints early_warning check p95 (%d complaints)" % COMPLAINTS, p95(ours), p95(naive),
                  "%d new complaints checked; %d early warnings open; with opening or joining the warning "
                  "p95 %.1f ms" % (len(new), opened, p95(acting)))
