"""The client hears of every status change of its complaint by e-mail, at its own address
and in its own language, with a link to a page showing the status and the resolution."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from core.db import session
from core.identity.models import PortalUser, User
from core.identity.users import portal_principal
from plugins.complaints import services
from plugins.parties.models import Client, ClientContact, Contact, ContactMethod
from tests.fixtures.smtp import Inbox
from tests.plugins.complaints.conftest import STAFF, as_staff, confirmed_order, make_user, unit

LINK = re.compile(r"http://kontora\.test(/l/\S+)")


def _staff_complaint(capp: Any) -> tuple[int, int, str]:
    def setup():
        ann = make_user("ann", STAFF, email="ann@kontora.test")
        _client, order = confirmed_order(ann)
        made = services.create_complaint(
            as_staff(ann),
            {
                "subject_kind": "orders.order",
                "subject_id": order.id,
                "cause": "damaged",
                "description": "Two bags arrived torn.",
                "remedy": "replacement",
            },
        )
        return ann.id, made.id, made.number

    return unit(capp, setup)


def _move(capp: Any, ann_id: int, complaint_id: int, name: str, data: Any = None) -> None:
    unit(
        capp,
        lambda: services.run_transition(
            as_staff(session().get(User, ann_id)), complaint_id, name, data
        ),
    )


def _to(inbox: Inbox, address: str) -> list[Any]:
    return [m for m in inbox.messages if m["To"] == address]


def test_the_client_is_told_each_move_in_its_countrys_language_with_a_link(
    capp: Any, smtp_inbox: Inbox
) -> None:
    ann_id, complaint_id, number = _staff_complaint(capp)
    assert _to(smtp_inbox, "calitate@carpati.test") == []  # entering it is no status change
    _move(capp, ann_id, complaint_id, "review")
    _move(capp, ann_id, complaint_id, "accept", {"comment": "Fotografiile o confirmă."})
    _move(capp, ann_id, complaint_id, "resolve", {"resolution": "Doi saci înlocuiți."})
    mails = _to(smtp_inbox, "calitate@carpati.test")
    assert [m["Subject"] for m in mails] == [
        f"Reclamația dumneavoastră {number}: În analiză",
        f"Reclamația dumneavoastră {number}: Acceptată",
        f"Reclamația dumneavoastră {number}: Soluționată",
    ]
    bodies = [m.get_body(("plain",)).get_content() for m in mails]
    assert "Fotografiile o confirmă." in bodies[1] and "Doi saci înlocuiți." in bodies[2]
    browser = capp.test_client()
    page = browser.get(LINK.search(bodies[2]).group(1), follow_redirects=True)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and number in html
    assert "Doi saci înlocuiți." in html and "data-status" in html
    assert browser.get("/l/forged-token", follow_redirects=True).status_code in (404, 410)


def test_a_portal_complaint_is_answered_at_the_portal_users_address_and_language(
    capp: Any, smtp_inbox: Inbox
) -> None:
    def setup():
        ann = make_user("ann", STAFF)
        client, order = confirmed_order(ann)
        account = PortalUser(
            email="ivan@carpati.test",
            name="Ivan",
            language="bg",
            record_kind="parties.client",
            record_id=client.id,
        )
        session().add(account)
        session().flush()
        made = services.file_complaint(
            portal_principal(account),
            {"subject_kind": "orders.order", "subject_id": order.id, "description": "x"},
        )
        return ann.id, made.id, made.number

    ann_id, complaint_id, number = unit(capp, setup)
    _move(capp, ann_id, complaint_id, "review")
    _move(capp, ann_id, complaint_id, "reject", {"comment": "Повредата идва от употреба."})
    assert _to(smtp_inbox, "calitate@carpati.test") == []
    mails = _to(smtp_inbox, "ivan@carpati.test")
    assert [m["Subject"] for m in mails] == [
        f"Вашата рекламация {number}: В проверка",  # noqa: RUF001  (Cyrillic)
        f"Вашата рекламация {number}: Отхвърлена",
    ]
    assert "Повредата идва от употреба." in mails[1].get_body(("plain",)).get_content()


def test_a_client_without_e_mail_is_reached_through_its_primary_contact(
    capp: Any, smtp_inbox: Inbox
) -> None:
    ann_id, complaint_id, _number = _staff_complaint(capp)

    def no_address():
        client = session().scalars(select(Client)).one()
        client.email = None
        client.country = "RU"
        contact = Contact(
            name="Ольга",
            methods=[
                ContactMethod(channel="email", value="olga@old.test"),
                ContactMethod(channel="email", value="olga@carpati.test", preferred=True),
            ],
        )
        session().add(ClientContact(client=client, contact=contact, is_primary=True))

    unit(capp, no_address)
    _move(capp, ann_id, complaint_id, "review")
    (mail,) = _to(smtp_inbox, "olga@carpati.test")
    assert mail["Subject"].startswith("Ваша рекламация") and _to(smtp_inbox, "olga@old.test") == []
