"""Drill: Redis stops while staff keep working; nothing is lost and the mail goes once.

Ana sends an offer while the (private) Redis is down: her request succeeds, the jobs wait in
the outbox table with the reason, no mail leaves. Redis comes back, a real ``kontora worker``
drains the outbox, renders the PDF and mails the offer: the client gets it exactly once,
and a second worker run sends nothing more.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from core.identity.users import staff_session_id
from core.jobs.models import PENDING
from core.kernel import kontora
from tests.core.jobs.conftest import outbox, run_kontora
from tests.core.web.conftest import Browser
from tests.drills.conftest import RedisServer, wait_for
from tests.fixtures.smtp import Inbox, smtp_inbox  # noqa: F401  (a fixture)
from tests.scenarios.conftest import SALES_MANAGER, as_user, make_product, make_user

pytestmark = pytest.mark.redis

PLUGINS = "parties,catalog,activities,offers"
CLIENT_EMAIL = "achizitii@dunarea.test"


def staff_app(make_app: Callable[..., Any], smtp: Inbox, redis_url: str) -> Any:
    """The offers plugin with its series and templates seeded, mail to ``smtp``, jobs on RQ."""
    from core.documents.store import seed_templates
    from core.numbering.series import seed_series

    app = make_app(plugins=PLUGINS, KONTORA_SMTP_URL=smtp.url, KONTORA_REDIS_URL=redis_url,
                   KONTORA_MAIL_FROM="Firma SRL <office@firma.test>",
                   KONTORA_BASE_URL="http://kontora.test")
    with app.app_context(), kontora(app).db.unit() as s:
        seed_series(s, kontora(app).collect("kontora_number_series"))
        seed_templates(s)
    return app


def draft_offer(app: Any) -> tuple[Browser, int]:
    """Ana (signed in) and her draft offer for a client with an e-mail address."""
    from plugins.offers.services import create_offer
    from plugins.parties.services.clients import create_client

    with app.app_context(), kontora(app).db.unit():
        ana = make_user("ana", SALES_MANAGER, email="ana@firma.test")
        cement = make_product("CEM", "Cement 40 kg", "32.50")
        client = create_client(as_user("ana"), {
            "kind": "legal_entity", "name": "Dunărea Logistic SRL", "country": "RO",
            "email": CLIENT_EMAIL})
        offer = create_offer(as_user("ana"), {
            "title": "Cement for the depot", "currency": "RON", "party_id": client.id,
            "lines": [{"product_id": cement.id, "quantity": "100"}]})
        signed_in = (ana.id, staff_session_id(ana))
        offer_id = offer.id
    return Browser(app, *signed_in), offer_id


def test_offer_sent_while_redis_is_down_is_mailed_once_when_it_is_back(
        make_app: Callable[..., Any], private_redis: RedisServer,
        smtp_inbox: Inbox) -> None:  # noqa: F811
    app = staff_app(make_app, smtp_inbox, private_redis.url)
    ana, offer_id = draft_offer(app)

    private_redis.stop()
    sent = ana.post(f"/offers/{offer_id}/send", data={"to": CLIENT_EMAIL, "message": "Hi"})
    assert sent.status_code == 302, sent.get_data(as_text=True)
    assert ana.get(f"/offers/{offer_id}").status_code == 200  # staff keep working
    waiting = outbox(app)
    assert waiting and {row.status for row in waiting} == {PENDING}
    assert waiting[0].last_error.startswith("not handed to Redis: ConnectionError")
    assert smtp_inbox.messages == []

    private_redis.start()
    run_kontora(app, "worker", "--burst")
    wait_for(lambda: smtp_inbox.messages, "the offer's e-mail")
    assert outbox(app) == []
    run_kontora(app, "worker", "--burst")  # a later worker finds nothing left to send
    [mail] = smtp_inbox.messages
    assert mail["To"] == CLIENT_EMAIL
    assert next(part.get_filename() for part in mail.iter_attachments()).endswith(".pdf")
