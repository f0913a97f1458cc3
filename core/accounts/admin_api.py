"""REST side of the administration pages, under ``/api/v1/admin``: users (status, roles,
teams, signing out), roles (grants and record scopes) and teams.

The views call :mod:`core.permissions.admin`, the services of the pages, which check
``core.admin`` and guard the last administrator; every call here is refused before its body
is read unless the caller holds ``core.admin``.
"""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify
from marshmallow import Schema, fields, validate
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from core.api.blueprint import RECORD_ID, api_blueprint, api_principal, json_body
from core.api.fields import JsonBoolean, RecordId
from core.api.openapi import operation
from core.db import session
from core.errors import NotFound
from core.i18n import gettext as _
from core.identity.models import Team, User
from core.permissions import ADMIN_PERMISSION, admin, require
from core.permissions.models import SCOPES, Role
from core.services.helpers import validate as load

bp = api_blueprint("admin_api", __name__, url_prefix="/admin")
MAX_IDS = 1000


@bp.before_request
def _admins_only() -> None:
    """401 or 403 before any word about the body (the services check again)."""
    require(api_principal(), ADMIN_PERMISSION)


def _ids() -> fields.List:
    return fields.List(RecordId(), required=True, validate=validate.Length(max=MAX_IDS))


class StaffUserSchema(Schema):
    id = fields.Integer(required=True)
    login = fields.String(required=True)
    name = fields.String(required=True)
    email = fields.String(allow_none=True, required=True)
    active = fields.Boolean(required=True)
    language = fields.String(allow_none=True, required=True)
    timezone = fields.String(required=True)
    last_login_at = fields.AwareDateTime(allow_none=True, required=True)
    roles = fields.Method("_roles", required=True, metadata={"description": "Role ids."})
    teams = fields.Method("_teams", required=True, metadata={"description": "Team ids."})

    def _roles(self, user: User) -> list[int]:
        return [role.id for role in user.roles]

    def _teams(self, user: User) -> list[int]:
        return [team.id for team in user.teams]


class StaffUserInputSchema(Schema):
    """Replaces the account's name, e-mail, status, roles and teams."""

    name = fields.String(required=True, validate=validate.Length(max=200),
                         metadata={"description": "Blank keeps the name."})
    email = fields.Email(allow_none=True, load_default=None, validate=validate.Length(max=254))
    active = JsonBoolean(required=True)
    roles = _ids()
    teams = _ids()


class RoleSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    label = fields.String(required=True)
    grants_all = fields.Boolean(required=True, metadata={
        "description": "The admin role: every permission, scope all; its grants are fixed."})
    default_scope = fields.String(required=True, metadata={"enum": list(SCOPES)})
    permissions = fields.Method("_permissions", required=True)
    scopes = fields.Method("_scopes", required=True, metadata={
        "description": "Record scope per permission prefix, where it differs from the default."})

    def _permissions(self, role: Role) -> list[str]:
        return sorted(role.permission_codes)

    def _scopes(self, role: Role) -> dict[str, str]:
        return {s.prefix: s.scope for s in role.scopes}


class NewRoleSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=64),
                         metadata={"description": "Letters, digits and underscores."})
    label = fields.String(load_default="", validate=validate.Length(max=150))


class RoleInputSchema(Schema):
    """Replaces the role's grants (the admin role's permissions stay all)."""

    label = fields.String(required=True, validate=validate.Length(max=150))
    permissions = fields.List(fields.String(validate=validate.Length(max=100)), required=True,
                              validate=validate.Length(max=MAX_IDS))
    default_scope = fields.String(required=True, validate=validate.OneOf(SCOPES))
    scopes = fields.Dict(keys=fields.String(validate=validate.Length(max=64)),
                         values=fields.String(validate=validate.OneOf(["", *SCOPES])),
                         load_default=dict,
                         metadata={"description": "Permission prefix -> scope; blank or "
                                                  "absent: the default."})


class TeamSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    members = fields.Method("_members", required=True, metadata={"description": "User ids."})

    def _members(self, team: Team) -> list[int]:
        return [user.id for user in team.members]


class NewTeamSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=150))


def _user(user_id: int) -> User:
    user = session().get(User, user_id)
    if user is None:
        raise NotFound(_("No such user."))
    return user


def _created(schema: Schema, row: Any) -> tuple[Response, int]:
    return jsonify(schema.dump(row)), 201


@bp.get("/users")
@operation("GET", summary="Staff users", tags=["admin"],
           responses={200: StaffUserSchema(many=True)})
def list_users() -> Response:
    rows = session().scalars(select(User).options(selectinload(User.roles),
                                                  selectinload(User.teams)).order_by(User.name))
    return jsonify(StaffUserSchema(many=True).dump(rows))


@bp.get(f"/users/<{RECORD_ID}:user_id>")
@operation("GET", summary="A staff user", tags=["admin"], responses={200: StaffUserSchema})
def get_user(user_id: int) -> Response:
    return jsonify(StaffUserSchema().dump(_user(user_id)))


@bp.put(f"/users/<{RECORD_ID}:user_id>")
@operation("PUT", summary="Change a staff user's name, e-mail, status, roles and teams",
           tags=["admin"], request=StaffUserInputSchema, responses={200: StaffUserSchema},
           description="Disabling ends the user's sessions. Nobody disables themselves, and "
                       "the last active administrator keeps that right (422).")
def update_user(user_id: int) -> Response:
    data = load(StaffUserInputSchema(), json_body())
    user = admin.update_user(api_principal(), user_id, name=data["name"], email=data["email"],
                             active=data["active"], role_ids=set(data["roles"]),
                             team_ids=set(data["teams"]))
    return jsonify(StaffUserSchema().dump(user))


@bp.post(f"/users/<{RECORD_ID}:user_id>/sessions/end")
@operation("POST", summary="Sign a staff user out everywhere", tags=["admin"],
           responses={204: None})
def end_user_sessions(user_id: int) -> Response:
    admin.end_user_sessions(api_principal(), user_id)
    return Response(status=204)


@bp.get("/roles")
@operation("GET", summary="Roles", tags=["admin"], responses={200: RoleSchema(many=True)})
def list_roles() -> Response:
    rows = session().scalars(select(Role).options(selectinload(Role.permissions),
                                                  selectinload(Role.scopes))
                             .order_by(Role.label))
    return jsonify(RoleSchema(many=True).dump(rows))


@bp.post("/roles")
@operation("POST", summary="Make a role (it grants nothing yet)", tags=["admin"],
           request=NewRoleSchema, responses={201: RoleSchema}, errors=(409,))
def create_role() -> tuple[Response, int]:
    data = load(NewRoleSchema(), json_body())
    return _created(RoleSchema(), admin.create_role(api_principal(), data["name"],
                                                    data["label"]))


@bp.get(f"/roles/<{RECORD_ID}:role_id>")
@operation("GET", summary="A role", tags=["admin"], responses={200: RoleSchema})
def get_role(role_id: int) -> Response:
    return jsonify(RoleSchema().dump(admin.get_role(api_principal(), role_id)))


@bp.put(f"/roles/<{RECORD_ID}:role_id>")
@operation("PUT", summary="Set a role's label, permissions and record scopes", tags=["admin"],
           request=RoleInputSchema, responses={200: RoleSchema},
           description="From now on seeding leaves the role alone. Taking `core.admin` away "
                       "from the last administrators is refused (422).")
def update_role(role_id: int) -> Response:
    data = load(RoleInputSchema(), json_body())
    role = admin.update_role(api_principal(), role_id, label=data["label"],
                             permissions=set(data["permissions"]),
                             default_scope=data["default_scope"], scopes=data["scopes"])
    return jsonify(RoleSchema().dump(role))


@bp.get("/teams")
@operation("GET", summary="Teams", tags=["admin"], responses={200: TeamSchema(many=True)})
def list_teams() -> Response:
    rows = session().scalars(select(Team).options(selectinload(Team.members))
                             .order_by(Team.name))
    return jsonify(TeamSchema(many=True).dump(rows))


@bp.post("/teams")
@operation("POST", summary="Make a team", tags=["admin"], request=NewTeamSchema,
           responses={201: TeamSchema}, errors=(409,),
           description="Members join it from their user's page (`PUT /admin/users/{id}`).")
def create_team() -> tuple[Response, int]:
    data = load(NewTeamSchema(), json_body())
    return _created(TeamSchema(), admin.create_team(api_principal(), data["name"]))


@bp.delete(f"/teams/<{RECORD_ID}:team_id>")
@operation("DELETE", summary="Delete a team", tags=["admin"], responses={204: None})
def delete_team(team_id: int) -> Response:
    admin.delete_team(api_principal(), team_id)
    return Response(status=204)
