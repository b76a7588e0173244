"""Check the add-ons' external Python imports: pylint-odoo's missing-import-error and missing-manifest-dependency.

Both checks belong to OCA's mandatory set for 11.0; pylint-odoo 8.0 dropped them, so this keeps them, with the
same rules: a module-level import of a library Odoo 11 does not ship must be guarded by ``try/except ImportError``
(missing-import-error) and named in the manifest's ``external_dependencies['python']``
(missing-manifest-dependency). Like pylint, it reads the add-on's Python packages only (a stand-alone script in a
folder without __init__.py is not loaded by Odoo); files under tests/ are exempt (they run only where the module
is installed).
``# pylint: disable=<check>`` on the import line silences one finding.

Usage: python scripts/lint_external_imports.py ADDON_DIR...   (exit 1 when something is found)"""
import ast
import os
import re
import sys

# Libraries every Odoo 11 installation has (pylint-odoo's list for Odoo <= 11.0, 7.x: DFLT_IMPORT_NAME_WHITELIST).
ODOO_LIBRARIES = {
    "odoo", "openerp", "PIL", "PyPDF2", "anybox", "argparse", "babel", "chardet", "dateutil", "decorator",
    "docutils", "faces", "feedparser", "gdata", "gevent", "greenlet", "jcconv", "jinja2", "ldap", "lxml", "mako",
    "markupsafe", "mock", "odf", "ofxparse", "openid", "passlib", "pkg_resources", "psutil", "psycogreen",
    "psycopg2", "pyPdf", "pychart", "pydot", "pyparsing", "pytz", "qrcode", "reportlab", "requests", "serial",
    "simplejson", "six", "suds", "unittest2", "urllib3", "usb", "vatnumber", "vobject", "werkzeug", "wsgiref",
    "xlrd", "xlsxwriter", "xlwt", "yaml", "openupgradelib",
}
DISABLE = re.compile(r"#\s*pylint:\s*disable=([\w\-, ]+)")


def external_imports(tree):
    """(line, dotted name) of each module-level absolute import outside the standard library and Odoo's own."""
    for node in tree.body:
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names = [node.module]
        else:
            continue  # relative imports, and imports nested in try/if/def (guarded or lazy)
        for name in names:
            top = name.split(".")[0]
            if top not in sys.stdlib_module_names and top not in ODOO_LIBRARIES:
                yield node.lineno, name


def check_addon(addon_dir):
    with open(os.path.join(addon_dir, "__manifest__.py")) as f:
        manifest = ast.literal_eval(f.read())
    declared = (manifest.get("external_dependencies") or {}).get("python") or []
    findings = []
    for folder, dirs, files in os.walk(addon_dir):
        # what pylint visits: the add-on's Python packages (folders with an __init__.py), tests/ aside
        dirs[:] = sorted(d for d in dirs if d not in ("tests", "migrations")
                         and os.path.exists(os.path.join(folder, d, "__init__.py")))
        for name in sorted(f for f in files if f.endswith(".py")):
            path = os.path.join(folder, name)
            with open(path) as f:
                source = f.read()
            lines = source.splitlines()
            for lineno, module in external_imports(ast.parse(source, path)):
                match = DISABLE.search(lines[lineno - 1])
                silenced = {m.strip() for m in match.group(1).split(",")} if match else set()
                if "missing-import-error" not in silenced:
                    findings.append("%s:%d: missing-import-error: import %r outside try/except ImportError "
                                    "(Odoo 11 does not ship it)" % (path, lineno, module))
                in_manifest = module in declared or module.split(".")[0] in declared \
                    or any(dep in module for dep in declared)
                if not in_manifest and "missing-manifest-dependency" not in silenced:
                    findings.append("%s:%d: missing-manifest-dependency: %r is not in the manifest's "
                                    "external_dependencies['python']" % (path, lineno, module))
    return findings


def main(addon_dirs):
    findings = [line for addon_dir in addon_dirs for line in check_addon(addon_dir)]
    for line in findings:
        print(line)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]) if sys.argv[1:] else __doc__)
