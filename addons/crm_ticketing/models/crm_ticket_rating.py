# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer's rating of a closed ticket: on the ticket, in the contact history, in the evaluation."""
from odoo import _, api, fields, models

RATING_SOURCE = 29
BAD_RATING = 5  # Odoo's smileys give 1, 5 or 10: "not satisfied" and worse is bad
RATING_DAYS = 90


class CrmTicket(models.Model):
    """Rated with Odoo's rating (the e-mail link /rating/<token>/<score> or the portal's buttons); a new
    rating re-evaluates the customer."""

    _name = "crm.ticket"
    _inherit = ["crm.ticket", "rating.mixin"]

    rating_text = fields.Selection(related="rating_ids.rating_text", string="Customer Rating", readonly=True)

    @api.multi
    def rating_apply(self, rate, token=None, feedback=None, subtype=None):
        rating = super(CrmTicket, self.with_context(crm_rating_message=True)).rating_apply(
            rate, token=token, feedback=feedback, subtype=subtype)
        self.mapped("commercial_partner_id")._crm_evaluate_events()
        return rating

    @api.multi
    def message_post(self, *args, **kwargs):
        """The message Odoo's rating posts stays in the ticket's chatter; the contact history shows the
        rating once, as its own row (kind "Service rating")."""
        if self.env.context.get("crm_rating_message"):
            kwargs.setdefault("history_partner_id", False)
        return super().message_post(*args, **kwargs)

    def _portal_rating(self, partner):
        """The rating this customer's contact gives, created on first use (its token rates the ticket)."""
        self.ensure_one()
        token = self.sudo().rating_get_access_token(partner)
        return self.env["rating.rating"].sudo().search([("access_token", "=", token)], limit=1)


class CrmContactHistory(models.Model):
    """Ratings of tickets in the contact history (kind "rating"), dated when the customer rated."""

    _inherit = "crm.contact.history"

    kind = fields.Selection(selection_add=[("rating", "Service rating")])

    @api.model
    def _history_sources(self):
        sources = super()._history_sources()
        sources["rating"] = self._source_ratings()
        return sources

    @api.model
    def _source_ratings(self):
        return self._history_source(
            RATING_SOURCE, """rating_rating src
                              JOIN crm_ticket ticket ON ticket.id = src.res_id
                              WHERE src.res_model = 'crm.ticket' AND src.consumed
                                AND ticket.commercial_partner_id IS NOT NULL""",
            partner_id="ticket.commercial_partner_id", contact_id="coalesce(src.partner_id, ticket.partner_id)",
            date="src.write_date", kind="'rating'", name="ticket.name || coalesce(' ' || ticket.title, '')",
            body="coalesce(src.feedback, '')", user_id="ticket.user_id", res_model="'crm.ticket'",
            res_id="ticket.id", state="src.rating_text", company_id="ticket.company_id")


class CrmCustomerEvaluationRun(models.AbstractModel):
    """Bad ratings are the customer's sentiment too: their share of the last 90 days' ratings lowers the
    'sentiment' component; any bad rating is a risk reason."""

    _inherit = "crm.customer.evaluation.run"

    @api.model
    def _signal_queries(self):
        return super()._signal_queries() + ["""
            SELECT r.id, 'sentiment', rated.bad::float / rated.total,
                   CASE WHEN rated.bad > 0 THEN json_build_object(
                       'code', 'bad_ratings', 'count', rated.bad, 'days', %(rating_days)s, 'severity', 1) END
            FROM {run} r JOIN (
                SELECT ticket.commercial_partner_id AS id, count(*) AS total,
                       count(*) FILTER (WHERE rating.rating <= %(bad_rating)s) AS bad
                FROM rating_rating rating JOIN crm_ticket ticket ON ticket.id = rating.res_id
                WHERE rating.res_model = 'crm.ticket' AND rating.consumed AND rating.rating > 0
                  AND rating.write_date >= %(today)s::date - %(rating_days)s
                  AND ticket.commercial_partner_id IN (SELECT id FROM {run})
                GROUP BY ticket.commercial_partner_id
            ) rated ON rated.id = r.id"""]

    @api.model
    def _parameters(self):
        return dict(super()._parameters(), rating_days=RATING_DAYS, bad_rating=BAD_RATING)


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _crm_risk_reason_text(self, reason):
        if reason.get("code") == "bad_ratings":
            return _("%(count)d bad service ratings in %(days)d days") % reason
        return super()._crm_risk_reason_text(reason)
