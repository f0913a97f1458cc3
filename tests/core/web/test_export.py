"""CSV and XLSX exports hold exactly the filtered rows the user may read."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import insert

from core.kernel import kontora
from tests.sample_plugin.models import SampleNote


@pytest.fixture
def people(app, sign_in):
    ann = sign_in("ann", ["sample.read"], scope="own")
    bob = sign_in("bob", ["sample.read"], scope="all")
    with kontora(app).db.unit() as s:
        s.execute(insert(SampleNote), [
            {"title": f"ann {n}", "amount": Decimal(n) + Decimal("0.50"), "owner_id": ann.user_id}
            for n in range(1200)
        ] + [
            {"title": "=HYPERLINK(\"http://evil\")", "amount": None, "owner_id": bob.user_id},
            {"title": "bob 7", "amount": Decimal("7.00"), "owner_id": bob.user_id},
        ])
    return {"ann": ann, "bob": bob}


def read_csv(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    return list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))


def test_csv_streams_every_row_of_the_users_scope(people):
    response = people["ann"].get("/sample/notes/export.csv")
    assert response.is_streamed
    rows = read_csv(response)
    assert rows[0] == ["Title", "Amount", "Owner"]
    assert len(rows) == 1 + 1200  # Bob's notes are outside Ann's scope
    assert rows[1] == ["ann 1199", "1199.50", str(people["ann"].user_id)]


def test_csv_honours_search_filters_and_sort(people):
    rows = read_csv(people["bob"].get("/sample/notes/export.csv?q=ann 11&amount__lte=115"
                                      "&sort=amount"))
    titles = [r[0] for r in rows[1:]]
    assert titles == ["ann 11", "ann 110", "ann 111", "ann 112", "ann 113", "ann 114"]


def test_csv_makes_formulas_inert(people):
    rows = read_csv(people["bob"].get("/sample/notes/export.csv?q=HYPERLINK"))
    assert rows[1][0] == "'=HYPERLINK(\"http://evil\")" and rows[1][1] == ""


def test_xlsx_holds_typed_values_of_the_filtered_rows(people):
    response = people["bob"].get("/sample/notes/export.xlsx?amount__gte=7&amount__lte=9")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(response.get_data()), read_only=True).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["Title", "Amount", "Owner"]
    assert sorted((r[0], r[1]) for r in rows[1:]) == [("ann 7", 7.5), ("ann 8", 8.5),
                                                     ("bob 7", 7)]


def test_xlsx_drops_control_characters_a_worksheet_cannot_hold(app, people):
    with kontora(app).db.unit() as s:
        s.execute(insert(SampleNote), [{"title": "bell\x07 and\x1b escape", "amount": None,
                                        "owner_id": people["bob"].user_id}])
    response = people["bob"].get("/sample/notes/export.xlsx?q=escape")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.get_data()), read_only=True).active
    assert [r[0] for r in sheet.iter_rows(values_only=True)] == ["Title", "bell and escape"]


def test_xlsx_respects_record_rules(people):
    response = people["ann"].get("/sample/notes/export.xlsx?q=bob")
    sheet = load_workbook(io.BytesIO(response.get_data()), read_only=True).active
    assert list(sheet.iter_rows(values_only=True)) == [("Title", "Amount", "Owner")]


def test_export_with_a_bad_filter_is_a_clear_error_not_a_broken_file(people):
    response = people["bob"].get("/sample/notes/export.csv?amount__gte=abc")
    assert response.status_code == 422
    assert "text/html" in response.content_type


def test_export_needs_the_read_permission(sign_in):
    assert sign_in("eve", []).get("/sample/notes/export.csv").status_code == 403


def test_export_needs_the_export_permission_where_the_catalogue_has_one(app, sign_in):
    from core.permissions import catalogue

    with app.app_context():
        catalogue(app)["sample.export"] = "Export notes"  # as a plugin declaring it would
    reader = sign_in("rita", ["sample.read"], scope="all")
    exporter = sign_in("emil", ["sample.read", "sample.export"], scope="all")
    assert reader.get("/sample/notes/").status_code == 200
    assert reader.get("/sample/notes/export.csv").status_code == 403
    assert exporter.get("/sample/notes/export.csv").status_code == 200


def test_plain_columns_are_selected_without_building_objects(app):
    from core.web.generic import Column
    from core.web.generic.export import plain_columns

    assert plain_columns(SampleNote, (Column("title"), Column("amount"))) == ["title",
                                                                             "amount"]
    assert plain_columns(SampleNote, (Column("title"), Column("owner"))) is None
    assert plain_columns(SampleNote, (Column("title", format=lambda r: r.title),)) is None
