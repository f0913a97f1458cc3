"""Starting and following imports: upload, map columns, dry run or run (as a job)."""

from __future__ import annotations

from typing import IO, Any

from sqlalchemy import delete, select

from core.db import session
from core.errors import NotFound, ValidationError
from core.i18n import gettext as _
from core.jobs import enqueue
from core.permissions import require
from core.services import locked
from plugins.parties.imports import files
from plugins.parties.imports.rows import FIELDS, auto_mapping
from plugins.parties.models import (
    DUPLICATE_POLICIES,
    IMPORT_TARGETS,
    ImportProblem,
    ImportRun,
)


def upload(principal: Any, target: str, filename: str, stream: IO[bytes]) -> ImportRun:
    """Keep the uploaded file and read its header; columns are mapped automatically
    where their names say which field they hold."""
    require(principal, "parties.import")
    if target not in IMPORT_TARGETS:
        raise ValidationError(_("Choose what the file holds."),
                              fields={"target": [_("Choose what the file holds.")]})
    stored, fmt = files.store_upload(filename or "upload", stream)
    try:
        columns = files.read_header(stored, fmt)
    except ValidationError:
        files.remove(stored)
        raise
    run = ImportRun(created_by_id=principal.user_id, target=target,
                    file_name=(filename or "upload")[:255], stored_name=stored,
                    file_format=fmt, columns=columns,
                    mapping=auto_mapping(target, columns), duplicates="skip")
    session().add(run)
    session().flush()
    return run


def get_import(principal: Any, import_id: int) -> ImportRun:
    """An import the principal started (administrators see every one)."""
    require(principal, "parties.import")
    run = session().get(ImportRun, import_id)
    if run is None or (run.created_by_id != principal.user_id and not principal.is_admin):
        raise NotFound(_("Import %(id)s was not found.", id=import_id))
    return run


def recent_imports(principal: Any, limit: int = 20) -> list[ImportRun]:
    require(principal, "parties.import")
    stmt = select(ImportRun).order_by(ImportRun.id.desc()).limit(limit)
    if not principal.is_admin:
        stmt = stmt.where(ImportRun.created_by_id == principal.user_id)
    return list(session().scalars(stmt))


def problems(principal: Any, import_id: int, limit: int = 500) -> list[ImportProblem]:
    """The first problems of a run, by row."""
    get_import(principal, import_id)
    return list(session().scalars(select(ImportProblem)
                                  .where(ImportProblem.import_id == import_id)
                                  .order_by(ImportProblem.row, ImportProblem.id).limit(limit)))


def start(principal: Any, import_id: int, *, mapping: dict[str, str], duplicates: str,
          dry_run: bool) -> ImportRun:
    """Check the column mapping and queue the job; a dry run writes only the report."""

    require(principal, "parties.write")
    run = locked(get_import(principal, import_id))  # two clicks queue one job
    if run.status in ("queued", "running"):
        raise ValidationError(_("This import is already running."),
                              fields={"status": [_("This import is already running.")]})
    if run.status == "done" and not run.dry_run:
        raise ValidationError(_("This file was imported already."),
                              fields={"status": [_("This file was imported already.")]})
    run.mapping = _checked_mapping(run, mapping)
    if duplicates not in DUPLICATE_POLICIES:
        raise ValidationError(_("Choose what to do with duplicates."),
                              fields={"duplicates": [_("Choose what to do with duplicates.")]})
    session().execute(delete(ImportProblem).where(ImportProblem.import_id == run.id))
    run.duplicates, run.dry_run, run.status = duplicates, dry_run, "queued"
    run.processed = run.created_count = run.skipped_count = 0
    run.failed_count = run.flagged_count = 0
    run.total_rows, run.error, run.finished_at = None, None, None
    session().flush()
    enqueue("parties.import", import_id=run.id)
    return run


def _checked_mapping(run: ImportRun, mapping: dict[str, str]) -> dict[str, str]:
    fields = {f.name: f for f in FIELDS[run.target]}
    clean: dict[str, str] = {}
    errors: dict[str, list[str]] = {}
    for index, name in mapping.items():
        if not name:
            continue
        if not index.isdigit() or int(index) >= len(run.columns):
            errors[f"column.{index}"] = [_("No such column.")]
        elif name not in fields:
            errors[f"column.{index}"] = [_("No such field.")]
        elif name in clean.values():
            errors[f"column.{index}"] = [_("Another column is mapped to this field.")]
        else:
            clean[index] = name
    for f in fields.values():
        if f.required and f.name not in clean.values():
            errors[f"field.{f.name}"] = [_("Map a column to %(field)s.", field=str(f.label))]
    if errors:
        raise ValidationError(_("Please correct the column mapping."), fields=errors)
    return clean
