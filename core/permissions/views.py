"""Admin pages: users (roles, teams, status), roles (grants and record scopes), teams."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from werkzeug.wrappers import Response

from core.db import session
from core.errors import KontoraError, NotFound
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import permission_required
from core.identity.models import Team, User
from core.permissions import ADMIN_PERMISSION, admin, catalogue
from core.permissions.models import SCOPES, Role

bp = Blueprint("permissions", __name__, url_prefix="/admin", template_folder="templates")

Page = str | Response | tuple[str, int]


@bp.get("/users")
@permission_required(ADMIN_PERMISSION)
def users() -> str:
    rows = session().scalars(select(User).options(selectinload(User.roles),
                                                  selectinload(User.teams)).order_by(User.name))
    return render_template("permissions/users.html", users=list(rows))


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@permission_required(ADMIN_PERMISSION)
def user(user_id: int) -> Page:
    account = session().get(User, user_id)
    if account is None:
        raise NotFound(_("No such user."))
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        form = request.form
        try:
            admin.update_user(current_principal(), user_id, name=form.get("name", ""),
                              email=form.get("email"), active=form.get("active") == "true",
                              role_ids=_ids(form.getlist("roles")),
                              team_ids=_ids(form.getlist("teams")))
        except KontoraError as exc:
            errors = exc.fields or {"_schema": [exc.message]}
        else:
            flash(_("User saved."), "success")
            return redirect(url_for("permissions.user", user_id=user_id))
    roles = session().scalars(select(Role).order_by(Role.label))
    teams = session().scalars(select(Team).order_by(Team.name))
    return render_template("permissions/user.html", account=account, roles=list(roles),
                           teams=list(teams), errors=errors), (422 if errors else 200)


@bp.post("/users/<int:user_id>/sessions/end")
@permission_required(ADMIN_PERMISSION)
def end_user_sessions(user_id: int) -> Response:
    admin.end_user_sessions(current_principal(), user_id)
    flash(_("The user is signed out on every device."), "success")
    return redirect(url_for("permissions.user", user_id=user_id))


@bp.route("/roles", methods=["GET", "POST"])
@permission_required(ADMIN_PERMISSION)
def roles() -> Page:
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        try:
            role = admin.create_role(current_principal(), request.form.get("name", ""),
                                     request.form.get("label", ""))
        except KontoraError as exc:
            errors = exc.fields or {"name": [exc.message]}
        else:
            return redirect(url_for("permissions.role", role_id=role.id))
    rows = session().scalars(select(Role).options(selectinload(Role.permissions),
                                                  selectinload(Role.users)).order_by(Role.label))
    return render_template("permissions/roles.html", roles=list(rows), errors=errors), (
        422 if errors else 200)


@bp.route("/roles/<int:role_id>", methods=["GET", "POST"])
@permission_required(ADMIN_PERMISSION)
def role(role_id: int) -> Page:
    principal = current_principal()
    current = admin.get_role(principal, role_id)
    errors: dict[str, list[str]] = {}
    prefixes = admin.prefixes()
    if request.method == "POST":
        form = request.form
        try:
            admin.update_role(principal, role_id, label=form.get("label", ""),
                              permissions=set(form.getlist("permissions")),
                              default_scope=form.get("default_scope", ""),
                              scopes={p: form.get(f"scope.{p}", "") for p in prefixes})
        except KontoraError as exc:
            errors = exc.fields or {"_schema": [exc.message]}
        else:
            flash(_("Role saved."), "success")
            return redirect(url_for("permissions.role", role_id=role_id))
    return render_template("permissions/role.html", role=current, catalogue=catalogue(),
                           prefixes=prefixes, scopes=SCOPES, errors=errors), (
        422 if errors else 200)


@bp.route("/teams", methods=["GET", "POST"])
@permission_required(ADMIN_PERMISSION)
def teams() -> Page:
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        try:
            admin.create_team(current_principal(), request.form.get("name", ""))
        except KontoraError as exc:
            errors = exc.fields or {"name": [exc.message]}
        else:
            flash(_("Team created."), "success")
            return redirect(url_for("permissions.teams"))
    rows = session().scalars(select(Team).options(selectinload(Team.members))
                             .order_by(Team.name))
    return render_template("permissions/teams.html", teams=list(rows), errors=errors), (
        422 if errors else 200)


@bp.post("/teams/<int:team_id>/delete")
@permission_required(ADMIN_PERMISSION)
def delete_team(team_id: int) -> Response:
    admin.delete_team(current_principal(), team_id)
    flash(_("Team deleted."), "success")
    return redirect(url_for("permissions.teams"))


def _ids(values: list[str]) -> set[int]:
    return {int(v) for v in values if v.isdigit()}
