"""REST endpoints of activities, tasks, timelines, notes and attachments (``/api/v1``).

Listing and reading activities and tasks are the kernel's generic resources (filters,
search, keyset pages, record rules, ETags); every write calls this plugin's services.
"""

from __future__ import annotations

from flask import jsonify, request

from core.api.blueprint import (
    FLAG,
    RECORD_ID,
    api_blueprint,
    api_principal,
    flag_arg,
    json_body,
)
from core.api.etag import expected_version, with_etag
from core.api.openapi import operation
from core.api.resources import register_resource
from core.kernel import kontora
from core.permissions import require
from plugins.activities import services
from plugins.activities.links import readable_record
from plugins.activities.queries import open_tasks, reader_today, timeline
from plugins.activities.schemas import (
    ActivityChangeSchema,
    ActivitySchema,
    AttachmentSchema,
    NoteSchema,
    OutcomeSchema,
    TaskChangeSchema,
    TaskSchema,
)

bp = api_blueprint("activities_api", __name__)
register_resource(bp, kind="activities.activity", schema=ActivitySchema, actions=("list", "get"),
                  filters=["type", "status", "owner_id", "record_kind", "record_id"])
register_resource(bp, kind="activities.task", schema=TaskSchema, actions=("list", "get"),
                  filters=["status", "priority", "owner_id", "record_kind", "record_id",
                           "due_on"])

ACTIVITY = "/activities.activity"
TASK = "/activities.task"
TAGS = ["activities"]


def _activity(activity, status: int = 200):
    response = with_etag(jsonify(ActivitySchema().dump(activity)), activity)
    response.status_code = status
    return response


def _task(task, status: int = 200):
    response = with_etag(jsonify(TaskSchema().dump(task)), task)
    response.status_code = status
    return response


# activities


@bp.post(ACTIVITY)
@operation("POST", summary="Log or schedule an activity", tags=TAGS, request=ActivitySchema,
           responses={201: ActivitySchema})
def create_activity():
    return _activity(services.create_activity(api_principal(), json_body()), 201)


@bp.patch(f"{ACTIVITY}/<{RECORD_ID}:record_id>")
@operation("PATCH", summary="Change an activity", tags=TAGS, request=ActivityChangeSchema,
           responses={200: ActivitySchema}, errors=(409, 412))
def update_activity(record_id: int):
    return _activity(services.update_activity(api_principal(), record_id, json_body(),
                                              expected_version=expected_version()))


@bp.delete(f"{ACTIVITY}/<{RECORD_ID}:record_id>")
@operation("DELETE", summary="Delete an activity", tags=TAGS, responses={204: None},
           errors=(409, 412))
def delete_activity(record_id: int):
    services.delete_activity(api_principal(), record_id, expected_version=expected_version())
    return "", 204


@bp.post(f"{ACTIVITY}/<{RECORD_ID}:record_id>/complete")
@operation("POST", summary="Mark a scheduled activity held, with its outcome", tags=TAGS,
           request=OutcomeSchema, responses={200: ActivitySchema}, errors=(409,))
def complete_activity(record_id: int):
    data = json_body() if request.content_length else {}
    return _activity(services.complete_activity(api_principal(), record_id, data))


@bp.post(f"{ACTIVITY}/<{RECORD_ID}:record_id>/cancel")
@operation("POST", summary="Cancel a scheduled activity", tags=TAGS,
           responses={200: ActivitySchema}, errors=(409,))
def cancel_activity(record_id: int):
    return _activity(services.cancel_activity(api_principal(), record_id))


# tasks


@bp.post(TASK)
@operation("POST", summary="Create a task (for yourself or, with tasks.assign, someone else)",
           tags=TAGS, request=TaskSchema, responses={201: TaskSchema})
def create_task():
    return _task(services.create_task(api_principal(), json_body()), 201)


@bp.patch(f"{TASK}/<{RECORD_ID}:record_id>")
@operation("PATCH", summary="Change or reassign a task", tags=TAGS, request=TaskChangeSchema,
           responses={200: TaskSchema}, errors=(409, 412))
def update_task(record_id: int):
    return _task(services.update_task(api_principal(), record_id, json_body(),
                                      expected_version=expected_version()))


@bp.delete(f"{TASK}/<{RECORD_ID}:record_id>")
@operation("DELETE", summary="Delete a task", tags=TAGS, responses={204: None},
           errors=(409, 412))
def delete_task(record_id: int):
    services.delete_task(api_principal(), record_id, expected_version=expected_version())
    return "", 204


@bp.post(f"{TASK}/<{RECORD_ID}:record_id>/<any(start, complete, cancel, reopen):move>")
@operation("POST", summary="Move a task along its workflow (start, complete, cancel, reopen)",
           tags=TAGS, responses={200: TaskSchema}, errors=(409,))
def move_task(record_id: int, move: str):
    return _task(services.TRANSITION_SERVICES[move](api_principal(), record_id))


@bp.get("/activities/my-tasks")
@operation("GET", summary="Your open tasks, soonest due first (overdue=1: only overdue)",
           tags=TAGS, parameters=[{"name": "overdue", "in": "query",
                                   "schema": FLAG}],
           responses={200: TaskSchema(many=True)})
def my_tasks():
    principal = api_principal()
    require(principal, "tasks.read")
    overdue = flag_arg("overdue")
    tasks = open_tasks(principal, overdue_on=reader_today() if overdue else None)
    return jsonify(TaskSchema(many=True).dump(tasks))


# timelines, notes, attachments


@bp.get(f"/activities/timeline/<kind>/<{RECORD_ID}:record_id>")
@operation("GET", summary="A record's timeline: notes, comments, activities, tasks", tags=TAGS,
           responses={200: "Entries newest first: {kind, at, item}"})
def get_timeline(kind: str, record_id: int):
    principal = api_principal()
    readable_record(principal, kind, record_id)
    dumpers = {"note": NoteSchema(), "activity": ActivitySchema(), "task": TaskSchema()}
    return jsonify({"items": [{"kind": e.kind, "at": e.at.isoformat(),
                               "item": dumpers[e.kind].dump(e.item)}
                              for e in timeline(principal, kind, record_id)]})


@bp.post(f"/activities/timeline/<kind>/<{RECORD_ID}:record_id>/notes")
@operation("POST", summary="Add a note or comment to a record's timeline", tags=TAGS,
           request=NoteSchema, responses={201: NoteSchema})
def add_note(kind: str, record_id: int):
    note = services.add_note(api_principal(), kind, record_id, json_body())
    return jsonify(NoteSchema().dump(note)), 201


@bp.delete(f"/activities/notes/<{RECORD_ID}:note_id>")
@operation("DELETE", summary="Delete one of your notes with its files", tags=TAGS,
           responses={204: None})
def delete_note(note_id: int):
    services.delete_note(api_principal(), note_id)
    return "", 204


@bp.post(f"/activities/notes/<{RECORD_ID}:note_id>/attachments")
@operation("POST", summary="Attach files to one of your notes (multipart/form-data, "
           "field 'file', repeatable)", tags=TAGS,
           responses={201: AttachmentSchema(many=True)}, errors=(413, 422))
def add_attachments(note_id: int):
    from plugins.activities.services.notes import MAX_FILES

    request.max_content_length = kontora().settings.upload_max_bytes * MAX_FILES + 1048576
    files = [(f.filename, f.stream) for f in request.files.getlist("file") if f.filename]
    added = services.add_attachments(api_principal(), note_id, files)
    return jsonify(AttachmentSchema(many=True).dump(added)), 201


@bp.get("/activities/attachments/<key>")
@operation("GET", summary="Download an attachment (only for readers of its record)", tags=TAGS,
           responses={200: "The file, with its detected Content-Type"})
def download(key: str):
    from plugins.activities.downloads import attachment_response

    api_principal()
    return attachment_response(key)
