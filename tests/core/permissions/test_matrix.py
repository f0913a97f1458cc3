"""The permission matrix: each default role against each permission of the sample plugin."""

from __future__ import annotations

import pytest

from core.kernel import kontora
from core.permissions import catalogue
from core.permissions.catalogue import DEFAULT_ROLES
from tests.core.identity.support import make_user, principal

EXPECTED = {
    "admin": {"sample.read", "sample.write", "core.admin"},
    "sales_manager": {"sample.read", "sample.write"},
    "salesperson": {"sample.read", "sample.write"},
    "accountant": {"sample.read"},
    "logistics": set(),
}


@pytest.fixture
def app(make_app):
    """Only the sample plugin on top of the kernel, so the catalogue is known exactly."""
    return make_app(plugins="sample")


def test_the_matrix_covers_every_default_role_and_sample_permission(app):
    assert set(EXPECTED) == {role.name for role in DEFAULT_ROLES}
    with app.app_context():
        codes = set(catalogue())
    # Kernel permissions grow with the kernel; a plugin adds exactly the ones it declares.
    assert "core.admin" in codes
    assert {c for c in codes if not c.startswith("core.")} == {"sample.read", "sample.write"}


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_default_role_holds_exactly_its_permissions(app, role):
    who = principal(app, make_user(app, "someone", roles=(role,)))
    with app.app_context():
        codes = set(catalogue())
    held = {code for code in codes if who.has(code)}
    if role == "admin":
        assert held == codes
    else:  # the sample plugin's grants; kernel areas grant their own (numbering audit ...)
        assert {c for c in held if not c.startswith("core.")} == EXPECTED[role]
        assert "core.admin" not in held
    assert who.is_admin is (role == "admin")


def test_a_user_without_roles_holds_nothing(app):
    who = principal(app, make_user(app, "nobody"))
    with app.app_context():
        assert not any(who.has(code) for code in catalogue())


def test_permissions_of_several_roles_add_up(app):
    who = principal(app, make_user(app, "both", roles=("accountant", "salesperson")))
    assert who.has("sample.write") and who.has("sample.read")
    with app.app_context(), kontora(app).db.unit():
        assert who.scope_for("sample.read") == "all"  # the accountant's wider scope wins
        assert who.scope_for("sample.write") == "team"
