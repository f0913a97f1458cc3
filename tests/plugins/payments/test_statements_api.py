"""The bank statements API: a CAMT upload books what it matches and leaves the rest to
review, importing it again books nothing twice, a malformed file is a 422 naming the line,
waiting lines come with the invoices they may pay and are settled or set aside once; bad
input names the field and only ``payments.write`` may do any of it."""

from __future__ import annotations

import io
from typing import Any

from sqlalchemy import func, select

from core.db import session
from core.identity.models import User
from core.kernel import kontora
from plugins.payments.models import Payment, StatementLine
from tests.core.api.support import bearer
from tests.plugins.invoicing.conftest import make_user
from tests.plugins.payments.test_statements import fixture, prepare_camt

STATEMENTS = "/api/v1/payments.statement"
LINES = "/api/v1/payments.statement-line"


def _prepare(app: Any) -> dict[str, Any]:
    """Invoices A, B, C and the CAMT file of ``prepare_camt``, the accountant's headers and
    a salesperson's (``payments.read`` only)."""
    with app.app_context(), kontora(app).db.unit():
        _who, ids, data = prepare_camt()
        seller = make_user("sam", ["invoicing.read", "parties.read", "payments.read"])
        ana = session().scalar(select(User).where(User.login == "ana"))
        return {**ids, "data": data, "headers": bearer(ana), "read_only": bearer(seller)}


def _upload(api: Any, headers: dict[str, str], data: bytes, name: str = "stmt.xml") -> Any:
    return api.post(
        STATEMENTS,
        headers=headers,
        content_type="multipart/form-data",
        data={"file": (io.BytesIO(data), name)},
    )


def _count(app: Any, model: Any) -> int:
    with app.app_context(), kontora(app).db.unit():
        return session().scalar(select(func.count()).select_from(model))


def test_upload_review_and_settle_through_the_api(papp: Any) -> None:
    ids = _prepare(papp)
    api = papp.test_client()
    first = _upload(api, ids["headers"], ids["data"])
    assert first.status_code == 201, first.get_json()
    summary = first.get_json()
    assert {k: summary[k] for k in ("new", "known", "matched", "review", "format")} == {
        "new": 4,
        "known": 0,
        "matched": 1,
        "review": 2,
        "format": "camt.053",
    }
    again = _upload(api, ids["headers"], ids["data"]).get_json()
    assert {k: again[k] for k in ("new", "known", "matched", "review")} == {
        "new": 0,
        "known": 4,
        "matched": 0,
        "review": 0,
    }
    assert again["statement_id"] == summary["statement_id"]
    assert _count(papp, Payment) == 1 and _count(papp, StatementLine) == 4

    waiting = api.get(LINES, headers=ids["headers"])
    assert waiting.status_code == 200
    lines = {line["state"]: line for line in waiting.get_json()}
    assert set(lines) == {"ambiguous", "unmatched"}
    ambiguous, unknown = lines["ambiguous"], lines["unmatched"]
    assert sorted(i["record_id"] for i in ambiguous["invoices"]) == sorted([ids["b"], ids["c"]])
    assert {i["open"] for i in ambiguous["invoices"]} == {"59.50"}

    settled = api.post(
        f"{LINES}/{ambiguous['id']}/settle", headers=ids["headers"], json={"invoices": [ids["b"]]}
    )
    assert settled.status_code == 200, settled.get_json()
    assert settled.get_json()["state"] == "settled" and settled.get_json()["payment_id"]
    twice = api.post(
        f"{LINES}/{ambiguous['id']}/settle", headers=ids["headers"], json={"invoices": [ids["c"]]}
    )
    assert twice.status_code == 409 and _count(papp, Payment) == 2
    status = api.get(f"/api/v1/payments.invoice-status/{ids['b']}", headers=ids["headers"])
    assert status.get_json()["status"] == "paid"

    ignored = api.post(f"{LINES}/{unknown['id']}/ignore", headers=ids["headers"])
    assert ignored.status_code == 200 and ignored.get_json()["state"] == "ignored"
    assert api.get(LINES, headers=ids["headers"]).get_json() == []


def test_a_settle_against_several_invoices_pays_them_in_order(papp: Any) -> None:
    ids = _prepare(papp)
    api = papp.test_client()
    _upload(api, ids["headers"], ids["data"])
    unknown = next(
        line
        for line in api.get(LINES, headers=ids["headers"]).get_json()
        if line["state"] == "unmatched"
    )
    settled = api.post(
        f"{LINES}/{unknown['id']}/settle",
        headers=ids["headers"],
        json={"invoices": [ids["b"], ids["c"]]},
    )
    assert settled.status_code == 200, settled.get_json()
    status = {
        k: api.get(f"/api/v1/payments.invoice-status/{ids[k]}", headers=ids["headers"]).get_json()
        for k in ("b", "c")
    }
    assert (status["b"]["status"], status["c"]["status"], status["c"]["open"]) == (
        "paid",
        "partially_paid",
        "41.23",
    )


def test_a_malformed_file_is_a_422_naming_the_line_and_books_nothing(papp: Any) -> None:
    ids = _prepare(papp)
    api = papp.test_client()
    broken = _upload(api, ids["headers"], fixture("mt940_broken.sta"), "broken.sta")
    assert broken.status_code == 422
    assert "line 7 (:61:)" in broken.get_json()["fields"]["file"][0]
    missing = ids["data"].replace(b'<Amt Ccy="RON">77.77</Amt>', b"")
    element = _upload(api, ids["headers"], missing)
    assert element.status_code == 422
    assert "element Ntry/Amt (line" in element.get_json()["fields"]["file"][0]
    assert _count(papp, StatementLine) == 0 and _count(papp, Payment) == 0


def test_bad_input_names_the_field_and_roles_are_enforced(papp: Any) -> None:
    ids = _prepare(papp)
    api = papp.test_client()
    empty = api.post(
        STATEMENTS, headers=ids["headers"], content_type="multipart/form-data", data={}
    )
    assert empty.status_code == 422 and "file" in empty.get_json()["fields"]
    as_json = api.post(STATEMENTS, headers=ids["headers"], json={"file": "x"})
    assert as_json.status_code == 415
    assert _upload(api, ids["read_only"], ids["data"]).status_code == 403
    assert api.get(LINES, headers=ids["read_only"]).status_code == 403
    assert _count(papp, StatementLine) == 0

    _upload(api, ids["headers"], ids["data"])
    line = api.get(LINES, headers=ids["headers"]).get_json()[0]["id"]
    settle = f"{LINES}/{line}/settle"
    for body, field in [
        ({}, "invoices"),
        ({"invoices": []}, "invoices"),
        ({"invoices": ["x"]}, "invoices"),
        ({"invoices": [ids["b"], ids["b"]]}, "invoices"),
    ]:
        answer = api.post(settle, headers=ids["headers"], json=body)
        assert answer.status_code == 422, body
        assert any(name.startswith(field) for name in answer.get_json()["fields"]), body
    assert (
        api.post(settle, headers=ids["read_only"], json={"invoices": [ids["b"]]}).status_code == 403
    )
    assert (
        api.post(
            f"{LINES}/999999/settle", headers=ids["headers"], json={"invoices": [ids["b"]]}
        ).status_code
        == 404
    )
    assert api.post(f"{LINES}/999999/ignore", headers=ids["headers"]).status_code == 404
    assert api.post(settle, headers=ids["headers"], json={"invoices": [999999]}).status_code == 404
    assert _count(papp, Payment) == 1
