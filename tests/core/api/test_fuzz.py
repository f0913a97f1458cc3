"""Every operation of the OpenAPI document, fuzzed with schemathesis against the real app.

Each operation is one test: schemathesis generates requests from the document (valid and
invalid), sends them as an admin through the WSGI app, and runs every check it has (no 500,
status codes, content types, headers and bodies as documented, invalid input refused,
valid input accepted ...). A stateful test follows the document's ``links`` (create, then
read, change, delete what was made).

The runs are bounded and derandomised so CI is stable. For a long fuzz, raise the numbers::

    KONTORA_FUZZ_EXAMPLES=500 KONTORA_FUZZ_STEPS=200 python -m pytest tests/core/api/test_fuzz.py

``KNOWN`` lists the operations that still fail, each with the reason; they are xfailed
strictly, so a fixed one fails the run until it leaves the list.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import hypothesis
import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import strategies as st
from schemathesis.generation import GenerationMode

from core.api.openapi import API_PREFIX, openapi_document
from core.app import create_app
from core.identity.tokens import create_token
from core.identity.users import create_user, staff_principal
from core.kernel import kontora
from core.permissions.catalogue import catalogue, seed_roles
from tests.conftest import _base_config, _empty_tables, test_plugin_infos

EXAMPLES = int(os.environ.get("KONTORA_FUZZ_EXAMPLES", "8"))
STEPS = int(os.environ.get("KONTORA_FUZZ_STEPS", "20"))
PLUGINS = "builtin"

KNOWN: dict[tuple[str, str], str] = {
}
"""Operations that still fail the fuzz: ``(METHOD, path as documented)`` -> why."""


def _documented_operations() -> list[tuple[str, str]]:
    """``(METHOD, path)`` of every documented operation, read from an app built offline."""
    app = create_app(_base_config("sqlite://", Path(tempfile.mkdtemp()), PLUGINS),
                     extra_plugins=test_plugin_infos())
    found = []
    for path, item in openapi_document(app)["paths"].items():
        for method in item:
            if method in ("get", "put", "post", "patch", "delete", "options"):
                found.append((method.upper(), path))
    return sorted(found, key=lambda op: (op[1], op[0]))


OPERATIONS = _documented_operations()


def _param(method: str, path: str) -> Any:
    reason = KNOWN.get((method, path))
    marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
    return pytest.param(method, path, marks=marks, id=f"{method} {path}")


@pytest.fixture(scope="module")
def fuzz_app(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Every built-in plugin on the test database, with an admin's bearer token."""
    app = create_app(_base_config(database_url, tmp_path_factory.mktemp("fuzz"), PLUGINS),
                     extra_plugins=test_plugin_infos())
    app.config["TESTING"] = True
    k = kontora(app)
    with app.app_context(), k.db.unit() as sess:
        seed_roles(sess, app)
        admin = create_user("fuzz-admin", "Fuzz Admin", email="admin@example.com",
                            roles=["admin"])
        _, text = create_token(staff_principal(admin), "fuzz", sorted(catalogue(app)), None)
    app.config["FUZZ_TOKEN"] = text
    yield app
    _empty_tables(app)
    k.db.dispose()


@pytest.fixture(scope="module")
def api_schema(fuzz_app: Any) -> Any:
    """The app's own document; the token is given for its security scheme, so the auth
    checks know it valid and probe without it."""
    config = schemathesis.config.SchemathesisConfig.from_dict({
        "seed": 20261204, "checks": CHECKS,
        "auth": {"openapi": {"bearerAuth": {"bearer": fuzz_app.config["FUZZ_TOKEN"]}}}})
    return schemathesis.openapi.from_wsgi(f"{API_PREFIX}/openapi.json", fuzz_app,
                                          config=config)


CHECKS = {
    # Every check runs. A schema-valid request may still break a business rule the document
    # cannot state (no such client, no pipeline set up yet, an invalid cursor): that is a
    # 422 naming the field, not a contract violation.
    # A malformed If-Match is refused with 412, the status HTTP gives a failed precondition.
    "positive_data_acceptance": {
        "expected-statuses": ["2xx", "3xx", "401", "403", "404", "409", "422", "429"]},
    "negative_data_rejection": {
        "expected-statuses": ["400", "401", "403", "404", "405", "406", "409", "412", "413",
                              "415", "422", "428", "429"]},
}
SETTINGS = hypothesis.settings(
    max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
    suppress_health_check=list(HealthCheck), print_blob=False,
    phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
)


@pytest.mark.parametrize(("method", "path"), [_param(*op) for op in OPERATIONS])
def test_operation_keeps_its_contract(api_schema: Any, method: str, path: str) -> None:
    operation = api_schema[path][method]

    strategy = st.one_of(*(operation.as_strategy(mode) for mode in GenerationMode))

    @SETTINGS
    @given(case=strategy)
    def fuzz(case: Any) -> None:
        case.call_and_validate()

    fuzz()


def test_linked_operations_keep_their_contract(api_schema: Any) -> None:
    """Create records and follow the document's links to read, change and delete them."""
    api_schema.as_state_machine().run(settings=hypothesis.settings(
        SETTINGS, max_examples=max(1, EXAMPLES // 2), stateful_step_count=STEPS))


def test_the_fuzzer_is_signed_in(api_schema: Any) -> None:
    """Guard: with a token the API ignored, every case would be a 401 and prove nothing."""
    statuses = []

    @hypothesis.settings(SETTINGS, max_examples=5)
    @given(case=api_schema["/mail"]["GET"].as_strategy())
    def read_mail(case: Any) -> None:
        assert "Authorization" in case.headers
        statuses.append(case.call().status_code)

    read_mail()
    assert statuses and 401 not in statuses, statuses
