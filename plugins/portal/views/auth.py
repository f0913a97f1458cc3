"""Portal sign-in and out: password, e-mailed magic link, and the invitation page.

Rate-limited like the staff sign-in (per address and typed e-mail, and per account),
CSRF-checked by the kernel, and signing out ends the account's sessions on the server.
"""

from __future__ import annotations

import flask_login
from flask import abort, flash, redirect, render_template, request, url_for
from flask_limiter.util import get_remote_address
from werkzeug.wrappers import Response

from core.errors import ValidationError
from core.i18n import gettext as _
from core.identity import limiter
from core.identity.models import PortalUser
from core.identity.throttle import account_may_try, count_for_account
from core.identity.users import authenticate_portal, portal_principal
from plugins.portal.services.access import first_access
from plugins.portal.services.accounts import (
    INVITATION,
    MAGIC_LINK,
    accept_invitation,
    find_account,
    link_account,
    magic_sign_in,
    send_magic_link,
)
from plugins.portal.views import bp

LOGIN_LIMITS = ("5 per minute", "50 per minute")
ACCOUNT_LOGIN_LIMIT = "5 per minute"
LOGIN_SCOPE = "portal-login-account"


def _login_key() -> str:
    return f"{get_remote_address()}:{request.form.get('email', '').strip().lower()}"


def _safe_next(target: str | None) -> str:
    """Only portal paths: the form is no open redirect and no way into staff pages."""
    if target and target.startswith("/portal/") and "\\" not in target:
        return target
    return url_for("portal.home")


def _sign_in(account: PortalUser) -> None:
    first_access(account)
    flask_login.login_user(portal_principal(account))


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(LOGIN_LIMITS[0], methods=["POST"], key_func=_login_key)
@limiter.limit(LOGIN_LIMITS[1], methods=["POST"])
def login() -> str | Response | tuple[str, int]:
    error = None
    email = request.form.get("email", "")
    if request.method == "POST":
        known = find_account(email)
        if known is not None and not account_may_try(LOGIN_SCOPE, ACCOUNT_LOGIN_LIMIT,
                                                      known.id):
            abort(429)
        account = authenticate_portal(email, request.form.get("password", ""))
        if account is not None:
            if not first_access(account):
                error = _("You no longer have access to any client's portal.")
            else:
                flask_login.login_user(portal_principal(account))
                return redirect(_safe_next(request.args.get("next")))
        else:
            if known is not None:
                count_for_account(LOGIN_SCOPE, ACCOUNT_LOGIN_LIMIT, known.id)
            error = _("Wrong e-mail or password.")
    return render_template("portal/login.html", error=error, email=email), \
        401 if error else 200


@bp.post("/logout")
def logout() -> Response:
    flask_login.logout_user()
    flash(_("You are signed out."), "info")
    return redirect(url_for("portal.login"))


@bp.route("/magic-link", methods=["GET", "POST"])
@limiter.limit("5 per minute", methods=["POST"])
def magic_link() -> str:
    """Ask for a sign-in link; the page answers the same for unknown addresses."""
    sent = False
    if request.method == "POST":
        send_magic_link(request.form.get("email", "")[:254])
        sent = True
    return render_template("portal/magic_link.html", sent=sent)


@bp.route("/magic-link/<token>", methods=["GET", "POST"], endpoint="magic_sign_in")
@limiter.limit("10 per minute")
def magic_sign_in_page(token: str) -> str | Response:
    """Opening the link shows a button; only pressing it signs in (mail scanners that
    fetch links must not use them up)."""
    if request.method == "POST":
        _sign_in(magic_sign_in(token))
        return redirect(url_for("portal.home"))
    return render_template("portal/magic_confirm.html", account=link_account(token, MAGIC_LINK))


@bp.route("/invitation/<token>", methods=["GET", "POST"], endpoint="accept_invitation")
@limiter.limit("10 per minute")
def accept_invitation_page(token: str) -> str | Response | tuple[str, int]:
    account = link_account(token, INVITATION)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        if request.form.get("password", "") != request.form.get("confirm", ""):
            errors = {"confirm": [_("The two passwords differ.")]}
        else:
            try:
                account = accept_invitation(token, request.form.get("password", ""))
            except ValidationError as exc:
                errors = exc.fields
            else:
                _sign_in(account)
                flash(_("Welcome! Your password is set."), "success")
                return redirect(url_for("portal.home"))
    return render_template("portal/set_password.html", account=account, errors=errors), \
        422 if errors else 200
