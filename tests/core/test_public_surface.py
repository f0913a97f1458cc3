"""Every route either turns a signed-out visitor away or is a reviewed public endpoint.

Each rule of the app's url_map is requested anonymously with every method it takes; the
answer must be the login redirect, 401, 403, 404 or 405 unless the endpoint is on
``PUBLIC``, so a new public route is a conscious decision made here. CSRF
is switched off for the walk so the guards themselves, not the form token, answer.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask_limiter.util import get_qualified_name
from werkzeug.routing import Rule
from werkzeug.routing.converters import NumberConverter

PUBLIC = {
    # signing in and out, and the password reset the login page links to
    "identity.login", "identity.logout", "identity.forgot_password", "identity.reset_password",
    # the interface language of the login page itself
    "i18n.switch_language",
    # client links (core.links) and the public views their purposes name
    "links.follow", "leads.questionnaire_public", "offers_public.view", "offers_public.decide",
    "orders_public.confirm", "orders_api.client_confirm", "orders_api.client_question",
    "contracts_public.sign", "contracts_public.sign_pdf", "contracts_public.requisites",
    "contracts_api.client_sign",
    # web forms embedded in the company's websites, keyed by their public key
    "leads_api.web_form",
    # the client portal's own sign-in: password or a magic link sent by e-mail
    "portal.login", "portal.magic_link",
    # payment providers' webhooks, accepted only with the provider's signature
    "payments_public.stripe_webhook",
    # a user's calendar feed, opened by its secret token
    "activities.calendar_feed",
    # the API reference
    "api.docs", "api.openapi_json",
    # static files
    "static", "web.static", "api_assets.static", "leads.static", "contracts.static",
    # the test plugin's demo page (tests/sample_plugin)
    "sample.index",
}

TURNED_AWAY = {401, 403, 404, 405}


def _argument(rule: Rule, name: str) -> str:
    converter = rule._converters[name]  # werkzeug has no public accessor
    options = getattr(converter, "items", None)
    if options:
        return sorted(options)[0]
    return "1" if isinstance(converter, NumberConverter) else "x"  # record ids too


def _url(rule: Rule) -> str:
    values = {name: _argument(rule, name) for name in rule._converters}
    return rule.build({**(rule.defaults or {}), **values}, append_unknown=False)[1]


def _anonymous_answers(app: Any) -> list[tuple[str, str, str, int, str]]:
    client = app.test_client()
    answers = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC:
            continue
        url = _url(rule)
        body = {"json": {}} if url.startswith("/api/") else {}
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(url, method=method, **body)
            location = response.headers.get("Location", "")
            if response.status_code == 302 and location.startswith("/") \
                    and "/login" not in location:  # an old address kept as an alias
                response = client.get(location)
                location = response.headers.get("Location", "")
            answers.append((rule.endpoint, method, url, response.status_code, location))
    return answers


def test_every_route_but_the_public_ones_needs_a_sign_in(app: Any) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    open_doors = [
        answer for answer in _anonymous_answers(app)
        if answer[3] not in TURNED_AWAY
        and not (answer[3] == 302 and "/login" in answer[4])
    ]
    assert open_doors == []


def test_the_public_list_names_only_existing_endpoints(app: Any) -> None:
    assert PUBLIC - set(app.view_functions) == set()


UNLIMITED = {
    # files and pages that read nothing a visitor sends, and signing out
    "static", "web.static", "api_assets.static", "leads.static", "contracts.static",
    "api.docs",
    "api.openapi_json", "identity.logout", "i18n.switch_language", "sample.index",
}


@pytest.mark.parametrize("endpoint", sorted(PUBLIC - UNLIMITED))
def test_public_endpoints_are_rate_limited(app: Any, endpoint: str) -> None:
    from core.identity import limiter

    name = get_qualified_name(app.view_functions[endpoint])
    assert limiter.limit_manager.decorated_limits(name), f"{endpoint} has no rate limit"
