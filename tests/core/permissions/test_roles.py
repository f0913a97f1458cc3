"""Default roles are seeded without overwriting edits; admins edit roles, teams and users."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from core.identity.models import Team, User
from core.kernel import kontora
from core.permissions import seed_roles
from core.permissions.models import Role
from tests.core.identity.support import csrf_token, make_user, principal, sign_in


@pytest.fixture
def app(make_app):
    return make_app(plugins="sample")


def _role(s, name: str) -> Role:
    return s.scalar(select(Role).where(Role.name == name))


def test_seeding_creates_roles_once_and_keeps_admin_edits(app):
    with app.app_context(), kontora(app).db.unit() as s:
        assert set(seed_roles(s)) == {"admin", "sales_manager", "salesperson", "accountant",
                                      "logistics"}
        assert seed_roles(s) == []
        edited, untouched = _role(s, "accountant"), _role(s, "sales_manager")
        edited.permissions.clear()
        edited.edited = True
        untouched.permissions.clear()
        s.flush()
        assert seed_roles(s) == ["sales_manager"]
        assert edited.permission_codes == set()
        assert untouched.permission_codes == {"sample.read", "sample.write"}


def test_admin_edits_a_role_and_its_area_scope(app):
    make_user(app, "root", roles=("admin",))
    ana_id = make_user(app, "ana", roles=("salesperson",))
    client = app.test_client()
    sign_in(client, "root")
    with app.app_context(), kontora(app).db.unit() as s:
        role_id = _role(s, "salesperson").id
    page = f"/admin/roles/{role_id}"
    token = csrf_token(client, page)
    bad = client.post(page, data={"label": "Sales", "permissions": ["sample.read", "no.such"],
                                  "default_scope": "team", "csrf_token": token})
    assert bad.status_code == 422
    good = client.post(page, data={"label": "Sales", "permissions": ["sample.read"],
                                   "default_scope": "team", "scope.sample": "own",
                                   "csrf_token": token})
    assert good.status_code == 302
    who = principal(app, ana_id)
    assert who.has("sample.read") and not who.has("sample.write")
    assert who.scope_for("sample.read") == "own"
    with app.app_context(), kontora(app).db.unit() as s:
        assert _role(s, "salesperson").edited is True
        assert seed_roles(s) == []


def test_admin_creates_a_role_and_a_team_and_assigns_them(app):
    make_user(app, "root", roles=("admin",))
    ana_id = make_user(app, "ana")
    client = app.test_client()
    sign_in(client, "root")
    token = csrf_token(client, "/admin/roles")
    created = client.post("/admin/roles", data={"name": "Auditor", "label": "Auditor",
                                                "csrf_token": token})
    assert created.status_code == 302
    assert client.post("/admin/roles", data={"name": "auditor", "csrf_token": token}
                       ).status_code == 422
    assert client.post("/admin/teams", data={"name": "North", "csrf_token": token}
                       ).status_code == 302
    with app.app_context(), kontora(app).db.unit() as s:
        role_id, team_id = _role(s, "auditor").id, s.scalar(select(Team.id))
    saved = client.post(f"/admin/users/{ana_id}", data={
        "name": "Ana Pop", "email": "ana@example.com", "active": "true",
        "roles": [str(role_id)], "teams": [str(team_id)], "csrf_token": token})
    assert saved.status_code == 302
    with app.app_context(), kontora(app).db.unit() as s:
        ana = s.get(User, ana_id)
        assert [r.name for r in ana.roles] == ["auditor"]
        assert [t.name for t in ana.teams] == ["North"]
        assert ana.name == "Ana Pop"
    for path in ("/admin/users", f"/admin/users/{ana_id}", "/admin/roles",
                 f"/admin/roles/{role_id}", "/admin/teams"):
        assert client.get(path).status_code == 200, path


def test_admin_pages_are_forbidden_to_staff_and_closed_to_strangers(app):
    make_user(app, "ana", roles=("sales_manager",))
    stranger = app.test_client()
    assert stranger.get("/admin/roles").status_code == 302
    staff = app.test_client()
    sign_in(staff, "ana")
    assert staff.get("/admin/roles").status_code == 403
    assert staff.get("/admin/users").status_code == 403
    assert staff.post("/admin/teams", data={"name": "x", "csrf_token": csrf_token(
        staff, "/preferences")}).status_code == 403
