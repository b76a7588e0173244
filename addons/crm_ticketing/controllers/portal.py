# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer's service tickets under "My account": list, ticket, photos, new request, rating."""
from collections import OrderedDict

from odoo import _, http
from odoo.http import request

from odoo.addons.crm_complaints.controllers.portal import CrmCustomerPortal

RATINGS = (10, 5, 1)  # Odoo's smileys: satisfied, not satisfied, highly dissatisfied
MAX_FEEDBACK = 2000


class CrmTicketPortal(CrmCustomerPortal):
    """Tickets use the pages every customer case shares (crm_complaints' portal controller); a closed
    ticket can be rated once by each contact of the customer."""

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        values["crm_ticket_count"] = self._crm_portal_count("crm.ticket")
        return values

    @http.route(["/my/tickets", "/my/tickets/page/<int:page>"], type="http", auth="user", website=True)
    def crm_portal_my_tickets(self, page=1, sortby=None, **kw):
        sortings = OrderedDict([
            ("date", {"label": _("Newest"), "order": "create_date desc, id desc"}),
            ("name", {"label": _("Reference"), "order": "name desc, id desc"}),
            ("stage", {"label": _("Stage"), "order": "stage_id, id desc"}),
            ("deadline", {"label": _("Next deadline"), "order": "next_deadline, id desc"}),
        ])
        return self._crm_portal_list("crm.ticket", "/my/tickets", "crm_ticketing.portal_my_tickets", sortings,
                                     page, sortby, "crm_ticket")

    @http.route(["/my/ticket/<int:record_id>"], type="http", auth="user", website=True)
    def crm_portal_my_ticket(self, record_id, **kw):
        return self._crm_portal_page("crm.ticket", record_id, "crm_ticketing.portal_my_ticket", "crm_ticket", kw,
                                     extra_values=self._crm_rating_values)

    @http.route(["/my/ticket/<int:record_id>/upload"], type="http", auth="user", methods=["POST"], website=True)
    def crm_portal_ticket_upload(self, record_id, message="", **kw):
        return self._crm_portal_upload("crm.ticket", record_id, message)

    @http.route(["/my/ticket/<int:record_id>/rating"], type="http", auth="user", methods=["POST"], website=True)
    def crm_portal_ticket_rating(self, record_id, rate=None, feedback="", **kw):
        """Rate a closed ticket with Odoo's rating: the rating lands on the ticket, in the history and the
        customer's evaluation."""
        ticket = self._crm_portal_record("crm.ticket", record_id)
        if ticket is None:
            return request.not_found()
        rating = self._crm_rating_values(ticket)
        rate = int(rate) if rate in [str(value) for value in RATINGS] else None
        if not rating["can_rate"] or rate is None:
            request.session["crm_portal_errors"] = [
                _("Choose one of the faces to rate.") if rating["can_rate"] else
                _("Only a finished ticket can be rated, once.")]
            return request.redirect(ticket.portal_url)
        token = ticket._portal_rating(request.env.user.partner_id).access_token
        ticket.sudo().rating_apply(rate, token=token, feedback=(feedback or "").strip()[:MAX_FEEDBACK] or None)
        return request.redirect("%s?notice=rated" % ticket.portal_url)

    @http.route(["/my/tickets/new"], type="http", auth="user", methods=["GET", "POST"], website=True)
    def crm_portal_new_ticket(self, **post):
        types = request.env["crm.ticket.type"].sudo().search([
            "|", ("company_id", "=", False), ("company_id", "=", request.env.user.company_id.id)])
        extra = {"ticket_types": types}
        if request.httprequest.method != "POST":
            return self._crm_portal_form("crm_ticketing.portal_new_ticket", post, [], extra)
        texts, files, errors = self._crm_portal_read_form(post, [("title", _("Subject")),
                                                                 ("description", _("What is the matter?"))])
        type_id = texts.get("type_id")
        ticket_type = types.filtered(lambda t: str(t.id) == type_id)
        if type_id and not ticket_type:
            errors.append(_("Choose one of the listed kinds of service."))
        values = dict(self._crm_portal_customer_values(), title=texts.get("title", ""),
                      description=texts.get("description", ""), equipment=texts.get("equipment") or False,
                      type_id=ticket_type.id or False, team_id=ticket_type.team_id.id or False, user_id=False)
        return self._crm_portal_submit("crm.ticket", values, files, errors, "crm_ticketing.portal_new_ticket",
                                       post, extra)

    def _crm_rating_values(self, ticket):
        """Whether the portal user may still rate the ticket, and their rating if given."""
        partner = request.env.user.partner_id
        given = ticket.sudo().rating_ids.filtered(lambda r: r.consumed and r.partner_id == partner)[:1]
        return {"can_rate": bool(ticket.is_closed and not given), "my_rating": given}
