"""The billing-schedule form on a contract's page: set it, stop it, back to the contract.

Errors are flashed naming each field, since the form lives in a tab of the contract page.
"""

from __future__ import annotations

from flask import flash, redirect, request, url_for

from core.errors import ValidationError
from core.i18n import gettext as _
from core.i18n import lazy_gettext as _l
from core.identity import current_principal
from core.identity.guards import login_required
from core.web.switches import switch_on
from plugins.invoicing.conversions import CONTRACT
from plugins.invoicing.services import schedules
from plugins.invoicing.views import bp

FIELDS = {"start_date": _l("Start date"), "end_date": _l("End date"),
          "day_of_month": _l("Day of the month"), "amount": _l("Amount per month"),
          "vat_rate": _l("VAT rate"), "series": _l("Series")}


def _back(record_id: int):
    return redirect(url_for("contracts.contract_detail", id=record_id) + "#tab-billing-schedule",
                    code=303)


@bp.post("/schedules/contract/<int:record_id>", endpoint="schedule_set")
@login_required
def schedule_set(record_id: int):
    data = {key: request.form[key] for key in FIELDS if request.form.get(key, "").strip()}
    data["issue"] = switch_on(request.form, "issue")
    try:
        schedules.set_schedule(current_principal(), CONTRACT, record_id, data)
    except ValidationError as exc:
        for field, messages in exc.fields.items():
            flash(f"{FIELDS.get(field, field)}: {' '.join(messages)}", "danger")
        return _back(record_id)
    flash(_("Billing schedule saved."), "success")
    return _back(record_id)


@bp.post("/schedules/contract/<int:record_id>/stop", endpoint="schedule_stop")
@login_required
def schedule_stop(record_id: int):
    schedules.stop_schedule(current_principal(), CONTRACT, record_id)
    flash(_("Billing schedule stopped."), "success")
    return _back(record_id)
