"""The contracts section of the client portal (``/portal/contracts``): the client's
contracts and acceptance protocols with their status, the PDF sent for signature, the
sealed PDF once signed, and the signature form while one waits for the client. Every page
goes through ``services.portal``, which scopes it to the portal user's current client;
signing is the e-mailed link's service (:func:`record_client_signature`).

Shown only when the portal plugin is enabled: it asks for the section through
``kontora_portal_sections`` and provides the ``portal/layout.html`` these pages extend.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for

from core.documents.files import StoredPdf, file_bytes
from core.documents.models import READY
from core.errors import Conflict, NotFound, ValidationError
from core.i18n import gettext as _
from core.i18n import lazy_gettext as _l
from core.identity import current_principal, limiter
from core.identity.guards import portal_pages_only
from plugins.contracts.services.portal import (
    client_record,
    client_records,
    sealed_pdf,
    sign_as_client,
)
from plugins.contracts.services.signing import shown_pdf
from plugins.contracts.workflow import PROTOCOL_LABELS, STATUS_LABELS

bp = Blueprint("contracts_portal", __name__, url_prefix="/portal/contracts",
               template_folder="templates")
bp.before_request(portal_pages_only)
RECORD = "/<any(contract, protocol):word>/<int:record_id>"


def portal_sections() -> list[dict[str, Any]]:
    return [{"key": "contracts", "title": _l("Contracts"), "endpoint": "contracts_portal.index",
             "order": 25}]


@bp.get("/")
def index() -> str:
    records = client_records(current_principal())
    return render_template("contracts/portal/list.html",
                           contracts=records["contracts.contract"],
                           protocols=records["contracts.protocol"],
                           labels=STATUS_LABELS, protocol_labels=PROTOCOL_LABELS)


@bp.get(RECORD)
def detail(word: str, record_id: int) -> str:
    return _detail(word, record_id)


@bp.post(RECORD + "/sign")
@limiter.limit("10 per minute")
def sign(word: str, record_id: int) -> Any:
    form = request.form
    try:
        record = sign_as_client(current_principal(), word, record_id, {
            "name": form.get("name", ""), "signature": form.get("signature", ""),
            "consent": form.get("consent") == "yes",
            "shown_sha256": form.get("shown_sha256", "")},
            ip_address=request.remote_addr, user_agent=request.headers.get("User-Agent"))
    except ValidationError as exc:
        return _detail(word, record_id, errors=exc.fields or {}, message=exc.message,
                       values={"name": form.get("name", "")}), 422
    except Conflict as exc:  # signed meanwhile (a second click) or the PDF is not ready
        flash(exc.message, "warning")
    else:
        flash(_("Thank you: %(label)s is signed. The signed PDF will be here in a moment.",
                label=record.label), "success")
    return redirect(url_for("contracts_portal.detail", word=word, record_id=record_id),
                    code=303)


@bp.get(RECORD + "/pdf")
def pdf(word: str, record_id: int) -> Response:
    """The exact PDF sent for signature."""
    kind, record = client_record(current_principal(), word, record_id)
    shown = shown_pdf(kind, record.id)
    if shown is None or shown.status != READY:
        return Response(_("The document is still being prepared."), status=202)
    return _pdf(file_bytes(shown), record.number or str(record.id))


@bp.get(RECORD + "/signed.pdf")
def signed_pdf(word: str, record_id: int) -> Response:
    """The sealed PDF with the signatures (404 until it is sealed)."""
    kind, record = client_record(current_principal(), word, record_id)
    sealed = sealed_pdf(kind, record.id)
    if sealed is None:
        raise NotFound(_("The signed PDF is not ready yet."))
    return _pdf(sealed, f"{record.number or record.id}-signed")


def _detail(word: str, record_id: int, *, errors: dict | None = None,
            message: str | None = None, values: dict | None = None) -> str:
    kind, record = client_record(current_principal(), word, record_id)
    shown = shown_pdf(kind, record.id)
    ready = shown is not None and shown.status == READY
    return render_template(
        "contracts/portal/detail.html", record=record, word=word, ready=ready,
        sha256=shown.sha256 if ready else "", signed=sealed_pdf(kind, record.id) is not None,
        can_sign=record.status == "sent" and ready,
        labels=STATUS_LABELS if word == "contract" else PROTOCOL_LABELS,
        errors=errors or {}, message=message, values=values or {"name": ""})


def _pdf(stored: StoredPdf, name: str) -> Response:
    return Response(stored.content, mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="{name.replace("/", "-")}.pdf"',
        "X-Content-SHA256": stored.sha256, "Cache-Control": "private, no-store"})
