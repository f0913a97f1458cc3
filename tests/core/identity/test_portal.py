"""Portal principals: a separate kind that never holds a staff permission."""

from __future__ import annotations

from sqlalchemy import func, select

from core.identity.models import PortalUser
from core.identity.passwords import hash_password
from core.identity.users import authenticate_portal, portal_principal
from core.kernel import kontora
from core.permissions import catalogue, scope
from tests.core.identity.support import PASSWORD, csrf_token, make_user
from tests.sample_plugin.models import SampleNote


def test_portal_principal_holds_no_staff_permission_and_sees_no_record(app):
    make_user(app, "ana", roles=("admin",))
    with app.app_context(), kontora(app).db.unit() as s:
        s.add(SampleNote(title="internal"))
        s.add(PortalUser(email="client@example.com", name="Client", record_kind="sample.note",
                         record_id=1, password_hash=hash_password(PASSWORD)))
        s.flush()
        account = authenticate_portal("Client@Example.com", PASSWORD)
        assert account is not None
        who = portal_principal(account)
        assert who.kind == "portal"
        assert who.user_id is None
        assert (who.record_kind, who.record_id) == ("sample.note", 1)
        assert not who.is_admin
        assert not any(who.has(code) for code in catalogue())
        count = s.scalar(scope(select(func.count()).select_from(SampleNote), SampleNote, who))
        assert count == 0


def test_portal_user_is_not_signed_in_to_staff_pages(app):
    with app.app_context(), kontora(app).db.unit() as s:
        s.add(PortalUser(email="client@example.com", name="Client", record_kind="sample.note",
                         record_id=1, password_hash=hash_password(PASSWORD)))
    client = app.test_client()
    token = csrf_token(client)
    response = client.post("/login", data={"login": "client@example.com", "password": PASSWORD,
                                           "csrf_token": token})
    assert response.status_code == 401
