"""The client list as a CSV or XLSX file, with the list page's search and filters.

Rows are read in batches (``core.listing.iter_records``) and written by the kernel's
streaming exporters, so a list of any length is exported in constant memory; the record
rules apply as on the page.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Blueprint, Response, request

from core.i18n import lazy_gettext as _l
from core.identity import current_principal
from core.identity.guards import login_required, permission_required
from core.listing import iter_records, list_records
from core.permissions import require
from core.web.generic.declaration import Column
from core.web.generic.export import csv_response, xlsx_response
from core.web.generic.views import reader_tz

bp = Blueprint("parties_export", __name__, url_prefix="/clients")

LIST_FILTERS = ("kind", "status", "country", "relationship_type")
COLUMNS = (
    Column("id", "ID"), Column("name", _l("Name")), Column("kind", _l("Kind")),
    Column("status", _l("Status")), Column("country", _l("Country")),
    Column("tax_id", _l("Tax id")), Column("vat_number", _l("VAT number")),
    Column("vat_check_status", _l("VAT check")),
    Column("trade_register_no", _l("Trade register number")),
    Column("personal_id", _l("Personal id")), Column("email", _l("E-mail")),
    Column("phone", _l("Phone")), Column("website", _l("Website")),
    Column("relationship_type", _l("Relationship")), Column("loyalty", _l("Loyalty")),
    Column("size", _l("Size")), Column("created_at", _l("Created")),
)


@bp.get("/export.<any(csv, xlsx):fmt>")
@login_required
@permission_required("parties.export")
def clients_export(fmt: str):
    return export_clients(current_principal(), fmt, request.args)


def export_clients(principal: Any, fmt: str, args: Mapping[str, str]) -> Response:
    """The clients ``args`` select (``q``, ``sort`` and the list's filters) as a CSV or XLSX
    download; the page's export and the API's."""
    require(principal, "parties.export")
    query = {"filters": {k: v for k in LIST_FILTERS if (v := args.get(k))},
             "search": args.get("q") or None, "sort": args.get("sort")}
    list_records(principal, "parties.client", limit=1, **query)  # bad input fails here

    def records():
        return iter_records(principal, "parties.client", **query)

    if fmt == "csv":
        return csv_response(records, COLUMNS, "clients", reader_tz())
    return xlsx_response(records, COLUMNS, "clients", str(_l("Clients")), reader_tz())
