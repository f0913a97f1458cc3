"""Password reset by e-mailed link: signed, expiring, and bound to the current password
hash so it works once (after use the hash changes and the link no longer verifies)."""

from __future__ import annotations

from flask import current_app, url_for
from itsdangerous import BadSignature, URLSafeTimedSerializer

from core.db import session
from core.identity.models import User
from core.identity.passwords import fingerprint
from core.identity.users import find_user
from core.kernel import kontora
from core.mail import send_mail

SALT = "kontora.password-reset"
MAX_AGE = 3600  # seconds a reset link stays valid


def serializer(**kwargs: object) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT, **kwargs)


def reset_payload(user: User) -> dict:
    return {"u": user.id, "p": fingerprint(user.password_hash)}


def make_reset_token(user: User) -> str:
    return serializer().dumps(reset_payload(user))


def user_for_token(token: str) -> User | None:
    """The user a still-valid reset token belongs to, ``None`` if expired, used or forged."""
    try:
        data = serializer().loads(token, max_age=MAX_AGE)
    except BadSignature:  # SignatureExpired is a subclass
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    user = session().get(User, data["u"])
    if user is None or not user.active or data.get("p") != fingerprint(user.password_hash):
        return None
    return user


def request_reset(login: str) -> None:
    """E-mail a reset link to the user named by ``login`` or e-mail, if there is one.

    Says nothing about whether the account exists: the page answers the same either way.
    """

    user = find_user(login)
    if user is None or not user.active or not user.email:
        return
    link = kontora().settings.base_url + url_for("identity.reset_password",
                                                 token=make_reset_token(user))
    send_mail(user.email, template="identity/password-reset",
              context={"name": user.name, "link": link}, language=user.language, secret=True)
