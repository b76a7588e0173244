"""Plain-Python files of the add-ons (no Odoo, no database) imported by path, for tests outside Odoo."""
import importlib.util
import os

ADDONS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "addons")


def load(addon, relative_path):
    """The module at addons/<addon>/<relative_path>, e.g. load("crm_telephony", "models/phone_number.py")."""
    path = os.path.join(ADDONS, addon, relative_path)
    name = "%s_%s" % (addon, os.path.splitext(relative_path)[0].replace("/", "_"))
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
