"""Sessions end on the server: a copy of the cookie taken before is refused afterwards.

A signed cookie alone proves nothing once the account's session generation moved on:
logout, disabling, a password change and "sign out everywhere" (by the user, or by an
admin for them) each end every session of the account.
"""

from __future__ import annotations

from typing import Any

from core.identity.models import PortalUser, User
from core.identity.passwords import hash_password
from core.identity.users import end_sessions, portal_principal, principal_from_session_id
from core.kernel import kontora
from tests.core.identity.support import PASSWORD, csrf_token, make_user, sign_in

COOKIE = "kontora_session"


def _signed_in(app: Any, login: str) -> tuple[Any, str]:
    """A browser signed in as ``login`` and a copy of its session cookie."""
    client = app.test_client()
    assert sign_in(client, login).status_code == 302
    return client, client.get_cookie(COOKIE).value


def _replay(app: Any, cookie: str, path: str = "/admin/users") -> int:
    """The status another browser holding only ``cookie`` gets at ``path``."""
    thief = app.test_client()
    thief.set_cookie(COOKIE, cookie)
    return thief.get(path).status_code


def test_a_cookie_copied_before_logout_is_refused_after_it(app):
    make_user(app, "root", roles=("admin",))
    client, cookie = _signed_in(app, "root")
    assert _replay(app, cookie) == 200
    client.post("/logout", data={"csrf_token": csrf_token(client, "/preferences")})
    assert _replay(app, cookie) == 302
    assert _replay(app, cookie, "/preferences") == 302


def test_logout_of_one_browser_ends_the_sessions_of_the_account(app):
    make_user(app, "root", roles=("admin",))
    here, _ = _signed_in(app, "root")
    elsewhere, _ = _signed_in(app, "root")
    here.post("/logout", data={"csrf_token": csrf_token(here, "/preferences")})
    assert elsewhere.get("/admin/users").status_code == 302


def test_disabling_and_enabling_again_does_not_revive_old_sessions(app):
    root = make_user(app, "root", roles=("admin",))
    ana = make_user(app, "ana", roles=("admin",))
    admin, _ = _signed_in(app, "root")
    _, cookie = _signed_in(app, "ana")
    token = csrf_token(admin, f"/admin/users/{ana}")
    for active in ("false", "true"):
        saved = admin.post(f"/admin/users/{ana}", data={"name": "Ana", "active": active,
                                                         "csrf_token": token})
        assert saved.status_code == 302
    with app.app_context(), kontora(app).db.unit() as s:
        assert s.get(User, ana).active and s.get(User, root).active
    assert _replay(app, cookie) == 302


def test_disabling_from_the_command_line_ends_sessions_for_good(app):
    ana = make_user(app, "ana", roles=("admin",))
    _, cookie = _signed_in(app, "ana")
    result = app.test_cli_runner().invoke(args=["users", "disable", "ana"])
    assert result.exit_code == 0, result.output
    with app.app_context(), kontora(app).db.unit() as s:
        s.get(User, ana).active = True
    assert _replay(app, cookie) == 302


def test_changing_the_password_ends_a_copied_cookie_of_this_browser(app):
    make_user(app, "root", roles=("admin",))
    client, cookie = _signed_in(app, "root")
    changed = client.post("/password/change", data={
        "current": PASSWORD, "password": "new secret 123", "confirm": "new secret 123",
        "csrf_token": csrf_token(client, "/preferences")})
    assert changed.status_code == 302
    assert client.get("/admin/users").status_code == 200
    assert _replay(app, cookie) == 302


def test_signing_out_everywhere_from_ones_own_page(app):
    make_user(app, "root", roles=("admin",))
    client, cookie = _signed_in(app, "root")
    elsewhere, _ = _signed_in(app, "root")
    page = client.get("/preferences").get_data(as_text=True)
    assert 'action="/sessions/end"' in page
    ended = client.post("/sessions/end", data={"csrf_token": csrf_token(client, "/preferences")})
    assert ended.status_code == 302 and "/login" in ended.headers["Location"]
    assert _replay(app, cookie) == 302
    assert elsewhere.get("/preferences").status_code == 302
    assert client.get("/preferences").status_code == 302
    assert sign_in(client, "root").status_code == 302  # signing in again works


def test_an_admin_signs_a_user_out_everywhere(app):
    make_user(app, "root", roles=("admin",))
    ana = make_user(app, "ana")
    admin, _ = _signed_in(app, "root")
    ana_browser, cookie = _signed_in(app, "ana")
    page = admin.get(f"/admin/users/{ana}").get_data(as_text=True)
    assert f'action="/admin/users/{ana}/sessions/end"' in page
    ended = admin.post(f"/admin/users/{ana}/sessions/end",
                       data={"csrf_token": csrf_token(admin, f"/admin/users/{ana}")})
    assert ended.status_code == 302
    assert ana_browser.get("/preferences").status_code == 302
    assert _replay(app, cookie, "/preferences") == 302
    assert admin.get("/admin/users").status_code == 200  # the admin's own session stays


def test_only_an_admin_may_sign_another_user_out(app):
    make_user(app, "ana")
    bob = make_user(app, "bob")
    ana, _ = _signed_in(app, "ana")
    bob_browser, _ = _signed_in(app, "bob")
    refused = ana.post(f"/admin/users/{bob}/sessions/end",
                       data={"csrf_token": csrf_token(ana, "/preferences")})
    assert refused.status_code == 403
    assert bob_browser.get("/preferences").status_code == 200


def test_portal_sessions_end_the_same_way(app):
    with app.app_context(), kontora(app).db.unit() as s:
        account = PortalUser(email="client@example.com", name="Client",
                             record_kind="sample.note", record_id=1,
                             password_hash=hash_password(PASSWORD))
        s.add(account)
        s.flush()
        session_id = portal_principal(account).session_id
        assert principal_from_session_id(session_id) is not None
        end_sessions(account)
        s.flush()
        assert principal_from_session_id(session_id) is None


def test_the_session_identifier_shows_nothing_of_the_password(app):
    user_id = make_user(app, "root", roles=("admin",))
    client, _ = _signed_in(app, "root")
    with client.session_transaction() as stored:
        session_id = stored["_user_id"]
    with app.app_context(), kontora(app).db.unit() as s:
        password_hash = s.get(User, user_id).password_hash
    assert password_hash not in session_id and password_hash[-16:] not in session_id
    kind, account_id, digest = session_id.split(":")
    assert (kind, int(account_id)) == ("staff", user_id) and len(digest) >= 32
