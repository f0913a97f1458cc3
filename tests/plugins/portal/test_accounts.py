"""Portal accounts: invitation by e-mail, password and magic-link sign-in, sign-out that
ends the session on the server, rate limits, and switching between clients."""

from __future__ import annotations

from sqlalchemy import func, select

from core.app import kontora
from core.identity.models import PortalUser
from core.links.models import ClientLink
from plugins.portal.models import PortalAccess
from tests.core.web.conftest import Browser
from tests.plugins.portal.conftest import (
    PASSWORD,
    PortalBrowser,
    invited,
    last_link,
)


def test_invitation_mail_sets_the_password_and_signs_in(papp, smtp_inbox, two_clients):
    browser = invited(papp, smtp_inbox, two_clients["staff"], two_clients["a"],
                      "ioana@alfa.test")
    mail = smtp_inbox.messages[-1]
    assert mail["To"] == "ioana@alfa.test"
    assert "Alfa Construct SRL" in mail["Subject"]
    home = browser.get("/portal/")
    assert home.status_code == 200
    assert "Alfa Construct SRL" in home.get_data(as_text=True)
    with papp.app_context(), kontora(papp).db.unit() as s:
        link = s.scalars(select(ClientLink).where(ClientLink.purpose == "portal.invitation")).one()
        assert link.used_at is not None  # single use; the token itself is not stored
        assert last_link(smtp_inbox).rsplit("/", 1)[1] not in link.token_hash


def test_an_invitation_link_works_once(papp, smtp_inbox, two_clients):
    invited(papp, smtp_inbox, two_clients["staff"], two_clients["a"], "ioana@alfa.test")
    again = PortalBrowser(papp).get(last_link(smtp_inbox))
    assert again.status_code in (400, 409, 410)
    assert "already used" in again.get_data(as_text=True)


def test_a_weak_password_is_refused_naming_the_field(papp, smtp_inbox, two_clients):
    from core.identity.users import principal_for
    from plugins.portal.services.accounts import invite

    with papp.test_request_context(), kontora(papp).db.unit():
        invite(principal_for(two_clients["staff"]), two_clients["a"],
               {"email": "ioana@alfa.test", "name": "Ioana"})
    path = last_link(smtp_inbox)
    browser = PortalBrowser(papp)
    answer = browser.post(path, {"password": "abc", "confirm": "abc"}, form_page=path)
    assert answer.status_code == 422
    assert 'name="password"' in answer.get_data(as_text=True)
    assert "is-invalid" in answer.get_data(as_text=True)
    differ = browser.post(path, {"password": PASSWORD, "confirm": PASSWORD + "x"},
                          form_page=path)
    assert differ.status_code == 422
    assert "The two passwords differ." in differ.get_data(as_text=True)


def test_inviting_twice_makes_one_account_and_a_second_client_adds_access(
        papp, smtp_inbox, two_clients):
    from core.identity.users import principal_for
    from plugins.portal.services.accounts import invite

    for client in ("a", "a", "b"):
        with papp.test_request_context(), kontora(papp).db.unit():
            invite(principal_for(two_clients["staff"]), two_clients[client],
                   {"email": "Ioana@Alfa.test", "name": "Ioana"})
    with papp.app_context(), kontora(papp).db.unit() as s:
        assert s.scalar(select(func.count()).select_from(PortalUser)) == 1
        assert s.scalar(select(func.count()).select_from(PortalAccess)) == 2
    assert len(smtp_inbox.messages) == 3


def test_bad_invitation_input_names_the_field(papp, two_clients):
    from core.errors import ValidationError
    from core.identity.users import principal_for
    from plugins.portal.services.accounts import invite

    with papp.test_request_context(), kontora(papp).db.unit():
        try:
            invite(principal_for(two_clients["staff"]), two_clients["a"],
                   {"email": "not-an-address", "name": ""})
        except ValidationError as exc:
            assert set(exc.fields) == {"email", "name"}
        else:
            raise AssertionError("accepted a bad address")


def test_staff_invite_from_the_client_profile(papp, smtp_inbox, two_clients):
    from core.identity.users import staff_session_id

    with papp.app_context(), kontora(papp).db.unit() as s:
        from core.identity.models import User

        user = s.get(User, two_clients["staff"])
        staff = Browser(papp, user.id, staff_session_id(user))
    profile = staff.get(f"/clients/{two_clients['a']}")
    assert "Invite to the portal" in profile.get_data(as_text=True)
    answer = staff.post(f"/portal/invite/{two_clients['a']}",
                        {"name": "Ioana", "email": "ioana@alfa.test"})
    assert answer.status_code == 302
    assert smtp_inbox.messages[-1]["To"] == "ioana@alfa.test"
    bad = staff.post(f"/portal/invite/{two_clients['a']}", {"name": "Ioana", "email": "x"},
                     follow_redirects=True)
    assert "The invitation was not sent" in bad.get_data(as_text=True)


def test_staff_without_the_permission_cannot_invite(papp, smtp_inbox, two_clients):
    from core.identity.users import staff_session_id
    from tests.plugins.orders.conftest import make_user

    with papp.app_context(), kontora(papp).db.unit():
        user = make_user("rita", ["parties.read"])
        rita = Browser(papp, user.id, staff_session_id(user))
    answer = rita.post(f"/portal/invite/{two_clients['a']}",
                       {"name": "X", "email": "x@y.test"})
    assert answer.status_code == 403
    assert "Invite to the portal" not in rita.get(
        f"/clients/{two_clients['a']}").get_data(as_text=True)
    assert smtp_inbox.messages == []


def test_password_sign_in_and_sign_out_ends_the_session(papp, smtp_inbox, two_clients):
    invited(papp, smtp_inbox, two_clients["staff"], two_clients["a"], "ioana@alfa.test")
    browser = PortalBrowser(papp)
    wrong = browser.sign_in("ioana@alfa.test", "wrong password")
    assert wrong.status_code == 401
    assert "Wrong e-mail or password." in wrong.get_data(as_text=True)
    assert browser.sign_in("IOANA@alfa.test").status_code == 302
    assert browser.get("/portal/").status_code == 200
    with browser.client.session_transaction() as sess:
        stolen = dict(sess)
    browser.post("/portal/logout", form_page="/portal/")
    assert browser.get("/portal/").status_code == 302
    thief = PortalBrowser(papp)
    with thief.client.session_transaction() as sess:
        sess.update(stolen)
    assert thief.get("/portal/").status_code == 302  # the copied cookie is worthless now


def test_sign_in_is_rate_limited(papp, smtp_inbox, two_clients):
    invited(papp, smtp_inbox, two_clients["staff"], two_clients["a"], "ioana@alfa.test")
    browser = PortalBrowser(papp)
    codes = [browser.sign_in("ioana@alfa.test", f"wrong {i}").status_code for i in range(7)]
    assert codes[:5] == [401] * 5
    assert codes[-1] == 429


def test_magic_link_signs_in_once(papp, smtp_inbox, two_clients):
    invited(papp, smtp_inbox, two_clients["staff"], two_clients["a"], "ioana@alfa.test")
    browser = PortalBrowser(papp)
    asked = browser.post("/portal/magic-link", {"email": "ioana@alfa.test"},
                         form_page="/portal/magic-link")
    unknown = PortalBrowser(papp).post("/portal/magic-link", {"email": "nobody@x.test"},
                                       form_page="/portal/magic-link")
    for answer in (asked, unknown):  # the same page whether the address is known or not
        assert answer.status_code == 200
        assert "If the address has a portal account" in answer.get_data(as_text=True)
    assert len(smtp_inbox.messages) == 2  # the invitation and one magic link
    path = last_link(smtp_inbox)
    opened = browser.get(path)
    assert opened.status_code == 200  # opening alone (a mail scanner) does not use it
    assert browser.post(path, form_page=path).status_code == 302
    assert browser.get("/portal/").status_code == 200
    assert PortalBrowser(papp).get(path).status_code != 200


def test_switching_between_clients(papp, smtp_inbox, two_clients):
    from core.identity.users import principal_for
    from plugins.portal.services.accounts import invite

    browser = invited(papp, smtp_inbox, two_clients["staff"], two_clients["a"],
                      "ioana@alfa.test")
    with papp.test_request_context(), kontora(papp).db.unit():
        invite(principal_for(two_clients["staff"]), two_clients["b"],
               {"email": "ioana@alfa.test", "name": "Ioana"})
    home = browser.get("/portal/").get_data(as_text=True)
    assert "Beta Logistic SRL" in home  # offered in the switcher
    browser.post("/portal/switch", {"client_id": str(two_clients["b"])}, form_page="/portal/")
    assert "<title>Beta Logistic SRL" in browser.get("/portal/").get_data(as_text=True)
    with papp.app_context(), kontora(papp).db.unit():
        from tests.plugins.orders.conftest import make_client

        other = make_client("Gamma SRL").id
    refused = browser.post("/portal/switch", {"client_id": str(other)}, form_page="/portal/")
    assert refused.status_code == 404


def test_the_client_updates_its_contact_details(papp, smtp_inbox, two_clients):
    from plugins.parties.models import Client

    browser = invited(papp, smtp_inbox, two_clients["staff"], two_clients["a"],
                      "ioana@alfa.test")
    page = "/portal/details"
    assert "office@alfa.test" in browser.get(page).get_data(as_text=True)
    bad = browser.post(page, {"email": "nope", "phone": "call me", "website": ""},
                       form_page=page)
    assert bad.status_code == 422
    assert bad.get_data(as_text=True).count("is-invalid") == 2
    saved = browser.post(page, {"email": "contact@alfa.test", "phone": "+40 264 123 456",
                                "website": "", "name": "Hijacked SRL"}, form_page=page)
    assert saved.status_code == 303
    with papp.app_context(), kontora(papp).db.unit() as s:
        alfa, beta = s.get(Client, two_clients["a"]), s.get(Client, two_clients["b"])
        assert (alfa.email, alfa.phone, alfa.name) == (
            "contact@alfa.test", "+40 264 123 456", "Alfa Construct SRL")
        assert beta.email == "office@beta.test"
        from core.audit.models import AuditEntry

        entry = s.scalars(select(AuditEntry).where(
            AuditEntry.record_kind == "parties.client", AuditEntry.record_id == alfa.id,
            AuditEntry.action == "update")).one()
        assert entry.actor_kind == "portal" and "email" in entry.changes


def test_withdrawn_access_ends_the_sessions(papp, smtp_inbox, two_clients):
    from core.identity.models import User
    from core.identity.users import staff_session_id

    browser = invited(papp, smtp_inbox, two_clients["staff"], two_clients["a"],
                      "ioana@alfa.test")
    assert browser.get("/portal/").status_code == 200
    with papp.app_context(), kontora(papp).db.unit() as s:
        user = s.get(User, two_clients["staff"])
        staff = Browser(papp, user.id, staff_session_id(user))
        account_id = s.scalars(select(PortalUser.id)).one()
    profile = staff.get(f"/clients/{two_clients['a']}").get_data(as_text=True)
    assert "Withdraw access" in profile
    answer = staff.post(f"/portal/invite/{two_clients['a']}/revoke/{account_id}")
    assert answer.status_code == 302
    assert browser.get("/portal/").status_code == 302  # signed out at once
    refused = browser.sign_in("ioana@alfa.test")  # no client left to act for
    assert refused.status_code == 401
    assert "no longer have access" in refused.get_data(as_text=True)
    again = staff.post(f"/portal/invite/{two_clients['a']}/revoke/{account_id}")
    assert again.status_code == 404


def test_the_portal_speaks_the_four_languages_the_client_chooses(papp, smtp_inbox,
                                                                 two_clients):
    browser = invited(papp, smtp_inbox, two_clients["staff"], two_clients["a"],
                      "ioana@alfa.test")
    words = {"ro": ("Comenzi", "Reclamații"), "bg": ("Поръчки", "Рекламации"),
             "ru": ("Заказы", "Рекламации"), "en": ("Orders", "Complaints")}
    for language, expected in words.items():
        chosen = browser.post("/i18n/language", {"language": language,
                                                 "next": "/portal/orders/"},
                              form_page="/portal/")
        assert chosen.status_code == 302 and chosen.location.endswith("/portal/orders/")
        page = browser.get("/portal/orders/").get_data(as_text=True)
        assert f'<html lang="{language}">' in page, language
        assert all(word in page for word in expected), (language, expected)
        assert f'value="{language}" lang="{language}"' in page and "data-languages" in page
        with papp.app_context(), kontora(papp).db.unit() as s:  # the account keeps it
            account = s.scalars(select(PortalUser).filter_by(email="ioana@alfa.test")).one()
            assert account.language == language
