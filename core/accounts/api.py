"""REST side of one's own account, under ``/api/v1/me``: what the preferences and tokens
pages do — preferences, password, API tokens, signing out everywhere.

Every operation acts on the caller's own account through the services the pages call, so
it can neither reach another account nor grant more than the caller holds.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import flask_login
from flask import Response, jsonify
from marshmallow import Schema, ValidationError, fields, validate

from core.api.blueprint import RECORD_ID, api_blueprint, api_principal, json_body
from core.api.openapi import operation
from core.db import session
from core.errors import NotFound
from core.i18n import LANGUAGES
from core.i18n import gettext as _
from core.i18n import lazy_gettext as _l
from core.identity import limiter
from core.identity.models import ApiToken, User
from core.identity.tokens import MAX_NAME, PREFIX, create_token, revoke_token, tokens_of
from core.identity.users import (
    change_password,
    end_sessions_of,
    set_preferences,
    staff_principal,
)
from core.services.helpers import validate as load

bp = api_blueprint("me_api", __name__, url_prefix="/me")
TAGS = ["me"]
MAX_PASSWORD = 1024
"""Longer is no password anyone types, only work for the hasher."""


class MeSchema(Schema):
    """The caller's account and preferences."""

    id = fields.Integer(required=True)
    login = fields.String(required=True)
    name = fields.String(required=True)
    email = fields.String(allow_none=True, required=True)
    language = fields.String(allow_none=True, required=True,
                             metadata={"description": "null: the browser's language."})
    timezone = fields.String(required=True)


class PreferencesSchema(Schema):
    """Only the fields given change."""

    language = fields.String(validate=validate.Length(max=8), metadata={
        "enum": ["", *LANGUAGES], "description": "Blank: follow the browser's language."})
    timezone = fields.String(validate=validate.Length(max=64),
                             metadata={"description": "An IANA zone, like Europe/Sofia."})


class PasswordChangeSchema(Schema):
    current = fields.String(required=True, validate=validate.Length(max=MAX_PASSWORD))
    password = fields.String(required=True, validate=validate.Length(max=MAX_PASSWORD),
                             metadata={"description": "The new password."})


class UtcDateTime(fields.AwareDateTime):
    """An aware date-time, turned to UTC; one that leaves the calendar in UTC is refused."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> datetime:
        moment = super()._deserialize(value, attr, data, **kwargs)
        try:
            return moment.astimezone(UTC)
        except OverflowError:
            raise ValidationError(_l("The date is out of range.")) from None


class ApiTokenSchema(Schema):
    """An API token as listed: never its secret, which only its creation shows."""

    id = fields.Integer(required=True)
    name = fields.String(required=True)
    prefix = fields.Method("_prefix", required=True,
                           metadata={"description": "The token's public start, to recognise it."})
    permissions = fields.List(fields.String(), required=True)
    expires_at = fields.AwareDateTime(allow_none=True, required=True)
    revoked_at = fields.AwareDateTime(allow_none=True, required=True)
    created_at = fields.AwareDateTime(required=True)

    def _prefix(self, token: ApiToken) -> str:
        return f"{PREFIX}{token.lookup}"


class NewApiTokenSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=MAX_NAME))
    permissions = fields.List(fields.String(validate=validate.Length(max=100)), required=True,
                              validate=validate.Length(min=1, max=1000))
    expires_at = UtcDateTime(load_default=None, allow_none=True,
                             metadata={"description": "null: never expires."})


class CreatedApiTokenSchema(ApiTokenSchema):
    token = fields.String(required=True, metadata={
        "description": "The token itself: shown this once, stored only as a hash."})


def _me() -> Response:
    return jsonify(MeSchema().dump(session().get(User, api_principal().id)))


@bp.get("")
@operation("GET", summary="Your account and preferences", tags=TAGS,
           responses={200: MeSchema})
def get_me() -> Response:
    return _me()


@bp.put("/preferences")
@operation("PUT", summary="Save your preferences (language, time zone)", tags=TAGS,
           request=PreferencesSchema, responses={200: MeSchema})
def save_preferences() -> Response:
    principal = api_principal()
    set_preferences(principal, load(PreferencesSchema(), json_body()))
    return _me()


@bp.post("/password")
@limiter.limit("5 per minute")
@operation("POST", summary="Change your password", tags=TAGS, request=PasswordChangeSchema,
           responses={204: None},
           description="Needs the current password. Every web session of the account ends; "
                       "this one, when the call came with it, goes on. API tokens live on.")
def change_my_password() -> Response:
    principal = api_principal()
    data = load(PasswordChangeSchema(), json_body())
    user = change_password(principal, data["current"], data["password"])
    if principal.token_id is None:
        flask_login.login_user(staff_principal(user))  # this session follows the password
    return Response(status=204)


@bp.post("/sessions/end")
@operation("POST", summary="Sign out everywhere", tags=TAGS, responses={204: None},
           description="Ends every web session of your account, this one too; API tokens "
                       "live on (revoke them one by one).")
def end_my_sessions() -> Response:
    principal = api_principal()
    end_sessions_of(principal)
    if principal.token_id is None:
        flask_login.logout_user()
    return Response(status=204)


@bp.get("/tokens")
@operation("GET", summary="Your API tokens, newest first", tags=TAGS,
           responses={200: ApiTokenSchema(many=True)})
def list_tokens() -> Response:
    return jsonify(ApiTokenSchema(many=True).dump(tokens_of(api_principal().id)))


@bp.post("/tokens")
@operation("POST", summary="Make an API token", tags=TAGS, request=NewApiTokenSchema,
           responses={201: CreatedApiTokenSchema},
           description="The token may carry only permissions you hold; one made with a token "
                       "may not outlive it. The answer shows the token once.")
def make_token() -> tuple[Response, int]:
    principal = api_principal()
    data = load(NewApiTokenSchema(), json_body())
    token, text = create_token(principal, data["name"], data["permissions"], data["expires_at"])
    return jsonify({**CreatedApiTokenSchema().dump(token), "token": text}), 201


@bp.post(f"/tokens/<{RECORD_ID}:token_id>/revoke")
@operation("POST", summary="Revoke one of your API tokens", tags=TAGS,
           responses={200: ApiTokenSchema}, errors=(409,),
           description="Revoking twice changes nothing. The token making the request cannot "
                       "revoke itself (409).")
def revoke_my_token(token_id: int) -> Response:
    principal = api_principal()
    token = session().get(ApiToken, token_id)
    if token is None or token.user_id != principal.id:  # yours only, even for an admin
        raise NotFound(_("There is no such token."))
    return jsonify(ApiTokenSchema().dump(revoke_token(principal, token_id)))
