"""The calendar feed: a page to create, replace or revoke one's URL, and the feed itself.

The feed is public (calendar clients cannot sign in): the token in its URL is the key,
so it is rate-limited per address, answers 404 for any unknown or revoked token, and
the URL is shown only once, right after it was made.
"""

from __future__ import annotations

from flask import Response, flash, render_template, url_for

from core.errors import NotFound
from core.i18n import gettext as _
from core.identity import current_principal, limiter
from core.identity.guards import login_required, permission_required
from core.identity.users import staff_principal
from plugins.activities import services
from plugins.activities.feed import build_feed
from plugins.activities.links import external_url
from plugins.activities.services.calendar import token_of, user_for_token
from plugins.activities.views import bp


@bp.get("/calendar")
@login_required
@permission_required("activities.read")
def calendar():
    return _page(None)


@bp.post("/calendar/token")
@login_required
@permission_required("activities.read")
def calendar_token():
    token = services.regenerate_token(current_principal())
    return _page(external_url("activities.calendar_feed", token=token))


@bp.post("/calendar/revoke")
@login_required
@permission_required("activities.read")
def calendar_revoke():
    if services.revoke_token(current_principal()):
        flash(_("The calendar URL no longer works."), "success")
    return _page(None)


def _page(new_url: str | None) -> str:
    return render_template("activities/calendar.html", new_url=new_url,
                           token=token_of(current_principal().user_id),
                           regenerate=url_for("activities.calendar_token"),
                           revoke=url_for("activities.calendar_revoke"))


@bp.get("/calendar/<token>.ics")
@limiter.limit("30 per minute")
def calendar_feed(token: str) -> Response:
    user = user_for_token(token)
    if user is None:
        raise NotFound(_("There is no such calendar."))
    principal = staff_principal(user)
    body = build_feed(user, activities=principal.has("activities.read"),
                      tasks=principal.has("tasks.read"))
    return Response(body, mimetype="text/calendar", headers={
        "Content-Disposition": 'inline; filename="kontora.ics"',
        "Cache-Control": "private, max-age=300", "X-Content-Type-Options": "nosniff"})
