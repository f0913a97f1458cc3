"""The records activities, tasks and notes hang on: checking a link and pointing at it.

A link names any registered kind; the acting principal must be able to read that record,
so nobody attaches anything to (or learns of) a record outside their scope.
"""

from __future__ import annotations

from typing import Any

from flask import has_request_context, url_for

from core.db import session
from core.errors import Forbidden, NotFound, ValidationError
from core.i18n import gettext as _
from core.kernel import kontora
from core.services import get_record

OWN_KINDS = ("activities.activity", "activities.task")


def readable_record(principal: Any, kind: str, record_id: int) -> Any:
    """The record if ``principal`` may read it; any refusal is a 404, revealing nothing."""

    try:
        return get_record(principal, kind, record_id)
    except (Forbidden, NotFound):
        raise NotFound(_("There is no such record.")) from None


def checked_link(principal: Any, kind: str | None, record_id: int | None) -> tuple[Any, Any]:
    """``(kind, record_id)`` when the principal may read that record, ``(None, None)`` for
    standalone; a field error otherwise."""
    if kind is None and record_id is None:
        return None, None

    if kind not in kontora().kinds:
        raise ValidationError(_("The record is not valid."),
                              fields={"record_kind": [_("No such kind of record.")]})
    try:
        readable_record(principal, kind, int(record_id or 0))
    except NotFound:
        raise ValidationError(_("The record is not valid."),
                              fields={"record_id": [_("There is no such record.")]}) from None
    return kind, record_id


def record_title(kind: str | None, record_id: int | None) -> str | None:
    """A readable name of the linked record (``None`` when standalone or gone)."""

    found = kontora().kinds.get(kind) if kind else None
    if found is None or record_id is None:
        return None
    record = session().get(found.model, record_id)
    return found.title_of(record) if record is not None else None


def record_path(kind: str | None, record_id: int | None) -> str | None:
    """The staff page of the linked record, when its kind has one."""

    found = kontora().kinds.get(kind) if kind else None
    if found is None or found.endpoint is None or record_id is None:
        return None
    return site_path(found.endpoint, id=record_id)


def site_path(endpoint: str, **values: Any) -> str:
    """``url_for`` that also works outside a request (jobs, the CLI): a path on this site."""
    if has_request_context():
        return url_for(endpoint, **values)
    from flask import current_app

    with current_app.test_request_context():
        return url_for(endpoint, **values)


def external_url(endpoint: str, **values: Any) -> str:
    """An absolute URL under ``KONTORA_BASE_URL`` (for e-mails and calendar feeds)."""

    return kontora().settings.base_url + site_path(endpoint, **values)


def record_titles(pairs: set[tuple[str, int]]) -> dict[tuple[str, int], tuple[str, str | None]]:
    """``(title, path)`` of many linked records: one query per kind, not one per row.

    The titles are shown only beside items the reader may see (a task of theirs about a
    record); a kind no enabled plugin provides is left out.
    """
    from sqlalchemy import select


    by_kind: dict[str, set[int]] = {}
    for kind, record_id in pairs:
        by_kind.setdefault(kind, set()).add(record_id)
    found: dict[tuple[str, int], tuple[str, str | None]] = {}
    for kind, ids in by_kind.items():
        rk = kontora().kinds.get(kind)
        if rk is None:
            continue
        for record in session().scalars(select(rk.model).where(rk.model.id.in_(ids))):
            path = site_path(rk.endpoint, id=record.id) if rk.endpoint else None
            found[(kind, record.id)] = (rk.title_of(record), path)
    return found
