"""``/api/v1/admin``: users, roles and teams, through the administration pages' services."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from core.identity.models import User
from core.kernel import kontora
from core.permissions.models import Role
from tests.core.accounts.support import bearer
from tests.core.identity.support import make_user, sign_in

ADMIN = "/api/v1/admin"
CALLS = [("GET", "/users"), ("GET", "/users/1"), ("PUT", "/users/1"),
         ("POST", "/users/1/sessions/end"), ("GET", "/roles"), ("POST", "/roles"),
         ("GET", "/roles/1"), ("PUT", "/roles/1"), ("GET", "/teams"), ("POST", "/teams"),
         ("DELETE", "/teams/1")]


def _role_id(app, name: str) -> int:
    with app.app_context(), kontora(app).db.unit() as s:
        return s.scalar(select(Role.id).where(Role.name == name))


@pytest.mark.parametrize(("method", "path"), CALLS)
def test_only_administrators_are_let_in(app, method, path):
    ana = make_user(app, "ana", roles=("sales_manager",))
    client = app.test_client()
    body = {"name": "x"}
    assert client.open(ADMIN + path, method=method, json=body).status_code == 401
    assert client.open(ADMIN + path, method=method, json=body,
                       headers=bearer(app, ana)).status_code == 403


def test_an_admin_token_without_core_admin_is_refused(app):
    root = make_user(app, "root", roles=("admin",))
    narrow = bearer(app, root, ["sample.read"])
    assert app.test_client().get(f"{ADMIN}/users", headers=narrow).status_code == 403


def test_an_admin_edits_a_user_and_cannot_raise_or_break_by_mistake(app):
    root = make_user(app, "root", roles=("admin",))
    ana = make_user(app, "ana", roles=("salesperson",))
    client, headers = app.test_client(), bearer(app, root)
    team = client.post(f"{ADMIN}/teams", json={"name": "North"}, headers=headers)
    assert team.status_code == 201, team.get_json()
    team_id = team.get_json()["id"]
    manager = _role_id(app, "sales_manager")
    body = {"name": "Ana Pop", "email": "ana@example.com", "active": True,
            "roles": [manager], "teams": [team_id]}
    saved = client.put(f"{ADMIN}/users/{ana}", json=body, headers=headers)
    assert saved.status_code == 200, saved.get_json()
    assert (saved.get_json()["roles"], saved.get_json()["teams"]) == ([manager], [team_id])
    assert client.get(f"{ADMIN}/users/{ana}", headers=headers).get_json()["name"] == "Ana Pop"
    listed = client.get(f"{ADMIN}/users", headers=headers).get_json()
    assert {u["login"] for u in listed} == {"root", "ana"}
    assert client.get(f"{ADMIN}/teams", headers=headers).get_json()[0]["members"] == [ana]
    for change, field in (({"roles": [999999]}, "roles"), ({"teams": [999999]}, "teams"),
                          ({"email": "nope"}, "email"), ({"active": "yes"}, "active"),
                          ({"roles": [0]}, "roles.0"), ({"name": "x" * 201}, "name")):
        bad = client.put(f"{ADMIN}/users/{ana}", json={**body, **change}, headers=headers)
        assert bad.status_code == 422 and field in bad.get_json()["fields"], change
    missing = client.put(f"{ADMIN}/users/{ana}", json={"name": "x"}, headers=headers)
    assert missing.status_code == 422 and {"active", "roles", "teams"} <= set(
        missing.get_json()["fields"])
    assert client.put(f"{ADMIN}/users/999999", json=body, headers=headers).status_code == 404
    with app.app_context(), kontora(app).db.unit() as s:
        assert [r.name for r in s.get(User, ana).roles] == ["sales_manager"]


def test_the_last_administrator_stays_one(app):
    root = make_user(app, "root", roles=("admin",))
    client, headers = app.test_client(), bearer(app, root)
    admin_role = _role_id(app, "admin")
    demoted = client.put(f"{ADMIN}/users/{root}", json={
        "name": "Root", "active": True, "roles": [], "teams": []}, headers=headers)
    assert demoted.status_code == 422 and "roles" in demoted.get_json()["fields"]
    yourself = client.put(f"{ADMIN}/users/{root}", json={
        "name": "Root", "active": False, "roles": [admin_role], "teams": []}, headers=headers)
    assert yourself.status_code == 422 and "active" in yourself.get_json()["fields"]
    ana = make_user(app, "ana", roles=("admin",))
    assert client.put(f"{ADMIN}/users/{root}", json={
        "name": "Root", "active": True, "roles": [], "teams": []}, headers=headers
    ).status_code == 200
    # root holds admin no more: the token it made loses it too
    assert client.get(f"{ADMIN}/users/{ana}", headers=headers).status_code == 403


def test_the_last_role_granting_core_admin_keeps_it(app):
    root = make_user(app, "root", roles=("admin",))
    client, headers = app.test_client(), bearer(app, root)
    made = client.post(f"{ADMIN}/roles", json={"name": "Keeper", "label": "Keeper"},
                       headers=headers)
    keeper = made.get_json()["id"]
    grant = {"label": "Keeper", "permissions": ["core.admin"], "default_scope": "all"}
    assert client.put(f"{ADMIN}/roles/{keeper}", json=grant, headers=headers).status_code == 200
    ana = make_user(app, "ana")
    assert client.put(f"{ADMIN}/users/{ana}", json={
        "name": "Ana", "active": True, "roles": [keeper], "teams": []}, headers=headers
    ).status_code == 200
    assert client.put(f"{ADMIN}/users/{root}", json={
        "name": "Root", "active": True, "roles": [], "teams": []}, headers=headers
    ).status_code == 200
    ana_headers = bearer(app, ana)
    dropped = client.put(f"{ADMIN}/roles/{keeper}", json={**grant, "permissions": []},
                         headers=ana_headers)
    assert dropped.status_code == 422 and "permissions" in dropped.get_json()["fields"]


def test_an_admin_makes_and_edits_roles(app):
    root = make_user(app, "root", roles=("admin",))
    client, headers = app.test_client(), bearer(app, root)
    made = client.post(f"{ADMIN}/roles", json={"name": "Auditor"}, headers=headers)
    assert made.status_code == 201, made.get_json()
    role = made.get_json()
    assert (role["name"], role["label"], role["permissions"]) == ("auditor", "auditor", [])
    assert client.post(f"{ADMIN}/roles", json={"name": "auditor"}, headers=headers
                       ).status_code == 409
    bad_name = client.post(f"{ADMIN}/roles", json={"name": "a-b!"}, headers=headers)
    assert bad_name.status_code == 422 and "name" in bad_name.get_json()["fields"]
    body = {"label": "Auditor", "permissions": ["sample.read"], "default_scope": "own",
            "scopes": {"sample": "team"}}
    saved = client.put(f"{ADMIN}/roles/{role['id']}", json=body, headers=headers)
    assert saved.status_code == 200, saved.get_json()
    assert (saved.get_json()["permissions"], saved.get_json()["scopes"]) == (
        ["sample.read"], {"sample": "team"})
    assert client.get(f"{ADMIN}/roles/{role['id']}", headers=headers).get_json() == \
        saved.get_json()
    assert "auditor" in {r["name"] for r in client.get(f"{ADMIN}/roles", headers=headers)
                         .get_json()}
    for change, field in (({"permissions": ["no.such"]}, "permissions"),
                          ({"default_scope": "galaxy"}, "default_scope"),
                          ({"scopes": {"nowhere": "all"}}, "scopes"),
                          ({"scopes": {"sample": "galaxy"}}, "scopes.sample.value")):
        bad = client.put(f"{ADMIN}/roles/{role['id']}", json={**body, **change}, headers=headers)
        assert bad.status_code == 422 and field in bad.get_json()["fields"], (
            change, bad.get_json())
    assert client.get(f"{ADMIN}/roles/999999", headers=headers).status_code == 404


def test_an_admin_makes_and_deletes_teams_and_signs_users_out(app):
    root = make_user(app, "root", roles=("admin",))
    ana = make_user(app, "ana")
    client, headers = app.test_client(), bearer(app, root)
    team = client.post(f"{ADMIN}/teams", json={"name": "South"}, headers=headers).get_json()
    assert client.post(f"{ADMIN}/teams", json={"name": "south"}, headers=headers
                       ).status_code == 409
    blank = client.post(f"{ADMIN}/teams", json={"name": "  "}, headers=headers)
    assert blank.status_code == 422 and "name" in blank.get_json()["fields"]
    assert client.delete(f"{ADMIN}/teams/{team['id']}", headers=headers).status_code == 204
    assert client.delete(f"{ADMIN}/teams/{team['id']}", headers=headers).status_code == 404
    assert client.get(f"{ADMIN}/teams", headers=headers).get_json() == []
    browser = app.test_client()
    sign_in(browser, "ana")
    assert browser.get("/preferences").status_code == 200
    assert client.post(f"{ADMIN}/users/{ana}/sessions/end", headers=headers).status_code == 204
    assert browser.get("/preferences").status_code == 302
    assert client.post(f"{ADMIN}/users/999999/sessions/end", headers=headers
                       ).status_code == 404


def test_the_users_page_names_the_last_administrator(app):
    root = make_user(app, "root", roles=("admin",))
    browser = app.test_client()
    sign_in(browser, "root")
    page = browser.get(f"/admin/users/{root}").get_data(as_text=True)
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    refused = browser.post(f"/admin/users/{root}", data={"name": "Root", "active": "true",
                                                         "csrf_token": token})
    assert refused.status_code == 422
    assert "last active administrator" in refused.get_data(as_text=True)
