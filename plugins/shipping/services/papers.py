"""The shipping papers of a shipment: packing list, waybill and CMR.

Once dispatched, each paper is the PDF frozen under its own purpose (``packing-list``,
``waybill``, ``cmr``) and is never rendered again. Before that, the record's one draft
rendition holds whichever paper was asked for last (the template it was made with tells
which); asking for another paper renders that one in a job.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from core.db import session
from core.documents import request_pdf
from core.documents.models import DocumentFile, DocumentTemplate
from core.errors import NotFound
from core.i18n import gettext as _
from plugins.shipping.services.common import KIND, load_shipment
from plugins.shipping.services.transitions import PAPERS


def _check(paper: str) -> str:
    if paper not in PAPERS:
        raise NotFound(_("Shipments have no paper “%(paper)s”.", paper=paper))
    return paper


def paper_file(principal: Any, shipment_id: int, paper: str, *,
               prepare: bool = True) -> DocumentFile | None:
    """The rendition of ``paper`` to show (frozen, else a draft of that paper); with
    ``prepare`` a missing or failed draft is asked for (rendered after commit)."""
    _check(paper)
    load_shipment(principal, shipment_id)
    rows = session().scalars(select(DocumentFile).where(
        DocumentFile.record_kind == KIND, DocumentFile.record_id == shipment_id,
        DocumentFile.purpose.in_((paper, "draft")))).all()
    frozen = next((r for r in rows if r.purpose == paper and r.frozen), None)
    if frozen is not None:
        return frozen
    draft = next((r for r in rows if r.purpose == "draft"), None)
    if draft is not None and draft.status != "failed" and _template_name(draft) == PAPERS[paper]:
        return draft
    return request_pdf(KIND, shipment_id, template=PAPERS[paper]) if prepare else None


def _template_name(row: DocumentFile) -> str | None:
    template = session().get(DocumentTemplate, row.template_id) if row.template_id else None
    return template.name if template is not None else None
