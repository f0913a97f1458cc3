"""The REST API: activities and tasks (generic reads, service writes, transitions), the
timeline, notes and attachments, all under the same permissions and record rules."""

from __future__ import annotations

import io

from core.kernel import kontora
from tests.core.api.support import bearer, make_user
from tests.plugins.activities.conftest import EVERYTHING, make_client

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def setup(app, *logins: tuple[str, list[str], str]) -> tuple[dict, ...]:
    """Users with API tokens, and a client owned by the first."""
    with app.app_context(), kontora(app).db.unit():
        users = [make_user(login, perms, scope) for login, perms, scope in logins]
        client = make_client("Delta Impex SRL", users[0])
        return (client.id, *[{"id": u.id, "headers": bearer(u)} for u in users])


def test_activities_and_tasks_through_the_api(app):
    client_id, ann, bob = setup(app, ("ann", EVERYTHING, "own"), ("bob", EVERYTHING, "own"))
    http = app.test_client()
    created = http.post("/api/v1/activities.activity", headers=ann["headers"], json={
        "type": "call", "subject": "Price talk", "record_kind": "parties.client",
        "record_id": client_id, "participants": [{"name": "Ion Pop"}]})
    assert created.status_code == 201, created.json
    activity = created.json
    assert activity["status"] == "done" and activity["participants"][0]["label"] == "Ion Pop"
    listed = http.get(f"/api/v1/activities.activity?record_kind=parties.client"
                      f"&record_id={client_id}", headers=ann["headers"]).json
    assert [a["id"] for a in listed["items"]] == [activity["id"]]
    assert http.get(f"/api/v1/activities.activity/{activity['id']}",
                    headers=bob["headers"]).status_code == 404
    second = http.post("/api/v1/activities.activity", headers=ann["headers"],
                    json={"type": "call", "subject": "x", "record_kind": "parties.client",
                          "record_id": client_id})
    assert second.status_code == 201
    hidden = http.post("/api/v1/activities.activity", headers=bob["headers"],
                       json={"type": "call", "subject": "x", "record_kind": "parties.client",
                             "record_id": client_id})
    assert hidden.status_code == 422 and "record_id" in hidden.json["fields"]

    task = http.post("/api/v1/activities.task", headers=ann["headers"], json={
        "title": "Send the offer", "due_on": "2001-01-01", "record_kind": "parties.client",
        "record_id": client_id}).json
    assert (task["status"], task["assignee_id"]) == ("open", ann["id"])
    started = http.post(f"/api/v1/activities.task/{task['id']}/start", headers=ann["headers"])
    assert started.status_code == 200 and started.json["status"] == "in_progress"
    again = http.post(f"/api/v1/activities.task/{task['id']}/start", headers=ann["headers"])
    assert again.status_code == 409
    stale = http.patch(f"/api/v1/activities.task/{task['id']}", headers={
        **ann["headers"], "If-Match": '"1"'}, json={"title": "x"})
    assert stale.status_code == 409
    overdue = http.get("/api/v1/activities/my-tasks?overdue=1", headers=ann["headers"]).json
    assert [t["id"] for t in overdue] == [task["id"]]
    moved = http.patch(f"/api/v1/activities.task/{task['id']}", headers=ann["headers"],
                       json={"assignee_id": bob["id"]})
    assert moved.status_code == 403  # Bob is outside Ann's own scope


def test_timeline_notes_and_attachments_through_the_api(app):
    client_id, ann, eve = setup(app, ("ann", EVERYTHING, "own"), ("eve", EVERYTHING, "own"))
    http = app.test_client()
    base = f"/api/v1/activities/timeline/parties.client/{client_id}"
    note = http.post(f"{base}/notes", headers=ann["headers"],
                     json={"kind": "note", "body": "Met at the fair"})
    assert note.status_code == 201
    note_id = note.json["id"]
    upload = http.post(f"/api/v1/activities/notes/{note_id}/attachments",
                       headers=ann["headers"], content_type="multipart/form-data",
                       data={"file": (io.BytesIO(PNG), "card.png")})
    assert upload.status_code == 201, upload.json
    [attached] = upload.json
    assert attached["content_type"] == "image/png" and attached["filename"] == "card.png"
    refused = http.post(f"/api/v1/activities/notes/{note_id}/attachments",
                        headers=ann["headers"], content_type="multipart/form-data",
                        data={"file": (io.BytesIO(b"MZ" + b"\x00" * 300), "x.exe")})
    assert refused.status_code == 422 and "file" in refused.json["fields"]
    items = http.get(base, headers=ann["headers"]).json["items"]
    assert [i["kind"] for i in items] == ["note"]
    assert items[0]["item"]["attachments"][0]["url"] == attached["url"]
    got = http.get(attached["url"], headers=ann["headers"])
    assert got.status_code == 200 and got.data == PNG
    assert got.headers["X-Content-Type-Options"] == "nosniff"
    assert http.get(attached["url"], headers=eve["headers"]).status_code == 404
    assert http.get(base, headers=eve["headers"]).status_code == 404
    assert http.post(f"{base}/notes", headers=eve["headers"],
                     json={"body": "x"}).status_code == 404
    assert http.delete(f"/api/v1/activities/notes/{note_id}",
                       headers=eve["headers"]).status_code == 404
    assert http.delete(f"/api/v1/activities/notes/{note_id}",
                       headers=ann["headers"]).status_code == 204
    assert http.get(attached["url"], headers=ann["headers"]).status_code == 404


def test_reading_needs_the_permissions(app):
    client_id, reader = setup(app, ("rita", ["parties.read"], "all"))
    http = app.test_client()
    assert http.get("/api/v1/activities.activity", headers=reader["headers"]).status_code == 403
    assert http.get("/api/v1/activities/my-tasks", headers=reader["headers"]).status_code == 403
    assert http.post(f"/api/v1/activities/timeline/parties.client/{client_id}/notes",
                     headers=reader["headers"], json={"body": "x"}).status_code == 403
    assert http.get("/api/v1/activities.task").status_code == 401


def test_a_cancelled_activity_is_served_as_documented(app):
    client_id, ann = setup(app, ("ann", EVERYTHING, "own"))
    http = app.test_client()
    made = http.post("/api/v1/activities.activity", headers=ann["headers"], json={
        "type": "meeting", "subject": "Visit", "status": "scheduled",
        "starts_at": "2030-01-01T10:00:00Z", "record_kind": "parties.client",
        "record_id": client_id}).json
    cancelled = http.post(f"/api/v1/activities.activity/{made['id']}/cancel",
                          headers=ann["headers"])
    assert cancelled.status_code == 200, cancelled.json
    spec = http.get("/api/v1/openapi.json").json
    status = spec["components"]["schemas"]["Activity"]["properties"]["status"]
    assert cancelled.json["status"] == "cancelled" and "cancelled" in status["enum"]
    refused = http.post("/api/v1/activities.activity", headers=ann["headers"], json={
        "type": "call", "subject": "x", "status": "cancelled"})
    assert refused.status_code == 422 and "status" in refused.json["fields"]
