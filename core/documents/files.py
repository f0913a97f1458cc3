"""PDF renditions: asked for inside a transaction, rendered by a job, frozen for good.

``request_pdf`` renders the HTML at once (cheap, and it fixes what a frozen PDF shows at the
moment of issue) and stores it in a ``core_document_file`` row in the caller's transaction;
the job ``core.render-document`` runs after commit and adds the PDF bytes and their SHA-256.
A record has one replaceable ``draft`` rendition and any number of frozen ones (one per
purpose: ``issued``, ``sent-r2`` ...), which are never rendered again.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select, update

from core.db import session, utcnow
from core.documents.models import DRAFT, FAILED, PENDING, READY, DocumentFile
from core.documents.pdf import html_to_pdf
from core.documents.rendering import render_document_page
from core.errors import NotFound
from core.i18n import gettext as _
from core.identity import current_principal
from core.jobs import enqueue
from core.kernel import kontora

log = logging.getLogger(__name__)

RENDER_JOB = "core.render-document"
ISSUED = "issued"


@dataclass(frozen=True)
class StoredPdf:
    """The bytes of a stored PDF and the hash they were stored with."""

    content: bytes
    sha256: str
    size: int
    purpose: str
    rendered_at: datetime | None


def load_document_record(kind: str, record_id: int) -> object:
    """The record behind a document (no permission check: callers did theirs)."""

    rk = kontora().kinds.get(kind)
    record = session().get(rk.model, record_id) if rk is not None else None
    if record is None:
        raise NotFound(_("The document does not exist."))
    return record


def request_pdf(kind: str, record_id: int, freeze: bool = False, *,
                purpose: str | None = None, language: str | None = None,
                template: str | None = None) -> DocumentFile:
    """Ask for the PDF of a record; the job renders it after the caller's commit.

    ``freeze=True`` (purpose ``issued`` unless given) keeps the rendition for good: asked for
    again with the same purpose, the frozen row is returned untouched. Without ``freeze`` the
    record's draft is replaced. Template errors raise ``DocumentTemplateError`` here, in the
    caller's transaction.
    """

    purpose = purpose or (ISSUED if freeze else DRAFT)
    if freeze == (purpose == DRAFT):
        raise ValueError("the draft rendition cannot be frozen, a frozen one cannot be 'draft'")
    sess = session()
    row = _file(kind, record_id, purpose)
    if row is not None and row.frozen:
        return row
    page = render_document_page(kind, load_document_record(kind, record_id), template,
                                language)
    if row is None:
        row = DocumentFile(record_kind=kind, record_id=record_id, purpose=purpose,
                           frozen=freeze, created_at=utcnow(),
                           created_by_id=getattr(current_principal(), "user_id", None))
        sess.add(row)
    row.html, row.language, row.template_id = page.html, page.language, page.template_id
    row.status = PENDING
    row.content = row.sha256 = row.size = row.error = row.rendered_at = None
    sess.flush()
    enqueue(RENDER_JOB, file_id=row.id)
    return row


def render_document(file_id: int) -> None:
    """The job: turn the stored HTML into PDF bytes (idempotent; a frozen PDF is kept)."""

    sess = session()
    row = sess.get(DocumentFile, file_id)
    if row is None or (row.frozen and row.status == READY):
        return
    html = row.html
    try:
        content = html_to_pdf(html)
    except Exception as exc:  # a broken document must not retry for ever: say why
        log.exception("rendering document file %s failed", file_id)
        row.status, row.error = FAILED, f"{type(exc).__name__}: {exc}"
        return
    # One conditional UPDATE, so two workers rendering the same file cannot both write:
    # a frozen PDF another job already stored (and maybe mailed) keeps its bytes, and a
    # draft asked for again meanwhile is left to the job that renders the new HTML.
    sess.execute(
        update(DocumentFile)
        .where(DocumentFile.id == file_id, DocumentFile.html == html,
               or_(DocumentFile.frozen.is_(False), DocumentFile.status != READY))
        .values(content=content, size=len(content),
                sha256=hashlib.sha256(content).hexdigest(), status=READY,
                rendered_at=utcnow(), error=None)
        .execution_options(synchronize_session=False))
    sess.expire(row)


def current_file(kind: str, record_id: int) -> DocumentFile | None:
    """The rendition to show: the latest frozen one, else the draft."""
    rows = session().scalars(select(DocumentFile).where(
        DocumentFile.record_kind == kind, DocumentFile.record_id == record_id)
        .order_by(DocumentFile.frozen.desc(), DocumentFile.id.desc())).all()
    return rows[0] if rows else None


def pdf_state(kind: str, record_id: int) -> tuple[str, DocumentFile | None]:
    """``("ready" | "pending" | "missing", row)`` of the rendition to show; a failed
    rendition counts as missing (ask again)."""
    row = current_file(kind, record_id)
    if row is None or row.status == FAILED:
        return "missing", row
    return ("ready" if row.status == READY else "pending"), row


def stored_pdf(kind: str, record_id: int, purpose: str | None = None) -> StoredPdf | None:
    """The frozen PDF of a record (the latest, or the one of ``purpose``) once rendered."""
    stmt = select(DocumentFile).where(
        DocumentFile.record_kind == kind, DocumentFile.record_id == record_id,
        DocumentFile.frozen.is_(True), DocumentFile.status == READY)
    if purpose is not None:
        stmt = stmt.where(DocumentFile.purpose == purpose)
    row = session().scalars(stmt.order_by(DocumentFile.id.desc())).first()
    return file_bytes(row) if row is not None else None


def file_bytes(row: DocumentFile) -> StoredPdf:
    """The stored bytes of a ready row, checked against their hash."""
    content = row.content or b""
    if hashlib.sha256(content).hexdigest() != row.sha256:
        raise RuntimeError(f"document file {row.id}: stored bytes do not match their SHA-256")
    return StoredPdf(content=content, sha256=row.sha256 or "", size=len(content),
                     purpose=row.purpose, rendered_at=row.rendered_at)


def _file(kind: str, record_id: int, purpose: str) -> DocumentFile | None:
    return session().scalars(select(DocumentFile).where(
        DocumentFile.record_kind == kind, DocumentFile.record_id == record_id,
        DocumentFile.purpose == purpose)).first()
