"""Activities: logged and scheduled, on a client or standalone, with rules and permissions."""

from __future__ import annotations

import pytest

from core.errors import Conflict, Forbidden, NotFound, ValidationError
from core.services import get_record
from plugins.activities import services
from tests.plugins.activities.conftest import EVERYTHING, as_staff, make_client, make_user


def test_log_a_call_on_a_client_and_schedule_a_standalone_meeting(unit):
    def run():
        ann = make_user("ann", EVERYTHING)
        bob = make_user("bob", EVERYTHING)
        client = make_client("Delta Impex SRL", ann)
        me = as_staff(ann)
        call = services.create_activity(me, {
            "type": "call", "subject": "Asked about prices", "outcome": "Sends the order",
            "record_kind": "parties.client", "record_id": client.id})
        assert (call.status, call.record_kind, call.record_id) == ("done", "parties.client",
                                                                   client.id)
        assert call.completed_at is not None and call.owner_id == ann.id
        meeting = services.create_activity(me, {
            "type": "meeting", "status": "scheduled", "subject": "Kick-off",
            "starts_at": "2030-05-04T09:30:00+03:00", "duration_minutes": 90,
            "participants": [{"user_id": bob.id},
                             {"name": "Elena Popescu", "email": "elena@example.com"}]})
        assert meeting.record_kind is None and meeting.status == "scheduled"
        assert meeting.starts_at.utcoffset().total_seconds() == 0
        assert meeting.starts_at.hour == 6
        assert [p.label for p in meeting.participants] == [
            "Bob", "Elena Popescu <elena@example.com>"]
        held = services.complete_activity(me, meeting.id, {"outcome": "Agreed on scope"})
        assert (held.status, held.outcome) == ("done", "Agreed on scope")
        with pytest.raises(Conflict):
            services.cancel_activity(me, meeting.id)
    unit(run)


def test_bad_input_is_a_field_error(unit):
    def run():
        me = as_staff(make_user("ann", EVERYTHING))
        with pytest.raises(ValidationError) as scheduled:
            services.create_activity(me, {"type": "meeting", "status": "scheduled",
                                          "subject": "When?"})
        assert "starts_at" in scheduled.value.fields
        with pytest.raises(ValidationError) as kind:
            services.create_activity(me, {"type": "fax", "subject": "x"})
        assert "type" in kind.value.fields
        with pytest.raises(ValidationError) as link:
            services.create_activity(me, {"type": "call", "subject": "x",
                                          "record_kind": "nothing.here", "record_id": 1})
        assert "record_kind" in link.value.fields
        with pytest.raises(ValidationError) as half:
            services.create_activity(me, {"type": "call", "subject": "x", "record_id": 1})
        assert "record_id" in half.value.fields
        with pytest.raises(ValidationError) as who:
            services.create_activity(me, {"type": "call", "subject": "x",
                                          "participants": [{"user_id": 999999}]})
        assert "participants" in who.value.fields
    unit(run)


def test_record_rules_and_permissions(unit):
    def run():
        ann = make_user("ann", EVERYTHING, scope="own")
        bob = make_user("bob", EVERYTHING, scope="own")
        reader = make_user("rita", ["activities.read", "parties.read"], scope="all")
        anns_client = make_client("Ann's client", ann)
        # Bob cannot read Ann's client, so he cannot hang anything on it.
        with pytest.raises(ValidationError) as hidden:
            services.create_activity(as_staff(bob), {
                "type": "call", "subject": "x", "record_kind": "parties.client",
                "record_id": anns_client.id})
        assert "record_id" in hidden.value.fields
        call = services.create_activity(as_staff(ann), {"type": "call", "subject": "Mine"})
        with pytest.raises(NotFound):
            get_record(as_staff(bob), "activities.activity", call.id)
        with pytest.raises(NotFound):
            services.update_activity(as_staff(bob), call.id, {"subject": "Theirs"})
        assert get_record(as_staff(reader), "activities.activity", call.id).subject == "Mine"
        with pytest.raises(Forbidden):
            services.create_activity(as_staff(reader), {"type": "call", "subject": "x"})
        with pytest.raises(Forbidden):  # owned by someone outside Ann's own scope
            services.create_activity(as_staff(ann), {"type": "call", "subject": "x",
                                                     "owner_id": bob.id})
    unit(run)


def test_change_and_delete(unit):
    def run():
        ann = make_user("ann", EVERYTHING)
        me = as_staff(ann)
        call = services.create_activity(me, {"type": "call", "subject": "First"})
        changed = services.update_activity(me, call.id, {"subject": "Second",
                                                         "participants": [{"name": "Ion"}]},
                                           expected_version=call.version)
        assert changed.subject == "Second" and [p.name for p in changed.participants] == ["Ion"]
        with pytest.raises(Conflict):
            services.update_activity(me, call.id, {"subject": "Stale"}, expected_version=1)
        with pytest.raises(ValidationError):  # the status moves only by the transitions
            services.update_activity(me, call.id, {"status": "scheduled"})
        services.delete_activity(me, call.id)
        with pytest.raises(NotFound):
            get_record(me, "activities.activity", call.id)
    unit(run)
