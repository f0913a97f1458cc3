"""A record's timeline: the panel itself (refreshed by htmx) and the note/comment composer.

The composer posts as a plain multipart form (files need no script); on success the
browser goes back to the record's page, on a bad input the form comes back with the
field errors (422).
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request

from core.errors import ValidationError
from core.i18n import gettext as _
from core.identity import current_principal
from core.identity.guards import login_required, permission_required
from core.kernel import kontora
from plugins.activities import services
from plugins.activities.links import readable_record, record_path, record_title
from plugins.activities.panels import render_timeline
from plugins.activities.services.notes import MAX_FILES
from plugins.activities.views import bp


@bp.get("/timeline/<kind>/<int(max=2147483647):record_id>")
@login_required
def timeline(kind: str, record_id: int):
    principal = current_principal()
    readable_record(principal, kind, record_id)
    return render_timeline(principal, kind, record_id)


@bp.post("/timeline/<kind>/<int(max=2147483647):record_id>/notes")
@login_required
@permission_required("activities.write")
def add_note(kind: str, record_id: int):
    principal = current_principal()
    # A body far beyond what may be attached is cut short (413) if nothing parsed it yet.
    request.max_content_length = kontora().settings.upload_max_bytes * MAX_FILES + 1048576
    files = [(f.filename, f.stream) for f in request.files.getlist("file") if f.filename]
    data = {"kind": request.form.get("kind") or "comment", "body": request.form.get("body", "")}
    try:
        services.add_note(principal, kind, record_id, data, files)
    except ValidationError as exc:
        readable_record(principal, kind, record_id)
        return render_template("activities/note_form.html", kind=kind, record_id=record_id,
                               values=data, errors=exc.fields, message=exc.message,
                               about=record_title(kind, record_id),
                               back=record_path(kind, record_id)), 422
    flash(_("Comment added.") if data["kind"] == "comment" else _("Note added."), "success")
    return redirect((record_path(kind, record_id) or "/") + "#timeline")


@bp.post("/notes/<int(max=2147483647):note_id>/delete")
@login_required
@permission_required("activities.write")
def delete_note(note_id: int):
    principal = current_principal()
    note = services.get_note(principal, note_id)
    kind, record_id = note.record_kind, note.record_id
    services.delete_note(principal, note_id)
    if request.headers.get("HX-Request"):
        return render_timeline(principal, kind, record_id)
    flash(_("Deleted."), "success")
    return redirect((record_path(kind, record_id) or "/") + "#timeline")
