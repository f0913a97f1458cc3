"""Staff web side of conversions: the convert button's route and the template helpers."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, flash, redirect, request, url_for
from werkzeug.routing import BuildError
from werkzeug.wrappers import Response

from core.api.blueprint import RECORD_ID, accept_record_ids
from core.conversions.services import available_conversions, convert, document_chain
from core.errors import KontoraError
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import login_required
from core.kernel import kontora

bp = accept_record_ids(Blueprint("conversions", __name__, template_folder="templates"))


@bp.post(f"/convert/<kind>/<{RECORD_ID}:record_id>/<target>")
@login_required
def convert_view(kind: str, record_id: int, target: str) -> Response:
    """Run a conversion from a detail page's button, then open the target."""

    result = convert(current_principal(), kind, record_id, target)
    target_kind = kontora().kinds[target]
    title = target_kind.title_of(result.record)
    if result.created:
        flash(_("%(title)s was created.", title=title), "success")
    else:
        flash(_("%(title)s already exists; it was opened instead.", title=title), "info")
    url = record_url(target, result.target_id) or record_url(kind, record_id)
    return redirect(url or request.referrer or "/")


def record_url(kind: str, record_id: int) -> str | None:
    """The staff page of ``kind`` #``record_id``, when its plugin has one."""

    rk = kontora().kinds.get(kind)
    if rk is None or not rk.endpoint:
        return None
    try:
        return url_for(rk.endpoint, id=record_id)
    except BuildError:
        return None


def conversion_buttons(kind: str, record_id: int) -> list[Any]:
    """The conversions the signed-in user may run on the record (for ``_buttons.html``)."""

    try:
        return available_conversions(current_principal(), kind, record_id)
    except KontoraError:
        return []


def chain_of(kind: str, record_id: int) -> list[Any]:
    """The document chain as the signed-in user may see it (for ``_chain.html``)."""

    principal = current_principal()
    return document_chain(kind, record_id, principal) if principal is not None else []


def install(app: Flask) -> None:
    """Make the template helpers available to every page."""
    app.jinja_env.globals.update(conversion_buttons=conversion_buttons,
                                 document_chain=chain_of, record_url=record_url)
