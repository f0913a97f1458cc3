"""The exchange rates page: the latest rates, a form to enter one and the national bank's
daily file to import (BNR's ``nbrfxrates.xml``), each through one service, as the API."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for

from core.company import company_profile
from core.errors import ValidationError
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import login_required, permission_required
from plugins.invoicing import services
from plugins.invoicing.views import bp

RATE_FIELDS = ("currency", "rate_date", "rate")
MAX_FILE = 1024 * 1024
"""BNR's daily file is a few kilobytes; its yearly file well under a megabyte."""


@bp.get("/rates", endpoint="rates")
@login_required
def rates():
    return _page({}, {}, None)


@bp.post("/rates", endpoint="rate_add")
@login_required
@permission_required("invoicing.rates")
def rate_add():
    values = {name: value for name in RATE_FIELDS if (value := request.form.get(name, "").strip())}
    try:
        row = services.set_rate(current_principal(), values)
    except ValidationError as exc:
        return _page(values, exc.fields, exc.message), 422
    flash(
        _(
            "The %(currency)s rate of %(day)s was saved.",
            currency=row.currency,
            day=row.rate_date.isoformat(),
        ),
        "success",
    )
    return redirect(url_for("invoicing.rates"), code=303)


@bp.post("/rates/import", endpoint="rate_import")
@login_required
@permission_required("invoicing.rates")
def rate_import():
    upload = request.files.get("file")
    content = upload.read(MAX_FILE + 1) if upload else b""
    if not content or len(content) > MAX_FILE:
        errors = {"file": [_("Choose the national bank's XML file (at most 1 MB).")]}
        return _page({}, errors, None), 422
    try:
        count = services.import_bnr_xml(current_principal(), content)
    except ValidationError as exc:
        return _page({}, exc.fields, exc.message), 422
    flash(_("%(count)s rates were imported.", count=count), "success")
    return redirect(url_for("invoicing.rates"), code=303)


def _page(values: dict[str, Any], errors: dict, message: str | None) -> str:
    return render_template(
        "invoicing/rates.html",
        rates=services.recent_rates(current_principal()),
        values=values,
        errors=errors,
        message=message,
        domestic=company_profile().currency,
    )
