"""Custom client fields: typed values that lists filter and sort by, in the SQL."""

from __future__ import annotations

from datetime import date

import pytest

from core.errors import Forbidden, ValidationError
from plugins.parties import services
from plugins.parties.queries import list_clients
from tests.plugins.parties.conftest import staff


@pytest.fixture
def clients(ctx):
    admin = ctx["admin"]
    services.define_custom_field(admin, {"code": "employees", "label": "Employees",
                                         "type": "number"})
    services.define_custom_field(admin, {"code": "since", "label": "Client since",
                                         "type": "date"})
    services.define_custom_field(admin, {"code": "tier", "label": "Tier", "type": "choice",
                                         "choices": ["gold", "silver"]})
    rows = [("Alfa", "120", "2019-03-01", "gold"), ("Beta", "8", "2021-07-15", "silver"),
            ("Gamma", "45.5", None, "gold"), ("Delta", None, "2018-01-10", None)]
    made = {}
    for name, employees, since, tier in rows:
        made[name] = services.create_client(ctx["as_ann"], {
            "kind": "legal_entity", "name": name + " SRL", "country": "RO",
            "custom": {"employees": employees, "since": since, "tier": tier}})
    return made


def names(rows) -> list[str]:
    return [c.name.split()[0] for c in rows]


def test_values_are_stored_typed(ctx, clients):
    values = {v.field.code: v.value for v in clients["Alfa"].custom_values}
    assert values == {"employees": 120.0, "since": date(2019, 3, 1), "tier": "gold"}
    assert {v.field.code for v in clients["Delta"].custom_values} == {"since"}


def test_filter_by_number_date_and_choice(ctx, clients):
    p = ctx["as_ann"]
    assert names(list_clients(p, custom={"employees__gte": "45"})) == ["Alfa", "Gamma"]
    assert names(list_clients(p, custom={"employees__lt": 100})) == ["Beta", "Gamma"]
    assert names(list_clients(p, custom={"since__lt": "2020-01-01"})) == ["Alfa", "Delta"]
    assert names(list_clients(p, custom={"tier": "gold", "employees__gt": "100"})) == ["Alfa"]
    assert names(list_clients(p, custom={"tier__isnull": "true"})) == ["Delta"]


def test_sort_by_custom_fields_numerically_with_empty_values_last(ctx, clients):
    p = ctx["as_ann"]
    assert names(list_clients(p, sort="cf.employees")) == ["Beta", "Gamma", "Alfa", "Delta"]
    assert names(list_clients(p, sort="-cf.employees")) == ["Alfa", "Gamma", "Beta", "Delta"]
    assert names(list_clients(p, sort="cf.since")) == ["Delta", "Alfa", "Beta", "Gamma"]


def test_lists_keep_record_rules(ctx, clients):
    assert list_clients(staff(ctx["bob"], "own"), sort="cf.employees") == []


def test_bad_values_and_unknown_fields_are_field_errors(ctx, clients):
    p = ctx["as_ann"]
    with pytest.raises(ValidationError) as err:
        services.set_custom_values(p, clients["Alfa"].id, {"employees": "many",
                                                           "tier": "bronze", "nope": 1})
    assert set(err.value.fields) == {"custom.employees", "custom.tier", "custom.nope"}
    with pytest.raises(ValidationError):
        list_clients(p, custom={"nope": 1})
    with pytest.raises(ValidationError):
        list_clients(p, custom={"since__gt": "yesterday"})


def test_changing_and_clearing_values(ctx, clients):
    p = ctx["as_ann"]
    services.set_custom_values(p, clients["Beta"].id, {"employees": 500, "tier": ""})
    assert names(list_clients(p, sort="-cf.employees"))[0] == "Beta"
    assert names(list_clients(p, custom={"tier__isnull": "1"})) == ["Beta", "Delta"]


def test_only_admins_define_fields(ctx):
    with pytest.raises(Forbidden):
        services.define_custom_field(ctx["as_ann"], {"code": "x", "label": "X",
                                                     "type": "text"})
    with pytest.raises(ValidationError) as err:
        services.define_custom_field(ctx["admin"], {"code": "tier", "label": "T",
                                                    "type": "choice"})
    assert "choices" in err.value.fields
