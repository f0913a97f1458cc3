"""Password reset by e-mailed link: signed, expiring, and bound to the current password
hash so it works once (after use the hash changes and the link no longer verifies)."""

from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from core.db import session
from core.identity.models import User
from core.identity.passwords import fingerprint
from core.identity.throttle import count_for_account
from core.identity.users import find_user
from core.jobs import enqueue
from core.kernel import kontora
from core.mail import send_mail

SALT = "kontora.password-reset"
MAX_AGE = 3600  # seconds a reset link stays valid
RESET_JOB = "identity.password-reset"
RESET_PATH = "/password/reset/"
ACCOUNT_LIMIT = "3 per hour"
"""Reset mails one account gets, whatever name or address asked for them."""
MAX_LOGIN = 254


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
    """Ask for a reset link for ``login`` (a login or an e-mail address).

    The request only enqueues :data:`RESET_JOB`, whatever ``login`` names: looking the
    account up, signing the token and writing the mail happen in the job, so the request
    does the same work (and takes the same time) for an existing account and an unknown
    one, and the page answers the same either way.
    """
    enqueue(RESET_JOB, login=login.strip()[:MAX_LOGIN])


def send_reset_link(login: str) -> None:
    """The job: e-mail a reset link to the active user ``login`` names, if there is one.

    At most :data:`ACCOUNT_LIMIT` mails per account, whatever name or address asked, so
    asking by login, by e-mail and in other letter cases cannot flood one inbox.
    """
    user = find_user(login)
    if user is None or not user.active or not user.email or not count_for_account(
            "password-reset-account", ACCOUNT_LIMIT, user.id):
        return
    link = f"{kontora().settings.base_url}{RESET_PATH}{make_reset_token(user)}"
    send_mail(user.email, template="identity/password-reset",
              context={"name": user.name, "link": link}, language=user.language, secret=True)
