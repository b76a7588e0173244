"""German translations of the add-ons.

  python scripts/i18n.py export DB MODULE...  write i18n/MODULE.pot from Odoo and merge it into i18n/de.po
                                               (new strings come in untranslated, vanished ones go)
  python scripts/i18n.py check                 fail when a de.po has an untranslated or fuzzy entry
"""
import os
import subprocess
import sys

import polib

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


def check():
    bad = []
    for module in sorted(os.listdir(ADDONS)):
        po_path = os.path.join(ADDONS, module, "i18n", "de.po")
        if not os.path.exists(os.path.join(ADDONS, module, "__manifest__.py")):
            continue
        if not os.path.exists(po_path):
            bad.append("%s: no i18n/de.po" % module)
            continue
        for entry in polib.pofile(po_path):
            if not entry.msgstr or "fuzzy" in entry.flags:
                bad.append("%s: untranslated %r" % (module, entry.msgid[:70]))
    for line in bad:
        print(line)
    return 1 if bad else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["export"]:
        export(sys.argv[2], sys.argv[3:])
    elif sys.argv[1:2] == ["check"]:
        sys.exit(check())
    else:
        sys.exit(__doc__)
