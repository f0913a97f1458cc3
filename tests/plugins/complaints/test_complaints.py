"""Complaints through their services: numbered at receipt, the subject checked through the
record kinds, the workflow with its locks and notices, and record rules."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from core.db import session
from core.errors import Conflict, NotFound, ValidationError
from core.mail.models import MailMessage
from core.web.notifications import Notification
from plugins.activities.models import Note
from plugins.complaints import services
from plugins.complaints.models import Complaint
from tests.plugins.complaints.conftest import (
    STAFF,
    as_staff,
    confirmed_order,
    make_product,
    make_user,
    unit,
)


def test_a_complaint_is_numbered_reviewed_decided_resolved_and_everyone_told(capp):
    def setup():
        ann = make_user("ann", STAFF, email="ann@kontora.test")
        bob = make_user("bob", STAFF, email="bob@kontora.test")
        _client, order = confirmed_order(ann)
        complaint = services.create_complaint(as_staff(ann), {
            "subject_kind": "orders.order", "subject_id": order.id, "cause": "damaged",
            "description": "Two bags arrived torn.", "remedy": "replacement",
            "assignee_id": bob.id, "deadline": "2027-01-15"})
        return ann, bob, complaint.id, complaint.number, complaint.party_id, order.party_id
    ann, bob, complaint_id, number, party_id, order_party = unit(capp, setup)
    assert number.startswith("REC-") and party_id == order_party

    def work():
        bob_p = as_staff(session().get(type(bob), bob.id))
        services.review_complaint(bob_p, complaint_id)
        services.accept_complaint(bob_p, complaint_id, {"comment": "Photos confirm it."})
        with pytest.raises(ValidationError) as missing:
            services.resolve_complaint(bob_p, complaint_id, {})
        assert "resolution" in missing.value.fields
        done = services.resolve_complaint(bob_p, complaint_id,
                                          {"resolution": "Two bags replaced."})
        assert done.status == "resolved" and done.resolved_at is not None
        with pytest.raises(Conflict):
            services.reject_complaint(bob_p, complaint_id)
    unit(capp, work)

    def check():
        notes = session().scalars(select(Note.body).where(
            Note.record_kind == "complaints.complaint", Note.record_id == complaint_id)).all()
        told_ann = session().scalars(select(Notification.message).where(
            Notification.user_id == ann.id)).all()
        told_bob = session().scalars(select(Notification.message).where(
            Notification.user_id == bob.id)).all()
        mails = session().execute(select(MailMessage.recipients, MailMessage.subject).where(
            MailMessage.record_kind == "complaints.complaint")).all()
        return notes, told_ann, told_bob, mails
    notes, told_ann, told_bob, mails = unit(capp, check)
    assert len(notes) == 4 and any("Resolved" in n for n in notes)
    assert len(told_ann) == 3 and any(number in m for m in told_ann)
    assert len(told_bob) == 1  # assigned when entered; his own moves tell him nothing
    assert sorted(r[0] for r, _s in mails) == ["ann@kontora.test"] * 3 + ["bob@kontora.test"] \
        + ["calitate@carpati.test"] * 3  # the client, of each move (test_client_notice)
    assert all(number in subject for _r, subject in mails)


def test_the_subject_must_be_a_readable_record_of_an_enabled_kind(capp):
    def run():
        ann = make_user("ann", STAFF)
        eve = make_user("eve", STAFF, scope="own")
        _client, order = confirmed_order(ann)
        product = make_product("BOLT")
        with pytest.raises(ValidationError) as disabled:
            services.create_complaint(as_staff(ann), {
                "subject_kind": "shipping.shipment", "subject_id": 1, "description": "x"})
        assert "subject_kind" in disabled.value.fields
        with pytest.raises(ValidationError) as foreign:
            services.create_complaint(as_staff(eve), {
                "subject_kind": "orders.order", "subject_id": order.id, "description": "x"})
        assert "subject_id" in foreign.value.fields
        with pytest.raises(ValidationError) as nobody:
            services.create_complaint(as_staff(ann), {
                "subject_kind": "catalog.product", "subject_id": product.id,
                "description": "Rusty"})
        assert "party_id" in nobody.value.fields
        made = services.create_complaint(as_staff(ann), {
            "subject_kind": "catalog.product", "subject_id": product.id,
            "party_id": order.party_id, "description": "Rusty", "cause": "defective"})
        assert made.product_id == product.id
        with pytest.raises(NotFound):
            services.update_complaint(as_staff(eve), made.id, {"description": "mine"})
    unit(capp, run)


def test_a_stale_version_is_refused_and_a_resolved_complaint_is_closed(capp):
    def run():
        ann = make_user("ann", STAFF)
        _client, order = confirmed_order(ann)
        made = services.create_complaint(as_staff(ann), {
            "subject_kind": "orders.order", "subject_id": order.id, "description": "Late"})
        with pytest.raises(Conflict):
            services.update_complaint(as_staff(ann), made.id, {"cause": "late"},
                                      expected_version=made.version + 5)
        with pytest.raises(ValidationError) as bad:
            services.update_complaint(as_staff(ann), made.id, {"cause": "weather"})
        assert "cause" in bad.value.fields
        for move in ("review", "reject"):
            services.run_transition(as_staff(ann), made.id, move, {})
        services.resolve_complaint(as_staff(ann), made.id, {"resolution": "Explained."})
        with pytest.raises(Conflict):
            services.update_complaint(as_staff(ann), made.id, {"cause": "late"})
        assert session().get(Complaint, made.id).status == "resolved"
    unit(capp, run)


def test_the_report_groups_by_product_client_and_cause_with_resolution_times(capp):
    def run():
        ann = make_user("ann", STAFF)
        _c1, order1 = confirmed_order(ann, "Alfa SRL")
        _c2, order2 = confirmed_order(ann, "Beta SRL")
        product = make_product("CEM")
        made = []
        for order, cause in ((order1, "damaged"), (order1, "damaged"), (order2, "late")):
            made.append(services.create_complaint(as_staff(ann), {
                "subject_kind": "orders.order", "subject_id": order.id, "cause": cause,
                "product_id": product.id if cause == "damaged" else None,
                "description": "Problem"}))
        services.review_complaint(as_staff(ann), made[0].id)
        services.accept_complaint(as_staff(ann), made[0].id)
        services.resolve_complaint(as_staff(ann), made[0].id, {"resolution": "Replaced."})
        by_cause = {r.key: r for r in services.complaints_report(as_staff(ann), "cause")}
        assert by_cause["damaged"].count == 2 and by_cause["damaged"].resolved == 1
        assert by_cause["damaged"].average_days is not None
        assert by_cause["damaged"].label == "Damaged in transport"
        by_client = {r.label: r.count for r in services.complaints_report(as_staff(ann),
                                                                           "client")}
        assert by_client == {"Alfa SRL": 2, "Beta SRL": 1}
        by_product = {r.label: r.count for r in services.complaints_report(as_staff(ann),
                                                                            "product")}
        assert by_product == {"Product CEM": 2, "No product": 1}
        with pytest.raises(ValidationError) as bad:
            services.complaints_report(as_staff(ann), "weather")
        assert "by" in bad.value.fields
    unit(capp, run)
