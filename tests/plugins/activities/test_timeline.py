"""The timeline in detail pages: the client page, a task's generic page, the composer, the
"no next step" badge on the client list, and the plugin's own forms."""

from __future__ import annotations

import io
import re

from core.kernel import kontora
from tests.core.web.conftest import sign_in
from tests.plugins.activities.conftest import EVERYTHING, make_client

__all__ = ["sign_in"]


def client_of(app, name: str, owner_id: int | None = None) -> int:
    with app.app_context(), kontora(app).db.unit():
        return make_client(name, owner_id).id


def test_the_client_page_shows_the_timeline_and_the_composer_adds_to_it(app, sign_in):
    browser = sign_in("ann", EVERYTHING)
    client_id = client_of(app, "Delta Impex SRL", browser.user_id)
    page = browser.get(f"/clients/{client_id}").get_data(as_text=True)
    assert 'data-section="timeline"' in page and '<section class="k-timeline"' in page
    assert "Nothing on the timeline yet." in page
    posted = browser.post(f"/activities/timeline/parties.client/{client_id}/notes",
                          {"kind": "note", "body": "Prefers calls before 11:00",
                           "file": (io.BytesIO(b"agenda"), "agenda.txt")},
                          content_type="multipart/form-data")
    assert posted.status_code == 302 and posted.headers["Location"].endswith(
        f"/clients/{client_id}#timeline")
    logged = browser.post("/activities/compose", {
        "type": "call", "status": "done", "subject": "Asked for a discount",
        "record_kind": "parties.client", "record_id": str(client_id)})
    assert logged.status_code == 302
    page = browser.get(f"/clients/{client_id}").get_data(as_text=True)
    assert "Prefers calls before 11:00" in page and "agenda.txt" in page
    assert "Asked for a discount" in page
    assert page.index("Asked for a discount") < page.index("Prefers calls before 11:00")


def test_a_task_page_is_the_generic_detail_page_with_its_own_timeline(app, sign_in):
    browser = sign_in("ann", EVERYTHING)
    created = browser.post("/activities/tasks/compose", {
        "title": "Prepare the contract", "assignee_id": str(browser.user_id),
        "priority": "high", "due_on": "2030-03-01"})
    assert created.status_code == 302
    task_path = created.headers["Location"]
    task_id = int(task_path.rstrip("/").rsplit("/", 1)[1])
    browser.post(f"/activities/timeline/activities.task/{task_id}/notes",
                 {"body": "Draft is in the shared folder"})
    page = browser.get(task_path).get_data(as_text=True)
    assert 'id="tab-timeline"' in page and "Draft is in the shared folder" in page
    assert 'data-move="start"' in page and 'data-move="complete"' in page
    started = browser.post(f"/activities/tasks/{task_id}/start", {})
    assert started.status_code == 302
    assert 'data-move="start"' not in browser.get(task_path).get_data(as_text=True)
    # The generic "edit" address leads to the plugin's own form.
    assert browser.get(f"/activities/tasks/{task_id}/edit").headers["Location"].endswith(
        f"/activities/tasks/{task_id}/change")


def test_bad_input_comes_back_with_field_errors(app, sign_in):
    browser = sign_in("ann", EVERYTHING)
    client_id = client_of(app, "Delta", browser.user_id)
    empty = browser.post(f"/activities/timeline/parties.client/{client_id}/notes",
                         {"body": ""})
    assert empty.status_code == 422 and 'id="f-body-error"' in empty.get_data(as_text=True)
    when = browser.post("/activities/compose", {"type": "meeting", "status": "scheduled",
                                                "subject": "Soon"})
    assert when.status_code == 422 and 'id="f-starts_at-error"' in when.get_data(as_text=True)
    task = browser.post("/activities/tasks/compose", {"title": "", "priority": "normal",
                                                      "assignee_id": str(browser.user_id)})
    assert task.status_code == 422 and 'id="f-title-error"' in task.get_data(as_text=True)


def test_the_client_list_flags_clients_with_no_next_step(app, sign_in):
    browser = sign_in("ann", EVERYTHING)
    busy = client_of(app, "Busy Trading SRL", browser.user_id)
    client_of(app, "Idle Trading SRL", browser.user_id)
    browser.post("/activities/tasks/compose", {
        "title": "Follow up", "assignee_id": str(browser.user_id), "priority": "normal",
        "record_kind": "parties.client", "record_id": str(busy)})
    page = browser.get("/clients/").get_data(as_text=True)
    rows = {m.group(1): m.group(2) for m in re.finditer(
        r">([A-Za-z ]+ Trading SRL)</a>(.*?)</td>", page, re.S)}
    assert "no-next-step" in rows["Idle Trading SRL"]
    assert "no-next-step" not in rows["Busy Trading SRL"]
    blind = sign_in("bob", ["parties.read"])  # no tasks.read: no badge at all
    assert "no-next-step" not in blind.get("/clients/").get_data(as_text=True)


def test_my_tasks_and_overdue_pages(app, sign_in):
    browser = sign_in("ann", EVERYTHING)
    for title, due in (("Overdue one", "2001-01-01"), ("Future one", "2099-01-01")):
        browser.post("/activities/tasks/compose", {"title": title, "due_on": due,
                                                   "priority": "normal",
                                                   "assignee_id": str(browser.user_id)})
    mine = browser.get("/activities/tasks/mine").get_data(as_text=True)
    assert "Overdue one" in mine and "Future one" in mine
    overdue = browser.get("/activities/tasks/overdue").get_data(as_text=True)
    assert "Overdue one" in overdue and "Future one" not in overdue
    assert sign_in("bob", ["parties.read"]).get("/activities/tasks/mine").status_code == 403


def test_a_standalone_activity_page_and_its_workflow_buttons(app, sign_in):
    browser = sign_in("ann", EVERYTHING)
    created = browser.post("/activities/compose", {
        "type": "meeting", "status": "scheduled", "subject": "Board meeting",
        "starts_at": "2030-06-01T10:00", "location": "Head office",
        "external_participants": "Elena Popescu <elena@example.com>\nIon"})
    assert created.status_code == 302
    path = created.headers["Location"]
    page = browser.get(path).get_data(as_text=True)
    assert "Head office" in page and "Elena Popescu &lt;elena@example.com&gt;, Ion" in page
    assert "Mark held" in page and 'id="tab-timeline"' in page
    activity_id = int(path.rsplit("/", 1)[1])
    assert browser.post(f"/activities/{activity_id}/complete",
                        {"outcome": "Approved"}).status_code == 302
    page = browser.get(path).get_data(as_text=True)
    assert "Approved" in page and "Mark held" not in page


def test_task_buttons_in_a_timeline_answer_htmx_with_the_timeline(app, sign_in):
    browser = sign_in("ann", EVERYTHING)
    client_id = client_of(app, "Delta", browser.user_id)
    browser.post("/activities/tasks/compose", {
        "title": "Call back", "assignee_id": str(browser.user_id), "priority": "normal",
        "record_kind": "parties.client", "record_id": str(client_id)})
    page = browser.get(f"/clients/{client_id}").get_data(as_text=True)
    move = re.search(r'hx-post="(/activities/tasks/\d+/complete)"', page).group(1)
    answer = browser.post(move, {}, headers={"HX-Request": "true"})
    assert answer.status_code == 200
    body = answer.get_data(as_text=True)
    assert body.lstrip().startswith('<section class="k-timeline"') and "Done" in body


def test_the_generic_lists_and_exports(app, sign_in):
    browser = sign_in("ann", EVERYTHING)
    browser.post("/activities/compose", {"type": "email", "status": "done",
                                         "subject": "Sent the price list"})
    browser.post("/activities/tasks/compose", {"title": "Chase payment", "priority": "urgent",
                                               "assignee_id": str(browser.user_id)})
    activities = browser.get("/activities/?type=email").get_data(as_text=True)
    assert "Sent the price list" in activities and "E-mail" in activities
    tasks = browser.get("/activities/tasks/?priority=urgent").get_data(as_text=True)
    assert "Chase payment" in tasks and "Urgent" in tasks and "Ann" in tasks
    export = browser.get("/activities/tasks/export.csv").get_data(as_text=True)
    assert "Chase payment" in export
    assert browser.get("/activities/new").headers["Location"].endswith("/activities/compose")
