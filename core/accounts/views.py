"""Staff pages: sign in and out, password reset, preferences and personal API tokens."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import available_timezones

import flask_login
from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_limiter.util import get_remote_address
from werkzeug.wrappers import Response

from core.accounts.reset import RESET_PATH, request_reset, user_for_token
from core.db import session
from core.errors import ValidationError
from core.i18n import LANGUAGES
from core.i18n import gettext as _
from core.identity import current_principal, limiter, users
from core.identity.guards import login_required
from core.identity.models import User
from core.identity.throttle import account_may_try, count_for_account
from core.identity.tokens import create_token, revoke_token, tokens_of
from core.identity.users import (
    authenticate_user,
    end_sessions_of,
    find_user,
    set_password,
    set_preferences,
    staff_principal,
)
from core.permissions import catalogue

bp = Blueprint("identity", __name__, template_folder="templates")

LOGIN_LIMITS = ("5 per minute", "50 per minute")
"""Per address and login, then per address: slows guessing without locking out an office."""
ACCOUNT_LOGIN_LIMIT = "5 per minute"
"""Failed sign-ins per account, whatever name, case or address they were typed with."""
LOGIN_SCOPE = "login-account"


def _login_key() -> str:
    return f"{get_remote_address()}:{request.form.get('login', '').strip().lower()}"


def _safe_next(target: str | None) -> str:
    """Only same-site paths, so the login form is no open redirect."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    home = "web.home" if "web.home" in current_app.view_functions else "identity.preferences"
    return url_for(home)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(LOGIN_LIMITS[0], methods=["POST"], key_func=_login_key)
@limiter.limit(LOGIN_LIMITS[1], methods=["POST"])
def login() -> str | Response:
    error = None
    if request.method == "POST":
        account = find_user(request.form.get("login", ""))
        # Per account too, checked before the password: another spelling of the name gives
        # no extra guesses (the right password is held as well, or 429 would tell it).
        if account is not None and not account_may_try(LOGIN_SCOPE, ACCOUNT_LOGIN_LIMIT,
                                                        account.id):
            abort(429)
        user = authenticate_user(account, request.form.get("password", ""))
        if user is not None:
            flask_login.login_user(staff_principal(user))
            return redirect(_safe_next(request.args.get("next")))
        if account is not None:
            count_for_account(LOGIN_SCOPE, ACCOUNT_LOGIN_LIMIT, account.id)
        error = _("Wrong login or password.")
    status = 401 if error else 200
    return render_template("identity/login.html", error=error,
                           login=request.form.get("login", "")), status


@bp.post("/logout")
def logout() -> Response:
    """Sign out: every session of the account ends on the server (see ``setup``)."""
    flask_login.logout_user()
    flash(_("You are signed out."), "info")
    return redirect(url_for("identity.login"))


@bp.post("/sessions/end")
@login_required
def end_my_sessions() -> Response:
    """Sign out everywhere: this browser and every other one holding a session."""
    end_sessions_of(current_principal())
    flask_login.logout_user()
    flash(_("You are signed out on every device."), "info")
    return redirect(url_for("identity.login"))


def _account_key() -> str:
    return f"reset:{request.form.get('login', '').strip().lower()}"


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit("5 per minute", methods=["POST"])
# Per typed name whatever the address, so many addresses cannot flood one inbox; the reset
# job also counts mails per account (reset.ACCOUNT_LIMIT), whatever name asked.
@limiter.limit("3 per hour", methods=["POST"], key_func=_account_key)
def forgot_password() -> str:
    sent = False
    if request.method == "POST":
        request_reset(request.form.get("login", ""))
        sent = True
    return render_template("identity/forgot.html", sent=sent)


@bp.route(f"{RESET_PATH}<token>", methods=["GET", "POST"])
@limiter.limit("10 per minute")
def reset_password(token: str) -> str | Response | tuple[str, int]:
    user = user_for_token(token)
    if user is None:
        return render_template("identity/reset.html", invalid=True, errors={}), 400
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        password = request.form.get("password", "")
        if password != request.form.get("confirm", ""):
            errors["confirm"] = [_("The two passwords differ.")]
        else:
            try:
                set_password(user, password)
            except ValidationError as exc:
                errors = exc.fields
        if not errors:
            flask_login.logout_user()
            flash(_("Your password is changed. Sign in with the new one."), "success")
            return redirect(url_for("identity.login"))
    return render_template("identity/reset.html", invalid=False, errors=errors), (
        422 if errors else 200)


def _language_choices() -> list[tuple[str, str]]:
    """The four languages, then "follow the browser" (saved as no preference).

    Last, not first: a required select whose first option is empty would count as unanswered.
    """
    return [*LANGUAGES.items(), ("", _("Browser language"))]


@bp.route("/preferences", methods=["GET", "POST"])
@login_required
def preferences() -> str | Response | tuple[str, int]:
    principal = current_principal()
    user = session().get(User, principal.id)
    zones = sorted(available_timezones())
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        try:
            set_preferences(principal, {"language": request.form.get("language", ""),
                                        "timezone": request.form.get("timezone", "")})
        except ValidationError as exc:
            errors = exc.fields
        else:
            flash(_("Preferences saved."), "success")
            return redirect(url_for("identity.preferences"))
    return render_template("identity/preferences.html", user=user, languages=_language_choices(),
                           zone_choices=[(z, z) for z in zones], errors=errors), (
        422 if errors else 200)


@bp.post("/password/change")
@login_required
@limiter.limit("5 per minute")
def change_password() -> str | Response | tuple[str, int]:
    """Change one's own password, knowing the current one; other sessions end with it."""
    principal = current_principal()
    user = session().get(User, principal.id)
    form = request.form
    errors: dict[str, list[str]] = {}
    if form.get("password", "") != form.get("confirm", ""):
        errors["confirm"] = [_("The two passwords differ.")]
    else:
        try:
            users.change_password(principal, form.get("current", ""), form.get("password", ""))
        except ValidationError as exc:
            errors = exc.fields
    if errors:
        return render_template("identity/preferences.html", user=user,
                               languages=_language_choices(),
                               zone_choices=[(z, z) for z in sorted(available_timezones())],
                               errors={}, password_errors=errors), 422
    flask_login.login_user(staff_principal(user))  # this session follows the new password
    flash(_("Your password is changed."), "success")
    return redirect(url_for("identity.preferences"))


@bp.route("/tokens", methods=["GET", "POST"])
@login_required
def tokens() -> str | tuple[str, int]:
    principal = current_principal()
    errors: dict[str, list[str]] = {}
    created = None
    if request.method == "POST":
        try:
            expires = _parse_date(request.form.get("expires_on", ""))
            _token, created = create_token(principal, request.form.get("name", ""),
                                           request.form.getlist("permissions"), expires)
        except ValidationError as exc:
            errors = exc.fields
    grantable = {code: label for code, label in catalogue().items() if principal.has(code)}
    return render_template("identity/tokens.html", tokens=tokens_of(principal.id),
                           grantable=grantable, created=created, errors=errors,
                           now=datetime.now(UTC)), (422 if errors else 200)


@bp.post("/tokens/<int:token_id>/revoke")
@login_required
def revoke(token_id: int) -> Response:
    revoke_token(current_principal(), token_id)
    flash(_("The token is revoked."), "success")
    return redirect(url_for("identity.tokens"))


def _parse_date(text: str) -> datetime | None:
    """An expiry date from the form (end of that day, UTC); empty means never."""
    if not text.strip():
        return None
    try:
        day = datetime.strptime(text.strip(), "%Y-%m-%d").date()
    except ValueError:
        raise ValidationError(_("The token cannot be created."),
                              fields={"expires_on": [_("Use a date like 2030-12-31.")]}) from None
    return datetime.combine(day, time.max, tzinfo=UTC)
