"""The kernel's ``web`` blueprint: home (plugins' cards), search, notifications, static files.

Handlers stay thin: read the request, call one function of :mod:`core.web.search` or
:mod:`core.web.notifications`, render.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import login_required
from core.web import notifications
from core.web.home import home_cards
from core.web.pickers import pick_answer
from core.web.search import run_search

DROPDOWN_LIMIT = 5
PAGE_LIMIT = 20


def make_blueprint() -> Blueprint:
    """A fresh blueprint per application, so each app registers its own routes."""
    bp = Blueprint("web", __name__, template_folder="templates", static_folder="static",
                   static_url_path="/static/web")

    @bp.get("/")
    @login_required
    def home():
        return render_template("home.html", cards=home_cards(current_principal()))

    @bp.get("/search")
    @login_required
    def search():
        text = request.args.get("q", "")
        groups = run_search(current_principal(), text, PAGE_LIMIT)
        return render_template("search/results.html", q=text, groups=groups)

    @bp.get("/search/dropdown")
    @login_required
    def search_dropdown():
        text = request.args.get("q", "")
        groups = run_search(current_principal(), text, DROPDOWN_LIMIT)
        return render_template("search/_dropdown.html", q=text.strip(), groups=groups)

    @bp.get("/pick/<kind>")
    @login_required
    def pick(kind: str):
        return pick_answer(current_principal(), kind)

    @bp.get("/notifications", endpoint="notifications")
    @login_required
    def notifications_list():
        before = request.args.get("before", type=int)
        items = notifications.recent(current_principal().user_id, before_id=before)
        older = items[-1].id if len(items) == notifications.PAGE_SIZE else None
        return render_template("notifications/list.html", items=items, older=older)

    @bp.get("/notifications/badge")
    @login_required
    def notifications_badge():
        return render_template("notifications/_badge.html")

    @bp.post("/notifications/<int:notification_id>/read")
    @login_required
    def notification_read(notification_id: int):
        note = notifications.mark_read(current_principal().user_id, notification_id)
        if request.form.get("open") and note.link:
            return redirect(note.link)
        if request.headers.get("HX-Request"):
            return render_template("notifications/_item.html", note=note)
        return redirect(url_for("web.notifications"))

    @bp.post("/notifications/read-all")
    @login_required
    def notifications_read_all():
        count = notifications.mark_all_read(current_principal().user_id)
        flash(_("%(count)s notifications marked read.", count=count), "success")
        return redirect(url_for("web.notifications"))

    return bp
