# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Requests to our webhooks keep their raw body: the one patch of Odoo's HTTP layer, installed by post_load.

The same patch refuses a body over 64 KB before anything reads or parses it (413), answers 503 with
Retry-After instead of Odoo's 404 or 500 when the database cannot be reached, as telephone systems retry
5xx, and keeps the webhooks' sessions out of the session store."""
import logging
import time
from contextlib import closing

import psycopg2
from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.wrappers import Response

from odoo import http, sql_db

_logger = logging.getLogger(__name__)

PREFIX = "/crm_telephony/"
MAX_BODY = 64 * 1024
RETRY_AFTER = 60  # seconds
# What is still read (and dropped) of a refused body so the sender gets the 413 rather than a reset connection
DRAIN_LIMIT = 16 * 1024 * 1024
DRAIN_SECONDS = 0.2
DRAIN_CHUNK = 1024 * 1024


def text_response(status, text, **headers):
    """A plain-text answer for the telephone system's log."""
    return Response(text + "\n", status=status, headers=headers, content_type="text/plain; charset=utf-8")


class BodyTooLarge(HTTPException):
    """413 before the body is read (with Content-Length) or as soon as it passes MAX_BODY (without)."""

    code = 413

    def get_response(self, environ=None):
        return text_response(413, "Request body larger than 64 KB")


class DatabaseUnavailable(HTTPException):
    """503 with Retry-After: PostgreSQL went away while the request ran."""

    code = 503

    def get_response(self, environ=None):
        return outage_response()


def database_unreachable():
    """True when PostgreSQL does not answer at all: an outage the sender should retry, not a wrong path."""
    try:
        with closing(sql_db.db_connect("postgres").cursor()) as cr:
            cr.execute("SELECT 1")
    except psycopg2.Error:
        return True
    return False


def outage_response():
    return text_response(503, "Database unavailable, please retry", **{"Retry-After": str(RETRY_AFTER)})


class UnsavedSession(http.OpenERPSession):
    """The session of a telephone system's request: never written to the session store. Odoo 11 writes
    a new session file for every request without a session cookie (the routes' `save_session=False` is
    Odoo 12's), which for a switchboard is a file per event and a session directory whose clean-up (Odoo
    lists and stats every file at one request in a thousand) takes seconds."""

    should_save = False


class WebhookRequest(http.HttpRequest):
    """Odoo's HttpRequest for our webhooks: the raw body read once, bounded, and a session that is not
    saved; when Odoo finds no database for the path (PostgreSQL stopped: no registry, no route), 503 with
    Retry-After instead of 404."""

    def __init__(self, httprequest):
        super().__init__(httprequest)
        if type(httprequest.session) is http.OpenERPSession:  # pylint: disable=unidiomatic-typecheck
            httprequest.session.__class__ = UnsavedSession

    def _handle_exception(self, exception):
        if isinstance(exception, NotFound) and database_unreachable():
            _logger.warning("%s: database unreachable, answered 503", self.httprequest.path)
            return outage_response()
        return super()._handle_exception(exception)


def read_bounded_body(httprequest):
    """Read the body once, at most MAX_BODY bytes, and keep it as the request's data (Odoo then parses
    the form from these bytes); BodyTooLarge when there is more, announced or not."""
    length = httprequest.content_length
    if length is not None and length > MAX_BODY:
        if length <= DRAIN_LIMIT:
            discard_rest(httprequest.stream)
        raise BodyTooLarge()
    data = httprequest.stream.read(MAX_BODY + 1)
    if len(data) > MAX_BODY:
        discard_rest(httprequest.stream)
        raise BodyTooLarge()
    httprequest._cached_data = data  # what werkzeug's get_data(cache=True) keeps and the form parser reads


def discard_rest(stream):
    """Read and drop what the sender is still sending, unparsed, so that it reads our 413 instead of a reset
    connection; at most DRAIN_LIMIT bytes for at most DRAIN_SECONDS, then the connection is cut."""
    deadline = time.monotonic() + DRAIN_SECONDS
    drained = 0
    while drained < DRAIN_LIMIT and time.monotonic() < deadline:
        chunk = stream.read(DRAIN_CHUNK)
        if not chunk:
            return
        drained += len(chunk)


def _keeping_raw_body(get_request):
    """`Root.get_request` for our webhooks: plain HTTP whatever their content type. Odoo would treat a
    JSON body (3CX, PBX scripts) as JSON-RPC and parse form bodies of any size before the route runs; the
    raw bytes (at most MAX_BODY) are kept so signatures are checked on exactly what was sent. Every other
    path goes to Odoo's own `get_request`."""

    def get_request_keeping_raw_body(self, httprequest):
        if not httprequest.path.startswith(PREFIX):
            return get_request(self, httprequest)
        read_bounded_body(httprequest)
        return WebhookRequest(httprequest)

    get_request_keeping_raw_body.crm_telephony_original = get_request
    return get_request_keeping_raw_body


def _answering_outages(dispatch):
    """`Root.dispatch` for our webhooks: when PostgreSQL goes away while Odoo 11 checks its registry, before
    any route runs, closing that cursor raises psycopg2.InterfaceError, which Odoo does not catch there (a
    500 for the sender). The sender gets 503 with Retry-After, as for every other outage."""

    def dispatch_answering_outages(self, environ, start_response):
        if not environ.get("PATH_INFO", "").startswith(PREFIX):
            return dispatch(self, environ, start_response)
        try:
            return dispatch(self, environ, start_response)
        except psycopg2.Error as error:
            _logger.warning("%s: database lost before the route (%s), answered 503", environ.get("PATH_INFO"),
                            type(error).__name__)
            return outage_response()(environ, start_response)

    dispatch_answering_outages.crm_telephony_original = dispatch
    return dispatch_answering_outages


def install():
    """Wrap `odoo.http.Root.get_request` and `Root.dispatch` once per process (a second call changes
    nothing); both leave every path outside PREFIX to Odoo."""
    if hasattr(http.Root.get_request, "crm_telephony_original"):
        return
    http.Root.get_request = _keeping_raw_body(http.Root.get_request)
    http.Root.dispatch = _answering_outages(http.Root.dispatch)
    _logger.info("crm_telephony: requests to %s keep their raw body and answer outages with 503 "
                 "(odoo.http.Root.get_request and dispatch wrapped)", PREFIX)
