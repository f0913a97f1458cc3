"""The client's pages behind e-mailed links: sign a contract or protocol, answer the
requisites questionnaire.

``/l/<token>`` hands the request here; nobody signs in, the link is the authority. The
signing page shows the frozen PDF (served by token from ``/contracts/client/<token>/pdf``)
and carries its SHA-256, so the signature is recorded against the exact bytes shown.
"""

from __future__ import annotations

from flask import Response, render_template, request

from core.documents.files import file_bytes
from core.documents.models import READY
from core.errors import Conflict, ValidationError
from core.i18n import gettext as _
from core.identity import limiter
from core.links import record_view
from plugins.contracts.services import answer_requisites, sign_by_client
from plugins.contracts.services.requisites import questions_for, request_of_link
from plugins.contracts.services.signing import record_of_link, shown_pdf
from plugins.contracts.views import public_bp


@public_bp.route("/<token>", methods=["GET", "POST"], endpoint="sign")
@limiter.limit("30 per minute")
def sign(token: str):
    link, kind, record = record_of_link(token)
    shown = shown_pdf(kind, record.id)
    errors: dict = {}
    message, done, status = None, None, 200
    values = {"name": ""}
    if request.method == "POST":
        form = request.form
        values = {"name": form.get("name", "")}
        try:
            sign_by_client(token, {"name": form.get("name", ""),
                                   "signature": form.get("signature", ""),
                                   "consent": form.get("consent") == "yes",
                                   "shown_sha256": form.get("shown_sha256", "")},
                           ip_address=request.remote_addr,
                           user_agent=request.headers.get("User-Agent"))
            done = _("Thank you: the document is signed. The signed copy will be sent to you.")
        except (ValidationError, Conflict) as exc:
            errors, message, status = exc.fields or {}, exc.message, exc.status
    else:
        record_view(link)
    ready = shown is not None and shown.status == READY
    return render_template("contracts/sign.html", record=record, token=token,
                           ready=ready, sha256=shown.sha256 if ready else "",
                           can_sign=record.status == "sent" and done is None,
                           done=done, errors=errors, message=message,
                           values=values), status


@public_bp.get("/<token>/pdf", endpoint="sign_pdf")
@limiter.limit("30 per minute")
def sign_pdf(token: str):
    """The exact PDF the client is asked to sign."""
    _link, kind, record = record_of_link(token)
    shown = shown_pdf(kind, record.id)
    if shown is None or shown.status != READY:
        return Response(_("The document is still being prepared."), status=202)
    stored = file_bytes(shown)
    return Response(stored.content, mimetype="application/pdf", headers={
        "Content-Disposition": "inline", "X-Content-SHA256": stored.sha256,
        "Cache-Control": "private, no-store"})


@public_bp.route("/requisites/<token>", methods=["GET", "POST"], endpoint="requisites")
@limiter.limit("30 per minute")
def requisites(token: str):
    link, req = request_of_link(token)
    questions = questions_for(req.client_kind)
    errors: dict = {}
    message, done, status = None, None, 200
    values = dict(req.answers or {})
    if request.method == "POST":
        values = {q.name: request.form.get(q.name, "") for q in questions}
        try:
            answer_requisites(token, values)
            done = _("Thank you: your details were received.")
        except ValidationError as exc:
            errors, message, status = exc.fields or {}, exc.message, exc.status
    else:
        record_view(link)
    return render_template("contracts/requisites_public.html", request_=req,
                           questions=questions, values=values, errors=errors,
                           message=message, done=done), status
