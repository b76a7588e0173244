"""The strings an add-on shows, read from its source without a database, as (msgid, po reference) pairs.

Read the way Odoo 11's export reads them (odoo.tools.translate.trans_generate): `_()` in Python, `_t()`/`_lt()`
in static/src/js, QWeb in static/src/xml, view and template arches through xml_translate, and the fields' labels,
helps and selection labels as `model:ir.model.fields,...` / `selection:model,field` references. A field an add-on
only redefines (it exists in an add-on it depends on) is that add-on's to translate, as in Odoo.
"""
import ast
import fnmatch
import os
import re

from babel.messages import extract
from lxml import etree

from odoo.tools.translate import html_translate, xml_translate

FIELD_LABEL_POSITION = {"Many2one": 1, "One2many": 2, "Many2many": 4, "Selection": 1, "Reference": 1}
RECORD_TERMS = {  # translatable fields of data records our add-ons write
    "ir.actions.act_window": ("name", "help"), "ir.actions.server": ("name",), "ir.actions.report": ("name",),
    "res.groups": ("name", "comment"), "ir.module.category": ("name", "description"),
    "mail.activity.type": ("name", "summary"), "mail.message.subtype": ("name", "description"),
    "mail.template": ("subject", "body_html"), "ir.ui.menu": ("name",),
    "mail.shortcode": ("substitution", "description"),  # translatable by crm_complaints
}
HTML_TERMS = {"help"}  # translated block by block (html_translate); a mail body is translated whole
MAGIC_FIELDS = ("id", "create_uid", "create_date", "write_uid", "write_date", "display_name", "__last_update")
# records that make a record of another model with an xml id of their own (Odoo's _inherits and crons)
AUTO_XMLIDS = {"product.product": ("product_template",), "ir.cron": ("ir_actions_server",),
               "res.users": ("res_partner",), "res.company": ("res_partner",)}


def keep(term):
    """Odoo skips empty and one-letter terms (push_translation)."""
    try:
        term = etree.tostring(etree.fromstring("<div>%s</div>" % term.strip()), encoding="unicode", method="text")
    except etree.ParseError:
        pass
    return len(re.sub(r"\W+", "", term or "")) > 1


def addon_files(addon_dir, pattern, below=""):
    for folder, dirs, files in os.walk(os.path.join(addon_dir, below)):
        dirs.sort()
        for name in sorted(fnmatch.filter(files, pattern)):
            path = os.path.join(folder, name)
            yield path, os.path.relpath(path, addon_dir)


# ------------------------------------------------------------------ code: Python, JavaScript, QWeb

def code_terms(addon_dir, module):
    """{(msgid, 'code:addons/MODULE/path')} of `_()` calls, `_t()` in JS and the QWeb of static/src/xml."""
    terms = set()
    sources = [(path, rel, "python", {"_": None}) for path, rel in addon_files(addon_dir, "*.py")]
    sources += [(path, rel, "javascript", {"_t": None, "_lt": None})
                for path, rel in addon_files(addon_dir, "*.js", "static/src/js")]
    sources += [(path, rel, "odoo.tools.translate:babel_extract_qweb", {})
                for path, rel in addon_files(addon_dir, "*.xml", "static/src/xml")]
    for path, rel, method, keywords in sources:
        with open(path, "rb") as source:
            for found in extract.extract(method, source, keywords=keywords):
                message = found[1]
                if isinstance(message, str) and keep(message):
                    terms.add((message, "code:addons/%s/%s" % (module, rel)))
    return terms


# ------------------------------------------------------------------ data files: views, templates, records

def data_files(addon_dir, manifest):
    for key in ("data", "demo"):
        for rel in manifest.get(key) or []:
            if rel.endswith(".xml"):
                yield os.path.join(addon_dir, rel)


def _xmlid(module, xml_id):
    return xml_id if "." in xml_id else "%s.%s" % (module, xml_id)


def data_terms(addon_dir, module, manifest):
    """({(msgid, reference)} of views, templates, menus and records, {xml ids the data files define})."""
    terms, ids = set(), set()
    for path in data_files(addon_dir, manifest):
        root = etree.parse(path).getroot()
        for node in root.iter("record", "template", "menuitem", "report", "act_window"):
            if not node.get("id"):
                continue
            xml_id = _xmlid(module, node.get("id"))
            ids.add(xml_id)
            ids |= {"%s_%s" % (xml_id, suffix) for suffix in AUTO_XMLIDS.get(node.get("model"), ())}
            if node.tag == "template":
                arch = etree.Element("t")
                arch.text, arch[:] = node.text, list(node)
                terms |= _arch_terms(etree.tostring(arch, encoding="unicode"), xml_id)
            elif node.tag == "menuitem" and node.get("name"):
                terms.add((node.get("name"), "model:ir.ui.menu,name:" + xml_id))
            elif node.tag == "record" and node.get("model") == "ir.ui.view":
                for field in node.iterfind("field[@name='arch']"):
                    arch = etree.Element("t")
                    arch.text, arch[:] = field.text, [etree.fromstring(etree.tostring(c)) for c in field]
                    terms |= _arch_terms(etree.tostring(arch, encoding="unicode"), xml_id)
            elif node.tag == "record":
                for name in RECORD_TERMS.get(node.get("model"), ()):
                    for field in node.iterfind("field[@name='%s']" % name):
                        value = (field.text or "") if not len(field) else \
                            (field.text or "") + "".join(etree.tostring(c, encoding="unicode") for c in field)
                        if not value.strip() or field.get("eval") or field.get("ref"):
                            continue
                        found = []
                        if name in HTML_TERMS:
                            html_translate(lambda term: found.append(term), value)
                        else:
                            found.append(value.strip())
                        terms |= {(term, "model:%s,%s:%s" % (node.get("model"), name, xml_id))
                                  for term in found if keep(term)}
    return terms, ids


def _arch_terms(arch, xml_id):
    found = []
    xml_translate(lambda term: found.append(term), arch)
    return {(term, "model:ir.ui.view,arch_db:" + xml_id) for term in found if keep(term)}


# ------------------------------------------------------------------ fields of the models

def _constants(tree):
    """Module-level NAME = literal assignments (selection lists are often kept there)."""
    constants = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                constants[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                pass
    return constants


def _literal(node, constants):
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    try:
        return ast.literal_eval(node)
    except ValueError:
        return None


def model_classes(addon_dir):
    """One dict per model class of the add-on: model, new (the class creates the model), parents (models it
    copies by _inherit under another name or delegates to by _inherits) and fields [(name, type, info)]."""
    found = []
    for path, rel in addon_files(addon_dir, "*.py"):
        if "/tests/" in "/" + rel or "/migrations/" in "/" + rel:
            continue
        with open(path, "rb") as source:
            tree = ast.parse(source.read(), path)
        constants = _constants(tree)
        for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
            attrs = {t.id: _literal(n.value, constants) for n in cls.body if isinstance(n, ast.Assign)
                     for t in n.targets if isinstance(t, ast.Name)
                     and t.id in ("_name", "_inherit", "_inherits", "_description")}
            inherit = attrs.get("_inherit") or []
            inherit = [inherit] if isinstance(inherit, str) else list(inherit)
            model = attrs.get("_name") or (inherit[0] if len(inherit) == 1 else None)
            if not isinstance(model, str):
                continue
            parents = [parent for parent in inherit if parent != model] + list(attrs.get("_inherits") or {})
            found.append({"model": model, "new": model not in inherit, "parents": parents,
                          "description": attrs.get("_description"),
                          "fields": [field for field in (_field_of(node, constants) for node in cls.body) if field]})
    return found


def model_fields(addon_dir):
    """[(model, field name, field type, {'string', 'help', 'selection', 'related'}, model is new here)]."""
    return [(cls["model"], name, kind, info, cls["new"])
            for cls in model_classes(addon_dir) for name, kind, info in cls["fields"]]


def _field_of(node, constants):
    if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
        return None
    call = node.value
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
            and isinstance(call.func.value, ast.Name) and call.func.value.id == "fields"):
        return None
    kind, name = call.func.attr, node.targets[0].id
    args = [_literal(arg, constants) for arg in call.args]
    info = {kw.arg: _literal(kw.value, constants) for kw in call.keywords if kw.arg}
    position = FIELD_LABEL_POSITION.get(kind, 0)
    if "string" not in info and len(args) > position and isinstance(args[position], str):
        info["string"] = args[position]
    if kind == "Selection" and "selection" not in info and args:
        info["selection"] = args[0]
    return name, kind, info


def default_label(name):
    """Odoo 11's label of a field without string."""
    base = name[:-4] if name.endswith("_ids") else name[:-3] if name.endswith("_id") else name
    return base.replace("_", " ").title()


def field_xmlid(module, model, name):
    return "%s.field_%s_%s" % (module, model.replace(".", "_"), name)


def field_terms(addon_dir, module, dependency_classes):
    """{(msgid, reference)} of the models the add-on creates and the fields it defines (label, help, selection
    labels), and
    {references that name a field of the add-on}, also where Odoo copies the field into models that inherit
    or delegate to its model. `dependency_classes`: model_classes() of every add-on it depends on."""
    classes = model_classes(addon_dir)
    inherited = {(cls["model"], name) for cls in dependency_classes for name, _kind, _info in cls["fields"]}
    children = {}
    for cls in dependency_classes + classes:
        for parent in cls["parents"]:
            children.setdefault(parent, set()).add(cls["model"])
    terms, refs = set(), set()
    for cls in classes:
        model, new = cls["model"], cls["new"]
        names = [name for name, _kind, _info in cls["fields"]] + (list(MAGIC_FIELDS) if new else [])
        for target in _with_children(model, children):
            for name in names:
                xmlid = field_xmlid(module, target, name)
                refs |= {"model:ir.model.fields,field_description:" + xmlid, "model:ir.model.fields,help:" + xmlid,
                         "selection:%s,%s" % (target, name)}
        if new and isinstance(cls["description"], str) and keep(cls["description"]):
            terms.add((cls["description"], "model:ir.model,name:%s.model_%s" % (module, model.replace(".", "_"))))
        for name, kind, info in cls["fields"]:
            if not new and (model, name) in inherited:
                continue
            xmlid = field_xmlid(module, model, name)
            label = info.get("string") or (None if info.get("related") else default_label(name))
            if isinstance(label, str) and keep(label):
                terms.add((label, "model:ir.model.fields,field_description:" + xmlid))
            if isinstance(info.get("help"), str) and keep(info["help"]):
                terms.add((info["help"], "model:ir.model.fields,help:" + xmlid))
            for item in info.get("selection") if isinstance(info.get("selection"), (list, tuple)) else ():
                if isinstance(item, (list, tuple)) and len(item) == 2 and isinstance(item[1], str) \
                        and keep(item[1]):
                    terms.add((item[1], "selection:%s,%s" % (model, name)))
    # a mixin of a dependency inherited here (crm_complaints' crm.sla.mixin into crm.ticket): its fields' ir.model
    # xml ids are the dependency's, but their selection labels are looked up by this add-on's model name
    own_children = {}
    for cls in classes:
        for parent in cls["parents"]:
            own_children.setdefault(parent, set()).add(cls["model"])
    for cls in dependency_classes:
        for target in own_children.get(cls["model"], ()):
            refs |= {"selection:%s,%s" % (target, name) for name, _kind, _info in cls["fields"]}
    return terms, refs


def _with_children(model, children):
    found, todo = set(), [model]
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo += sorted(children.get(current, ()))
    return found


def model_refs(addon_dir, module):
    """{references to the ir.model records of the add-on's models} (Odoo names inherited models too)."""
    models = set()
    for cls in model_classes(addon_dir):
        models |= {cls["model"]} | set(cls["parents"])
    return {"model:ir.model,name:%s.model_%s" % (module, model.replace(".", "_")) for model in models}
