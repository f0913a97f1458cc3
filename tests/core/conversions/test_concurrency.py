"""Two conversions of one source at once (a double click, two workers): one target is made,
and both answers name it. Each request has its own application, released by a barrier."""

from __future__ import annotations

from sqlalchemy import func, select

from core.conversions.models import DocumentLink
from core.kernel import kontora
from tests.core.api.support import bearer, make_user
from tests.core.conversions.target_plugin.models import Copy
from tests.fixtures.race import race
from tests.sample_plugin.models import SampleNote

RIGHTS = ["sample.read", "sample.write", "convtarget.read", "convtarget.write",
          "convtarget.convert"]
ROUNDS = 3


def test_simultaneous_conversions_make_one_target(make_app):
    apps = [make_app(plugins="sample,convtarget") for _ in range(2)]
    with apps[0].app_context(), kontora(apps[0]).db.unit() as s:
        ann = make_user("ann", RIGHTS, "own")
        notes = [SampleNote(title=f"Note {n}", owner_id=ann.id) for n in range(ROUNDS)]
        s.add_all(notes)
        s.flush()
        headers, note_ids = bearer(ann), [n.id for n in notes]
    clients = [a.test_client() for a in apps]
    for note_id in note_ids:
        url = f"/api/v1/sample.note/{note_id}/convert/convtarget.copy"
        answers = race(*(lambda c=c, url=url: c.post(url, headers=headers) for c in clients))
        assert sorted(a.status_code for a in answers) == [200, 201], \
            [(a.status_code, a.get_json()) for a in answers]
        assert answers[0].get_json()["id"] == answers[1].get_json()["id"]
    with apps[0].app_context(), kontora(apps[0]).db.unit() as s:
        assert s.scalar(select(func.count(Copy.id))) == ROUNDS
        assert s.scalar(select(func.count(DocumentLink.id))) == ROUNDS
