"""REST endpoints for staff under ``/api/v1/parties.client/<id>/portal-users``: who has
access to a client's portal, and inviting a contact person (the same service as the
invitation form on the client's profile: ``portal.invite``, the client's record rule).
"""

from __future__ import annotations

from flask import jsonify
from marshmallow import Schema, fields
from sqlalchemy import select

from core.api.blueprint import RECORD_ID, api_blueprint, api_principal, json_body
from core.api.openapi import operation
from core.db import session
from core.identity.models import PortalUser
from core.permissions import require
from core.services import load_record
from plugins.portal.models import PortalAccess
from plugins.portal.services.access import CLIENT
from plugins.portal.services.accounts import InvitationSchema, invite

bp = api_blueprint("portal_api", __name__)

USERS = f"/parties.client/<{RECORD_ID}:record_id>/portal-users"
TAGS = ["portal"]


class PortalUserSchema(Schema):
    """A client's portal user as staff see it (never its password or sessions)."""

    id = fields.Integer(dump_only=True)
    email = fields.String(dump_only=True)
    name = fields.String(dump_only=True)
    active = fields.Boolean(dump_only=True)
    has_password = fields.Function(lambda user: user.password_hash is not None,
                                   dump_only=True)


@bp.get(USERS)
@operation("GET", summary="The client's portal users", tags=TAGS,
           responses={200: PortalUserSchema(many=True)})
def portal_users(record_id: int):
    principal = api_principal()
    require(principal, "portal.invite")
    load_record(principal, CLIENT, record_id)
    users = session().scalars(
        select(PortalUser).join(PortalAccess, PortalAccess.portal_user_id == PortalUser.id)
        .where(PortalAccess.client_id == record_id).order_by(PortalUser.name, PortalUser.id))
    return jsonify(PortalUserSchema(many=True).dump(users))


@bp.post(USERS)
@operation("POST", summary="Invite a contact person to the client's portal (an e-mailed, "
           "single-use link; inviting again sends a fresh link and adds nothing)", tags=TAGS,
           request=InvitationSchema, responses={201: PortalUserSchema}, errors=(422,))
def invite_contact(record_id: int):
    account = invite(api_principal(), record_id, json_body())
    return jsonify(PortalUserSchema().dump(account)), 201
