"""Photos of complaints (type and size refused with a field error, served only to readers)
and the services a client portal calls to file and follow its own complaints."""

from __future__ import annotations

import io

import pytest

from core.db import session
from core.errors import Forbidden, NotFound, ValidationError
from core.identity.models import PortalUser
from core.identity.users import portal_principal, staff_session_id
from plugins.complaints import services
from plugins.complaints.models import Complaint
from plugins.complaints.services.photos import photos_of
from tests.core.web.conftest import Browser
from tests.plugins.complaints.conftest import (
    PNG,
    STAFF,
    UPLOAD_LIMIT,
    as_staff,
    confirmed_order,
    make_user,
    unit,
)


def _complaint(ann):
    _client, order = confirmed_order(ann)
    return services.create_complaint(as_staff(ann), {
        "subject_kind": "orders.order", "subject_id": order.id, "description": "Torn bags"})


def test_wrong_type_and_oversized_files_are_refused_naming_the_field(capp):
    def run():
        ann = make_user("ann", STAFF)
        made = _complaint(ann)
        with pytest.raises(ValidationError) as wrong:
            services.add_photos(as_staff(ann), made.id,
                                [("evil.png", io.BytesIO(b"<svg onload=alert(1)>"))])
        assert "file" in wrong.value.fields
        with pytest.raises(ValidationError) as big:
            services.add_photos(as_staff(ann), made.id,
                                [("big.png", io.BytesIO(PNG + b"\0" * UPLOAD_LIMIT))])
        assert "file" in big.value.fields
        added = services.add_photos(as_staff(ann), made.id, [("torn bag.png", io.BytesIO(PNG))])
        assert [a.content_type for a in added] == ["image/png"]
    unit(capp, run)


def test_photos_are_previewed_and_served_only_to_readers_of_the_complaint(capp):
    def setup():
        ann = make_user("ann", STAFF)
        eve = make_user("eve", STAFF, scope="own")
        nobody = make_user("nobody", ["parties.read"])
        made = _complaint(ann)
        key = services.add_photos(as_staff(ann), made.id, [("bag.png", io.BytesIO(PNG))])[0] \
            .storage_key
        return [(u.id, staff_session_id(u)) for u in (ann, eve, nobody)], made.id, key
    users, complaint_id, key = unit(capp, setup)
    ann, eve, nobody = (Browser(capp, *u) for u in users)
    page = ann.get(f"/complaints/{complaint_id}").get_data(as_text=True)
    assert f"/complaints/{complaint_id}/files/{key}" in page and "<img" in page
    served = ann.get(f"/complaints/{complaint_id}/files/{key}")
    assert served.status_code == 200 and served.data == PNG
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert eve.get(f"/complaints/{complaint_id}/files/{key}").status_code == 404
    assert nobody.get(f"/complaints/{complaint_id}/files/{key}").status_code in (403, 404)
    assert ann.get(f"/complaints/{complaint_id}/files/not-a-key").status_code == 404
    wrong = ann.post(f"/complaints/{complaint_id}/photos",
                     data={"file": (io.BytesIO(b"MZ\x90\x00binary"), "tool.exe")},
                     content_type="multipart/form-data")
    assert wrong.status_code == 303
    assert unit(capp, lambda: len(photos_of(complaint_id))) == 1


def test_a_portal_client_files_and_reads_only_its_own_complaints(capp):
    def setup():
        ann = make_user("ann", STAFF, email="ann@kontora.test")
        client, order = confirmed_order(ann)
        _other, foreign = confirmed_order(ann, "Alt Client SRL")
        account = PortalUser(email="ion@carpati.test", name="Ion Popescu",
                             record_kind="parties.client", record_id=client.id)
        session().add(account)
        session().flush()
        return ann.id, account.id, client.id, order.id, foreign.id
    ann_id, account_id, client_id, order_id, foreign_id = unit(capp, setup)

    def run():
        who = portal_principal(session().get(PortalUser, account_id))
        with pytest.raises(ValidationError) as not_theirs:
            services.file_complaint(who, {"subject_kind": "orders.order",
                                          "subject_id": foreign_id, "description": "x"})
        assert "subject_id" in not_theirs.value.fields
        made = services.file_complaint(
            who, {"subject_kind": "orders.order", "subject_id": order_id, "cause": "damaged",
                  "description": "Bags torn", "remedy": "replacement"},
            [("bag.png", io.BytesIO(PNG))])
        assert made.party_id == client_id and made.owner_id == ann_id
        assert made.portal_user_id == account_id and made.number.startswith("REC-")
        assert [c.id for c in services.client_complaints(who)] == [made.id]
        key = photos_of(made.id)[0].storage_key
        assert services.client_photo(who, made.id, key).content_type == "image/png"
        with pytest.raises(Forbidden):
            services.create_complaint(who, {"subject_kind": "orders.order",
                                            "subject_id": order_id, "description": "x"})
        return made.id
    complaint_id = unit(capp, run)

    def others():
        ann = session().get(type(session().get(Complaint, complaint_id).owner), ann_id)
        foreign_made = services.create_complaint(as_staff(ann), {
            "subject_kind": "orders.order", "subject_id": foreign_id, "description": "y"})
        who = portal_principal(session().get(PortalUser, account_id))
        with pytest.raises(NotFound):
            services.client_complaint(who, foreign_made.id)
        staff = as_staff(ann)
        with pytest.raises(Forbidden):
            services.file_complaint(staff, {"subject_kind": "orders.order",
                                            "subject_id": order_id, "description": "z"})
    unit(capp, others)
