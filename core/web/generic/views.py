"""The generic pages of one declaration: list, export, detail, new, edit, delete.

Handlers are thin: load, check, call one service (``core.services`` for records,
``core.listing`` for lists), render. Every state change goes through those services, so
permissions, record rules, validation, audit and signals hold here as everywhere else.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any
from zoneinfo import ZoneInfo

from flask import abort, flash, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from core.api.blueprint import MAX_RECORD_ID
from core.errors import Conflict, ValidationError
from core.i18n import get_timezone
from core.i18n import gettext as _
from core.identity import current_principal
from core.kernel import kontora
from core.kinds import RecordKind
from core.listing import Page, count_records, iter_records, list_records
from core.permissions import catalogue, require
from core.services import create_record, delete_record, get_record, update_record
from core.web.badges import list_badges
from core.web.context import url_for_if
from core.web.generic.declaration import Crud, Related
from core.web.generic.display import display
from core.web.generic.export import csv_response, plain_columns, xlsx_response
from core.web.generic.state import ListState
from core.web.pickers import back_to_picker
from core.web.switches import switch_on


class CrudViews:
    """View functions bound to one :class:`Crud` declaration."""

    def __init__(self, crud: Crud) -> None:
        self.crud = crud

    # helpers

    def kind(self) -> RecordKind:
        return kontora().kinds[self.crud.kind]

    def detail_url(self, record: Any) -> str:
        return url_for(self.crud.endpoint("detail"), id=record.id)

    def _context(self, **values: Any) -> dict[str, Any]:
        kind = self.kind()
        principal = current_principal()
        return {"crud": self.crud, "kind": kind, "display": display,
                "detail_url": self.detail_url, "picker_create_url": picker_create_url,
                "can_write": principal is not None and principal.has(kind.write_permission),
                **values}

    # list and export

    def list(self):
        state = ListState.from_args(self.crud, request.args)
        listing = self.crud.listing_kind(self.kind())
        errors: dict[str, Any] = {}
        status = 200
        try:
            page = list_records(current_principal(), listing, filters=state.filters,
                                search=state.q or None, sort=state.sort, cursor=state.cursor,
                                limit=self.crud.page_size, eager=True)
            total = count_records(current_principal(), listing, filters=state.filters,
                                  search=state.q or None)
        except ValidationError as exc:
            page, errors, status = Page([], None), exc.fields or {"q": [exc.message]}, 422
            total = 0
        sortable = set(listing.extra["sort"]) | {"id"}
        badges = list_badges(listing.kind, [r.id for r in page.items])
        body = render_template(self.crud.templates("list"),
                               **self._context(page=page, state=state, errors=errors,
                                               sortable=sortable, badges=badges, total=total))
        return body, status

    def export(self, fmt: str):
        state = ListState.from_args(self.crud, request.args)
        listing = self.crud.listing_kind(self.kind())
        principal = current_principal()
        require(principal, export_permission(listing))
        query = {"filters": state.filters, "search": state.q or None, "sort": state.sort}
        list_records(principal, listing, limit=1, **query)  # bad input fails here, as a page
        columns = plain_columns(listing.model, self.crud.columns)

        def records():
            return iter_records(principal, listing, columns=columns, **query)

        name = str(listing.label_plural).lower().replace(" ", "-")
        if fmt == "csv":
            return csv_response(records, self.crud.columns, name, reader_tz())
        return xlsx_response(records, self.crud.columns, name, str(listing.label_plural),
                             reader_tz())

    # detail

    def detail(self, id: int):
        record = get_record(current_principal(), self.crud.kind, id, eager=True)
        tabs = [self._related_tab(rel, id) for rel in self.crud.related]
        panels = sorted(kontora().collect("kontora_record_panels", kind=self.crud.kind,
                                          record_id=id),
                        key=lambda p: p.get("order", 100))
        active = next((p["key"] for p in panels if p.get("active")), None)
        return render_template(self.crud.templates("detail"),
                               **self._context(record=record, record_id=id,
                                               tabs=[t for t in tabs if t], panels=panels,
                                               active_panel=active))

    def _related_tab(self, related: Related, record_id: int) -> dict[str, Any] | None:
        """One related list, or ``None`` when the user may not read that kind."""
        k = kontora()
        kind = k.kinds.get(related.kind)
        principal = current_principal()
        if kind is None or not principal.has(kind.read_permission):
            return None
        page = list_records(principal, kind, filters={related.field: record_id},
                            limit=related.limit)
        link = (lambda r: url_for(kind.endpoint, id=r.id)) if kind.endpoint else None
        return {"related": related, "kind": kind, "page": page, "link": link}

    # forms

    def new(self):
        kind = self.kind()
        require(current_principal(), kind.write_permission)
        values, errors, message, status = {}, {}, None, 200
        if request.method == "POST":
            data = form_data(self.crud, request.form, creating=True)
            try:
                record = create_record(current_principal(), self.crud.kind, data)
            except (ValidationError, Conflict) as exc:
                values, errors, message = submitted(request.form), exc.fields, exc.message
                status = exc.status
            else:
                flash(_("%(label)s created.", label=kind.label), "success")
                return back_to_picker(record.id) or redirect(self.detail_url(record))
        return render_template(self.crud.templates("form"),
                               **self._context(record=None, values=values, errors=errors,
                                               message=message)), status

    def edit(self, id: int):
        kind = self.kind()
        record = get_record(current_principal(), self.crud.kind, id, action="write")
        values: Any = form_values(self.crud, record)
        errors: dict[str, Any] = {}
        message, status = None, 200
        if request.method == "POST":
            data = form_data(self.crud, request.form, creating=False)
            try:
                update_record(current_principal(), self.crud.kind, id, data,
                              expected_version=_version(request.form))
            except (ValidationError, Conflict) as exc:
                values, errors, message = submitted(request.form), exc.fields, exc.message
                status = exc.status
            else:
                flash(_("%(label)s saved.", label=kind.label), "success")
                return redirect(self.detail_url(record))
        return render_template(self.crud.templates("form"),
                               **self._context(record=record, values=values, errors=errors,
                                               message=message)), status

    def delete(self, id: int):
        kind = self.kind()
        record = get_record(current_principal(), self.crud.kind, id, action="write")
        if request.method == "POST":
            try:
                delete_record(current_principal(), self.crud.kind, id,
                              expected_version=_version(request.form))
            except Conflict as exc:
                flash(exc.message, "danger")
                return redirect(self.detail_url(record))
            flash(_("%(label)s deleted.", label=kind.label), "success")
            return redirect(url_for(self.crud.endpoint("list")))
        return render_template(self.crud.templates("delete"),
                               **self._context(record=record, record_id=id))


def form_data(crud: Crud, form: MultiDict, *, creating: bool) -> dict[str, Any]:
    """The declared fields from a submitted form, as the kind's schema expects them.

    An empty field is left out when creating (so "required" reads naturally) and sent as
    ``None`` when editing (the user cleared it). A switch sends its last value; a record
    picker its id as a number.
    """
    data: dict[str, Any] = {}
    for field in crud.form_fields:
        if field.type == "checkbox":
            data[field.name] = switch_on(form, field.name)
            continue
        raw = form.get(field.name, "")
        if raw.strip() == "":
            if not creating:
                data[field.name] = None
            continue
        if field.type == "datetime-local":
            data[field.name] = _local_to_utc(raw.strip())
        elif field.type == "record":
            data[field.name] = _record_id(raw.strip())
        else:
            data[field.name] = raw.strip() if field.type != "textarea" else raw
    return data


def _local_to_utc(text: str) -> str:
    """A ``datetime-local`` input (the reader's wall clock) as an ISO time with its offset."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text  # the schema reports it as a field error
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=reader_tz())
    return moment.isoformat()


def _record_id(text: str) -> int | str:
    """A picker's id as a number; anything else as sent, for the service to name the field
    (a made-up or out-of-range id is "no such record", never a database error)."""
    try:
        number = int(text)
    except ValueError:
        return text
    return number if 1 <= number <= MAX_RECORD_ID else text


def submitted(form: MultiDict) -> dict[str, str]:
    """The values as typed, to show again beside their errors (a switch: its last value)."""
    return {name: form.getlist(name)[-1] for name in form}


def form_values(crud: Crud, record: Any) -> dict[str, Any]:
    """A record's current values as form inputs show them."""
    values: dict[str, Any] = {}
    for field in crud.form_fields:
        value = getattr(record, field.name, None)
        if isinstance(value, Enum):
            value = value.value
        elif isinstance(value, datetime):
            value = value.astimezone(reader_tz()).strftime("%Y-%m-%dT%H:%M")
        elif isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = format(value, "f")
        values[field.name] = value
    if hasattr(record, "version"):
        values["version"] = record.version
    return values


def picker_create_url(kind_name: str) -> str | None:
    """The create page a record picker's "New" button opens: the kind's generic ``..._new``
    page beside its detail page, when there is one and the user may write that kind."""
    kind = kontora().kinds.get(kind_name)
    principal = current_principal()
    if kind is None or not kind.endpoint or not kind.endpoint.endswith("_detail") or \
            principal is None or not principal.has(kind.write_permission):
        return None
    return url_for_if(kind.endpoint.removesuffix("_detail") + "_new")


def reader_tz() -> ZoneInfo:
    """The reader's time zone as a ``zoneinfo`` zone (Flask-Babel hands out pytz ones)."""
    zone = get_timezone()
    return ZoneInfo(str(zone)) if zone is not None else ZoneInfo("UTC")


def _version(form: MultiDict) -> int | None:
    raw = form.get("version", "")
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        abort(400)


def export_permission(kind: RecordKind) -> str:
    """``<prefix>.export`` where a plugin declares it (exports then need more than reading
    a page), else ``<prefix>.read``."""
    code = f"{kind.permission_prefix}.export"
    return code if code in catalogue() else kind.read_permission
