"""Card payments: the demo provider pays from the client link, and Stripe's signed
webhooks book a payment exactly once whether they come twice or out of order; the
invoice's owner is told once. Only the webhook skips the CSRF check."""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from sqlalchemy import func, select

from core.db import session
from core.kernel import kontora
from core.links.service import create_link
from core.web.models import Notification
from plugins.payments.models import Checkout, Payment, ProviderEvent
from plugins.payments.providers.stripe import sign
from tests.plugins.payments.conftest import issued_invoice, setup

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
SECRET = "whsec_test_secret"
WEBHOOK = "/payments/online/webhooks/stripe"


def _invoice(app: Any) -> tuple[int, int, str]:
    with app.app_context(), kontora(app).db.unit():
        user, who, client = setup()
        doc = issued_invoice(who, client, "100")
        _row, token = create_link("invoicing.view", "invoicing.invoice", doc.id,
                                  expires_in=timedelta(days=5), single_use=False)
        return doc.id, user.id, token


def _booked(app: Any, owner_id: int) -> tuple[list[tuple[str, Decimal]], int, Decimal]:
    with app.app_context(), kontora(app).db.unit():
        payments = [(p.method, p.amount) for p in session().scalars(select(Payment))]
        told = session().scalar(select(func.count()).select_from(Notification)
                                .where(Notification.user_id == owner_id))
        open_now = kontora().pm.hook.kontora_open_amount(
            kind="invoicing.invoice", record_id=session().scalar(
                select(Checkout.record_id)))["open"]
        return payments, told, open_now


def test_the_client_pays_by_test_card_from_the_invoice_link(
        papp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KONTORA_PAYMENTS_PROVIDER", "demo")
    _doc_id, owner_id, token = _invoice(papp)
    client = papp.test_client()
    page = client.get(f"/invoicing/client/{token}")
    assert page.status_code == 200 and b'data-pay="card"' in page.data
    csrf = CSRF.search(page.get_data(as_text=True)).group(1)
    started = client.post(f"/invoicing/client/{token}/pay/card", data={"csrf_token": csrf})
    assert started.status_code == 303
    demo = started.headers["Location"]
    assert "/payments/online/demo/" in demo and client.get(demo).status_code == 200
    declined = client.post(demo, data={"csrf_token": csrf, "card": "4000 0000 0000 0002"})
    assert declined.status_code == 422 and b"declined" in declined.data
    for _ in range(2):  # a double click
        paid = client.post(demo, data={"csrf_token": csrf, "card": "4242 4242 4242 4242"})
        assert paid.status_code == 200 and b"payment was received" in paid.data
        assert f'href="/invoicing/client/{token}" data-back'.encode() in paid.data
    assert client.post(demo, data={"card": "4242424242424242"}).status_code == 400  # CSRF
    payments, told, open_now = _booked(papp, owner_id)
    assert payments == [("card", Decimal("119.00"))] and told == 1
    assert open_now == Decimal("0.00")
    page = client.get(f"/invoicing/client/{token}")
    assert b'data-pay="card"' not in page.data  # nothing left to pay


def _stripe_checkout(app: Any) -> tuple[str, int]:
    doc_id, owner_id, _token = _invoice(app)
    with app.app_context(), kontora(app).db.unit():
        doc = session().get(kontora().kinds["invoicing.invoice"].model, doc_id)
        session().add(Checkout(token="chk_test_1", provider="stripe",
                               record_kind="invoicing.invoice", record_id=doc_id,
                               party_id=doc.party_id,
                               amount=Decimal("119.00"), currency="RON"))
    return "chk_test_1", owner_id


def _event(event_id: str, kind: str, checkout: str, intent: str = "pi_1") -> dict[str, Any]:
    if kind == "checkout.session.completed":
        obj = {"id": "cs_1", "object": "checkout.session", "payment_intent": intent,
               "payment_status": "paid", "amount_total": 11900, "currency": "ron",
               "metadata": {"checkout": checkout}}
    else:
        obj = {"id": intent, "object": "payment_intent", "amount_received": 11900,
               "currency": "ron", "metadata": {"checkout": checkout}}
    return {"id": event_id, "type": kind, "data": {"object": obj}}


def _post(client: Any, event: dict[str, Any], *, secret: str = SECRET,
          stamp: int | None = None) -> Any:
    body = json.dumps(event).encode()
    header = sign(body, secret, stamp if stamp is not None else int(time.time()))
    return client.post(WEBHOOK, data=body, content_type="application/json",
                       headers={"Stripe-Signature": header})


@pytest.mark.parametrize("order", [
    ["checkout.session.completed", "payment_intent.succeeded"],
    ["payment_intent.succeeded", "checkout.session.completed"],
])
def test_stripe_webhooks_twice_and_out_of_order_book_once(
        papp: Any, monkeypatch: pytest.MonkeyPatch, order: list[str]) -> None:
    monkeypatch.setenv("KONTORA_PAYMENTS_PROVIDER", "stripe")
    monkeypatch.setenv("KONTORA_STRIPE_WEBHOOK_SECRET", SECRET)
    checkout, owner_id = _stripe_checkout(papp)
    client = papp.test_client()
    late = _post(client, _event("evt_0", "payment_intent.processing", checkout))
    assert late.status_code == 200
    first = _post(client, _event("evt_1", order[0], checkout))
    again = _post(client, _event("evt_1", order[0], checkout))
    second = _post(client, _event("evt_2", order[1], checkout))
    assert first.status_code == again.status_code == second.status_code == 200
    assert again.get_json()["duplicate"] is True
    payments, told, open_now = _booked(papp, owner_id)
    assert payments == [("card", Decimal("119.00"))] and told == 1
    assert open_now == Decimal("0.00")
    with papp.app_context(), kontora(papp).db.unit():
        assert session().scalar(select(func.count()).select_from(ProviderEvent)) == 3
        assert session().scalar(select(Checkout.status)) == "paid"


@pytest.mark.parametrize("forge", ["wrong secret", "stale", "no header"])
def test_a_webhook_without_a_valid_signature_books_nothing(
        papp: Any, monkeypatch: pytest.MonkeyPatch, forge: str) -> None:
    monkeypatch.setenv("KONTORA_STRIPE_WEBHOOK_SECRET", SECRET)
    checkout, owner_id = _stripe_checkout(papp)
    client = papp.test_client()
    event = _event("evt_9", "payment_intent.succeeded", checkout)
    if forge == "wrong secret":
        answer = _post(client, event, secret="whsec_other")
    elif forge == "stale":
        answer = _post(client, event, stamp=int(time.time()) - 3600)
    else:
        answer = client.post(WEBHOOK, data=json.dumps(event), content_type="application/json")
    assert answer.status_code == 400
    assert answer.get_json()["fields"]["signature"]
    assert _booked(papp, owner_id)[:2] == ([], 0)


def test_a_signed_webhook_that_is_not_an_event_is_a_clear_4xx(
        papp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KONTORA_STRIPE_WEBHOOK_SECRET", SECRET)
    body = b"[1, 2"
    answer = papp.test_client().post(
        WEBHOOK, data=body, content_type="application/json",
        headers={"Stripe-Signature": sign(body, SECRET, int(time.time()))})
    assert answer.status_code == 400 and "body" in answer.get_json()["fields"]


def test_an_unreachable_stripe_is_a_503_not_a_500(papp: Any,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KONTORA_PAYMENTS_PROVIDER", "stripe")
    monkeypatch.setenv("KONTORA_STRIPE_SECRET_KEY", "sk_test_x")
    monkeypatch.setenv("KONTORA_STRIPE_API_URL", "http://127.0.0.1:9")  # nothing listens
    _doc_id, _owner, token = _invoice(papp)
    client = papp.test_client()
    page = client.get(f"/invoicing/client/{token}")
    csrf = CSRF.search(page.get_data(as_text=True)).group(1)
    started = client.post(f"/invoicing/client/{token}/pay/card", data={"csrf_token": csrf})
    assert started.status_code == 503
    monkeypatch.delenv("KONTORA_STRIPE_SECRET_KEY")
    assert b'data-pay="card"' not in client.get(f"/invoicing/client/{token}").data


class FakeStripe(BaseHTTPRequestHandler):
    """Stripe's Checkout Session endpoint on this machine: each POST opens a session."""

    sessions: list[dict[str, list[str]]] = []

    def do_POST(self) -> None:
        from urllib.parse import parse_qs

        form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        self.sessions.append(form)
        body = json.dumps({"id": f"cs_{len(self.sessions)}",
                           "url": f"https://checkout.stripe.test/cs_{len(self.sessions)}"})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *_args: Any) -> None:
        pass


@pytest.fixture
def fake_stripe(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dict[str, list[str]]]]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeStripe)
    FakeStripe.sessions = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("KONTORA_PAYMENTS_PROVIDER", "stripe")
    monkeypatch.setenv("KONTORA_STRIPE_SECRET_KEY", "sk_test_x")
    monkeypatch.setenv("KONTORA_STRIPE_API_URL", f"http://127.0.0.1:{server.server_port}")
    yield FakeStripe.sessions
    server.shutdown()
    server.server_close()


def test_two_clicks_on_pay_at_once_open_one_stripe_session(
        papp: Any, fake_stripe: list[dict[str, list[str]]]) -> None:
    """Two requests at the same moment (a double click): the invoice's row lock makes the
    second wait for the first and continue its checkout at the session already made."""
    _doc_id, _owner, token = _invoice(papp)
    clients = [papp.test_client() for _ in range(2)]
    tokens = [CSRF.search(c.get(f"/invoicing/client/{token}").get_data(as_text=True)).group(1)
              for c in clients]
    together = threading.Barrier(2)
    answers: list[Any] = [None, None]

    def click(n: int) -> None:
        together.wait()
        answers[n] = clients[n].post(f"/invoicing/client/{token}/pay/card",
                                     data={"csrf_token": tokens[n]})

    threads = [threading.Thread(target=click, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [a.status_code for a in answers] == [303, 303]
    assert answers[0].headers["Location"] == answers[1].headers["Location"] == \
        "https://checkout.stripe.test/cs_1"
    assert len(fake_stripe) == 1
    assert fake_stripe[0]["line_items[0][price_data][unit_amount]"] == ["11900"]
    cancel = fake_stripe[0]["cancel_url"][0]
    assert cancel.endswith("?cancelled=1") and cancel != fake_stripe[0]["success_url"][0]
    back_out = clients[0].get(cancel.split("localhost", 1)[-1])
    assert b"data-cancelled" in back_out.data and b"data-back" in back_out.data
    again = clients[0].post(f"/invoicing/client/{token}/pay/card", data={"csrf_token": tokens[0]})
    assert again.headers["Location"] == "https://checkout.stripe.test/cs_1"  # a later click
    assert len(fake_stripe) == 1
    with papp.app_context(), kontora(papp).db.unit():
        [checkout] = session().scalars(select(Checkout)).all()
        assert checkout.session_url == "https://checkout.stripe.test/cs_1"
    done = clients[0].get(f"/payments/online/done/{checkout.token}")
    assert f'href="/invoicing/client/{token}" data-back'.encode() in done.data
    stranger = papp.test_client().get(f"/payments/online/done/{checkout.token}")
    assert b"data-back" not in stranger.data  # the way back is the paying browser's own
