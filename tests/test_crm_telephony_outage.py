"""While PostgreSQL is down, a telephone system gets 503 with Retry-After, which it retries, instead of Odoo's
404, which it would not: the request our webhooks get from the post_load patch (controllers/raw_body.py),
driven without a server, PostgreSQL's answer faked."""
from contextlib import contextmanager

import psycopg2
import pytest
from werkzeug.exceptions import NotFound
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from fakes.addon_module import load

raw_body = load("crm_telephony", "controllers/raw_body.py")


def webhook_request():
    """The request of a PBX event as Odoo's request factory makes it once the module is loaded, without db."""
    from odoo import http

    httprequest = Request(EnvironBuilder(path="/crm_telephony/events", method="POST", data=b"{}",
                                         content_type="application/json").get_environ())
    httprequest.session = http.OpenERPSession({}, "0" * 40, True)
    raw_body.read_bounded_body(httprequest)
    return raw_body.WebhookRequest(httprequest)


class Cursor:
    def execute(self, query):
        assert query == "SELECT 1"

    def close(self):
        pass


@contextmanager
def postgresql(monkeypatch, up):
    def db_connect(name):
        if not up:
            raise psycopg2.OperationalError("could not connect to server: No such file or directory")
        return type("Db", (), {"cursor": lambda self: Cursor()})()
    with monkeypatch.context() as patch:
        patch.setattr(raw_body.sql_db, "db_connect", db_connect)
        yield


def test_with_postgresql_stopped_the_missing_route_is_an_outage_to_retry(monkeypatch):
    """Odoo finds no registry, so no route, and answers NotFound through the request: 503 instead."""
    request = webhook_request()
    with postgresql(monkeypatch, up=False):
        response = request._handle_exception(NotFound())
    assert response.status_code == 503
    assert response.headers["Retry-After"] == str(raw_body.RETRY_AFTER)
    assert response.get_data(as_text=True).startswith("Database unavailable")


def test_with_postgresql_up_a_wrong_path_stays_404(monkeypatch):
    request = webhook_request()
    with postgresql(monkeypatch, up=True):
        response = request._handle_exception(NotFound())
    assert response.code == 404


def test_postgresql_lost_during_the_request_answers_503():
    response = raw_body.DatabaseUnavailable().get_response()
    assert (response.status_code, response.headers["Retry-After"]) == (503, str(raw_body.RETRY_AFTER))


def test_a_body_over_64_kb_is_refused_before_it_is_parsed():
    httprequest = Request(EnvironBuilder(path="/crm_telephony/events", method="POST",
                                         data=b"a=1&" * 20000).get_environ())
    with pytest.raises(raw_body.BodyTooLarge):
        raw_body.read_bounded_body(httprequest)
    assert "form" not in httprequest.__dict__, "the form was not parsed"
