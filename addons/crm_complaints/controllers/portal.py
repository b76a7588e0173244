# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer's complaints under "My account", and the portal pages every customer case shares."""
from collections import OrderedDict

from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.tools import plaintext2html
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.portal.controllers.portal import CustomerPortal, get_records_pager, pager as portal_pager

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_UPLOADS = 5
UPLOAD_TYPES = ("image/jpeg", "image/png", "image/gif", "image/bmp", "application/pdf")
MAX_SUBJECT = 200
MAX_TEXT = 10000


class CrmCustomerPortal(CustomerPortal):
    """The pages of a customer's own cases: a sorted, paged list, one case with its public messages and
    photos, and a form for a new case. Lists and pages show only the cases of the user's commercial partner
    (the portal record rules say the same); a new case is created through the model's create, as superuser
    on behalf of the customer, so the usual planning and checks run."""

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        values["crm_complaint_count"] = self._crm_portal_count("crm.complaint")
        return values

    @http.route(["/my/complaints", "/my/complaints/page/<int:page>"], type="http", auth="user", website=True)
    def crm_portal_my_complaints(self, page=1, sortby=None, **kw):
        sortings = OrderedDict([
            ("date", {"label": _("Newest"), "order": "create_date desc, id desc"}),
            ("name", {"label": _("Reference"), "order": "name desc, id desc"}),
            ("stage", {"label": _("Stage"), "order": "stage_id, id desc"}),
        ])
        return self._crm_portal_list("crm.complaint", "/my/complaints", "crm_complaints.portal_my_complaints",
                                     sortings, page, sortby, "crm_complaint")

    @http.route(["/my/complaint/<int:record_id>"], type="http", auth="user", website=True)
    def crm_portal_my_complaint(self, record_id, **kw):
        return self._crm_portal_page("crm.complaint", record_id, "crm_complaints.portal_my_complaint",
                                     "crm_complaint", kw)

    @http.route(["/my/complaint/<int:record_id>/upload"], type="http", auth="user", methods=["POST"],
                website=True)
    def crm_portal_complaint_upload(self, record_id, message="", **kw):
        return self._crm_portal_upload("crm.complaint", record_id, message)

    @http.route(["/my/complaints/new"], type="http", auth="user", methods=["GET", "POST"], website=True)
    def crm_portal_new_complaint(self, **post):
        if request.httprequest.method != "POST":
            return self._crm_portal_form("crm_complaints.portal_new_complaint", post, [])
        texts, files, errors = self._crm_portal_read_form(post, [("subject", _("Subject")),
                                                                 ("description", _("What happened?"))])
        values = dict(self._crm_portal_customer_values(), subject=texts.get("subject", ""),
                      description=texts.get("description", ""), channel="web", user_id=False)
        return self._crm_portal_submit("crm.complaint", values, files, errors,
                                       "crm_complaints.portal_new_complaint", post)

    # the helpers the pages of every kind of case share
    def _crm_portal_domain(self):
        return [("commercial_partner_id", "=", request.env.user.partner_id.commercial_partner_id.id)]

    def _crm_portal_count(self, model):
        cases = request.env[model]
        if not cases.check_access_rights("read", raise_exception=False):
            return 0
        return cases.search_count(self._crm_portal_domain())

    def _crm_portal_list(self, model, url, template, sortings, page, sortby, page_name, extra_values=None):
        """One page of the customer's cases of `model`, sorted by one of `sortings` (the first by default)."""
        cases = request.env[model]
        domain = self._crm_portal_domain()
        if sortby not in sortings:
            sortby = next(iter(sortings))
        pager = portal_pager(url=url, url_args={"sortby": sortby}, total=cases.search_count(domain), page=page,
                             step=self._items_per_page)
        records = cases.search(domain, order=sortings[sortby]["order"], limit=self._items_per_page,
                               offset=pager["offset"])
        request.session["my_%s_history" % page_name] = records.ids[:100]
        values = self._prepare_portal_layout_values()
        values.update(extra_values or {})
        values.update({"records": records, "page_name": page_name, "pager": pager, "default_url": url,
                       "searchbar_sortings": sortings, "sortby": sortby})
        return request.render(template, values)

    def _crm_portal_record(self, model, record_id):
        """The customer's case, or None when it is not theirs or does not exist (the page answers 404)."""
        try:
            return request.env[model].search(self._crm_portal_domain() + [("id", "=", record_id)]) or None
        except (AccessError, MissingError):
            return None

    def _crm_portal_page(self, model, record_id, template, page_name, query, extra_values=None):
        record = self._crm_portal_record(model, record_id)
        if record is None:
            return request.not_found()
        values = self._prepare_portal_layout_values()
        values.update(get_records_pager(request.session.get("my_%s_history" % page_name, []), record))
        values.update(extra_values(record) if extra_values else {})
        values.update({"record": record, "page_name": page_name, "attachments": self._crm_public_attachments(record),
                       "notice": query.get("notice"), "errors": request.session.pop("crm_portal_errors", [])})
        return request.render(template, values)

    def _crm_public_attachments(self, record):
        """The files of the case's public messages (never those of internal notes)."""
        messages = request.env["mail.message"].search([
            ("model", "=", record._name), ("res_id", "=", record.id), ("message_type", "in", ("comment", "email")),
            ("subtype_id", "!=", False), ("subtype_id.internal", "=", False)])
        return messages.sudo().mapped("attachment_ids")

    def _crm_portal_upload(self, model, record_id, message):
        """Photos (and a line of text) from the customer as a message in the case's chatter."""
        record = self._crm_portal_record(model, record_id)
        if record is None:
            return request.not_found()
        files, errors = self._crm_portal_files()
        if not errors and not files:
            errors = [_("Choose at least one photo or PDF to send.")]
        if errors:
            request.session["crm_portal_errors"] = errors  # shown once by the page, never read from the URL
            return request.redirect(record.portal_url)
        self._crm_post_from_customer(record, message, files)
        return request.redirect("%s?notice=uploaded#discussion" % record.portal_url)

    def _crm_post_from_customer(self, record, message, files):
        """A comment by the portal user's contact, with the files attached (posted as superuser: portal users
        may not create attachments on documents they only read)."""
        body = plaintext2html((message or "").strip()[:MAX_TEXT]) if (message or "").strip() else ""
        if not body and files:
            body = plaintext2html(", ".join(name for name, _content in files))
        record.sudo().with_context(mail_create_nosubscribe=True).message_post(
            body=body, attachments=files, message_type="comment", subtype="mail.mt_comment",
            author_id=request.env.user.partner_id.id)

    def _crm_portal_files(self):
        """The uploaded photos and PDFs as (name, bytes), and the readable reasons of those refused."""
        files, errors = [], []
        uploads = [f for f in request.httprequest.files.getlist("attachments") if f.filename]
        if len(uploads) > MAX_UPLOADS:
            return [], [_("Send at most %d files at once.") % MAX_UPLOADS]
        for upload in uploads:
            content = upload.read(MAX_UPLOAD_BYTES + 1)
            if len(content) > MAX_UPLOAD_BYTES:
                errors.append(_("%s is larger than 10 MB.") % upload.filename)
            elif guess_mimetype(content) not in UPLOAD_TYPES:
                errors.append(_("%s is neither a photo nor a PDF.") % upload.filename)
            else:
                files.append((upload.filename, content))
        return files, errors

    def _crm_portal_read_form(self, post, required):
        """The typed texts stripped, the files read, and what is missing or wrong as readable sentences."""
        texts = {name: (value or "").strip() for name, value in post.items() if isinstance(value, str)}
        errors = [_("Please fill in: %s") % label for name, label in required if not texts.get(name)]
        subject = required[0][0]  # the first field is the subject: one line
        if len(texts.get(subject, "")) > MAX_SUBJECT:
            errors.append(_("The subject is longer than %d characters.") % MAX_SUBJECT)
        if any(len(text) > MAX_TEXT for text in texts.values()):
            errors.append(_("A text is longer than %d characters.") % MAX_TEXT)
        files, file_errors = self._crm_portal_files()
        return texts, files, errors + file_errors

    def _crm_portal_customer_values(self):
        """Who a new case is from: the user's customer (commercial partner) and the user as its contact."""
        user = request.env.user
        partner = user.partner_id
        return {"partner_id": partner.commercial_partner_id.id,
                "contact_id": partner.id if partner != partner.commercial_partner_id else False,
                "email_from": partner.email, "company_id": user.company_id.id}

    def _crm_portal_form(self, template, post, errors, extra_values=None):
        values = self._prepare_portal_layout_values()
        values.update(extra_values or {})
        values.update({"post": post, "errors": errors, "page_name": "new_case"})
        return request.render(template, values)

    def _crm_portal_submit(self, model, values, files, errors, template, post, extra_values=None):
        """Create the case through the model's create (its planning and checks run), as superuser for the
        customer, who follows it; on bad input or a refusal of the model, the form again with the reasons."""
        if not errors:
            try:
                with request.env.cr.savepoint():
                    record = request.env[model].sudo().with_context(mail_create_nosubscribe=True).create(values)
                    record.message_subscribe(partner_ids=request.env.user.partner_id.ids)  # told of our answers
                    if files:
                        self._crm_post_from_customer(record, "", files)
            except (UserError, ValidationError) as error:
                errors = [error.name]
        if errors:
            return self._crm_portal_form(template, post, errors, extra_values)
        return request.redirect("%s?notice=created" % record.portal_url)
