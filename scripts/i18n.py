"""German translations of the add-ons.

  python scripts/i18n.py export DB MODULE...  write i18n/MODULE.pot from Odoo and merge it into i18n/de.po
                                               (new strings come in untranslated, vanished ones go)
  python scripts/i18n.py check [ADDONS_DIR]    fail when a string of an add-on is not translated in its de.po:
                                               an untranslated or fuzzy entry, an entry of the .pot missing, a
                                               string of the source (scripts/i18n_sources.py) missing or not
                                               linked to where it is shown, or a reference to nothing
"""
import ast
import os
import re
import subprocess
import sys

import polib

import i18n_sources

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDONS = os.path.join(ROOT, "addons")


def export(db, modules):
    for module in modules:
        i18n = os.path.join(ADDONS, module, "i18n")
        os.makedirs(i18n, exist_ok=True)
        pot_path = os.path.join(i18n, module + ".pot")
        tmp_path = pot_path[:-4] + ".tmp.po"  # Odoo writes a template when no language is given
        subprocess.run([os.path.join(ROOT, ".venv", "bin", "python"), os.path.join(ROOT, "scripts", "odoo-bin"),
                        "-c", os.path.join(ROOT, ".local", "odoo.conf"), "-d", db, "--log-level=warn",
                        "--i18n-export=" + tmp_path, "--modules=" + module, "--stop-after-init"], check=True)
        os.replace(tmp_path, pot_path)
        pot = polib.pofile(pot_path)
        po_path = os.path.join(i18n, "de.po")
        po = polib.pofile(po_path) if os.path.exists(po_path) else polib.POFile()
        po.metadata = dict(pot.metadata, Language="de", **{"Content-Type": "text/plain; charset=UTF-8"})
        po.merge(pot)
        po.obsolete_entries()
        for entry in po.obsolete_entries():
            po.remove(entry)
        po.save(po_path)
        missing = [e.msgid for e in po if not e.msgstr]
        print("%s: %d entries, %d untranslated" % (module, len(po), len(missing)))


def check(addons=ADDONS):
    bad = []
    for module in sorted(os.listdir(addons)):
        addon_dir = os.path.join(addons, module)
        if os.path.exists(os.path.join(addon_dir, "__manifest__.py")):
            bad += ["%s: %s" % (module, problem) for problem in check_module(addon_dir, module)]
    for line in bad:
        print(line)
    return 1 if bad else 0


def check_module(addon_dir, module):
    """The problems of one add-on's German translation."""
    po_path = os.path.join(addon_dir, "i18n", "de.po")
    pot_path = os.path.join(addon_dir, "i18n", module + ".pot")
    if not os.path.exists(po_path):
        return ["no i18n/de.po"]
    po = polib.pofile(po_path)
    problems = ["untranslated %r" % entry.msgid[:70] for entry in po if not entry.msgstr or "fuzzy" in entry.flags]
    linked = {}  # msgid: {reference without line}
    for entry in po:
        linked.setdefault(entry.msgid, set()).update(ref for ref, _line in entry.occurrences)
    expected = set()
    if os.path.exists(pot_path):
        expected |= {(entry.msgid, ref) for entry in polib.pofile(pot_path) for ref, _line in entry.occurrences}
    else:
        problems.append("no i18n/%s.pot" % module)
    manifest = _manifest(addon_dir)
    data, data_ids = i18n_sources.data_terms(addon_dir, module, manifest)
    fields, field_refs = i18n_sources.field_terms(addon_dir, module, _dependency_classes(manifest))
    expected |= i18n_sources.code_terms(addon_dir, module) | data | fields
    for msgid, ref in sorted(expected):
        if msgid not in linked:
            problems.append("untranslated %r (%s)" % (msgid[:70], ref))
        elif ref not in linked[msgid]:
            problems.append("%r is not linked to %s" % (msgid[:70], ref))
    known = field_refs | i18n_sources.model_refs(addon_dir, module)
    shown = {}  # reference: {msgid} of what the source shows there (views, labels, helps)
    for msgid, ref in data | fields:
        if ref.startswith(("model:ir.ui.view,", "model:ir.model.fields,")):
            shown.setdefault(ref, set()).add(msgid)
    for msgid, refs in sorted(linked.items()):
        for ref in sorted(refs):
            if not _exists(ref, addon_dir, module, known, data_ids):
                problems.append("%r is linked to %s, which does not exist" % (msgid[:70], ref))
            elif ref in shown and msgid not in shown[ref]:
                problems.append("%r is linked to %s, which shows something else" % (msgid[:70], ref))
    return problems


def _exists(ref, addon_dir, module, known, data_ids):
    """Whether a po reference names something of the add-on (references into other add-ons are theirs)."""
    if ref.startswith("code:addons/%s/" % module):
        return os.path.exists(os.path.join(addon_dir, ref[len("code:addons/%s/" % module):]))
    if ref.startswith(("model:ir.model.fields,", "model:ir.model,", "selection:")):
        # a field whose xml id another field took first gets its database id appended (ir.model.fields)
        return ref in known or re.sub(r"_\d+$", "", ref) in known \
            or ref.startswith("model:") and not ref.split(":")[-1].startswith(module + ".")
    if ref.startswith("model:"):
        xml_id = ref.split(":", 2)[2]
        return not xml_id.startswith(module + ".") or xml_id in data_ids
    return True


def _manifest(addon_dir):
    with open(os.path.join(addon_dir, "__manifest__.py")) as manifest:
        return ast.literal_eval(manifest.read())


def _addon_dirs():
    import odoo.addons
    return [ADDONS] + [path for path in odoo.addons.__path__ if os.path.isdir(path)]


def _dependency_classes(manifest):
    """i18n_sources.model_classes() of every add-on the manifest depends on, directly or not."""
    roots, seen, todo, classes = _addon_dirs(), set(), list(manifest.get("depends") or []), []
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        addon_dir = next((os.path.join(root, name) for root in roots
                          if os.path.exists(os.path.join(root, name, "__manifest__.py"))), None)
        if addon_dir:
            todo += _manifest(addon_dir).get("depends") or []
            classes += i18n_sources.model_classes(addon_dir)
    return classes


if __name__ == "__main__":
    if sys.argv[1:2] == ["export"]:
        export(sys.argv[2], sys.argv[3:])
    elif sys.argv[1:2] == ["check"]:
        sys.exit(check(*sys.argv[2:3]))
    else:
        sys.exit(__doc__)
