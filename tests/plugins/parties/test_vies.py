"""VIES VAT checks run as a job after saving and flag the client; a dead service is no error."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from core.identity.models import User
from core.kernel import kontora
from plugins.parties import services
from plugins.parties.models import Client
from tests.plugins.parties.conftest import staff


class FakeVies(BaseHTTPRequestHandler):
    """Answers like VIES' ``check-vat-number``; ``server.mode`` picks the answer."""

    def do_POST(self) -> None:
        asked = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.asked.append(asked)  # type: ignore[attr-defined]
        mode = self.server.mode  # type: ignore[attr-defined]
        if mode == "error":
            self.send_error(503)
            return
        answer: dict[str, Any] = {"countryCode": asked["countryCode"],
                                  "vatNumber": asked["vatNumber"]}
        if mode == "ms_unavailable":
            answer = {"actionSucceed": False, "errorWrappers": [{"error": "MS_UNAVAILABLE"}]}
        else:
            answer.update(valid=mode == "valid", userError=mode.upper(), name="ALFA SRL")
        body = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def vies() -> Iterator[Any]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeVies)
    server.mode, server.asked = "valid", []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _save_client(app: Any) -> int:
    """Create a client with a VAT number in one unit of work; the job runs after commit."""
    k = kontora(app)
    with app.app_context():
        with k.db.unit() as s:
            user = User(login="ann", name="Ann")
            s.add(user)
            s.flush()
            client = services.create_client(staff(user), {
                "kind": "legal_entity", "name": "Alfa SRL", "country": "RO",
                "vat_number": "18547290"})
            assert client.vat_check_status == "unchecked"
        return client.id


def _status(app: Any, client_id: int) -> tuple[str, Any]:
    with app.app_context(), kontora(app).db.unit() as s:
        client = s.get(Client, client_id)
        return client.vat_check_status, client.vat_checked_at


@pytest.mark.parametrize(("mode", "expected"), [
    ("valid", "valid"), ("invalid", "invalid"), ("ms_unavailable", "unavailable"),
    ("error", "unavailable")])
def test_the_answer_flags_the_client(make_app, vies, mode, expected):
    vies.mode = mode
    app = make_app(KONTORA_VIES_URL=f"http://127.0.0.1:{vies.server_port}/check-vat-number")
    client_id = _save_client(app)
    status, checked_at = _status(app, client_id)
    assert (status, checked_at is not None) == (expected, True)
    assert vies.asked == [{"countryCode": "RO", "vatNumber": "18547290"}]


def test_a_service_that_is_down_neither_blocks_saving_nor_fails(make_app, vies):
    port = vies.server_port
    vies.shutdown()
    vies.server_close()  # nothing listens on the port any more
    app = make_app(KONTORA_VIES_URL=f"http://127.0.0.1:{port}/check-vat-number")
    client_id = _save_client(app)
    assert _status(app, client_id)[0] == "unavailable"


def test_changing_the_vat_number_checks_again(make_app, vies):
    app = make_app(KONTORA_VIES_URL=f"http://127.0.0.1:{vies.server_port}/check-vat-number")
    client_id = _save_client(app)
    vies.mode = "invalid"
    k = kontora(app)
    with app.app_context(), k.db.unit() as s:
        user = s.query(User).one()
        services.update_client(staff(user), client_id, {"vat_number": "RO14399840"})
    assert _status(app, client_id)[0] == "invalid"
    assert vies.asked[-1] == {"countryCode": "RO", "vatNumber": "14399840"}


def test_the_api_checks_again_on_request(make_app, vies):
    from tests.core.api.support import bearer, make_user

    app = make_app(KONTORA_VIES_URL=f"http://127.0.0.1:{vies.server_port}/check-vat-number")
    client_id = _save_client(app)
    vies.mode = "invalid"
    with app.app_context(), kontora(app).db.unit():
        writer = bearer(make_user("wes", ["parties.read", "parties.write"], "all"))
        reader = bearer(make_user("rita", ["parties.read"], "all"))
    url = f"/api/v1/parties.client/{client_id}/check-vat"
    assert app.test_client().post(url, headers=reader).status_code == 403
    checked = app.test_client().post(url, headers=writer)
    assert checked.status_code == 202
    assert _status(app, client_id)[0] == "invalid" and len(vies.asked) == 2
    assert app.test_client().post("/api/v1/parties.client/999999/check-vat",
                                  headers=writer).status_code == 404
