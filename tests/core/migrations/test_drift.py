"""Models and migrations agree: a model change without a migration fails here, per branch."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from core import registry
from core.db import Base
from core.kernel import kontora
from core.migrations import Migrations
from core.migrations.ownership import CORE, TableOwners
from tests.conftest import test_plugin_infos

# The plugin set the test suite runs with: every built-in plugin plus the test plugins.
ENABLED = ["builtin", *(p.name for p in test_plugin_infos())]
BRANCHES = [CORE, *sorted(p.name for p in registry.load(ENABLED, test_plugin_infos()).enabled)]


@pytest.mark.parametrize("branch", BRANCHES)
def test_migrations_match_the_models(build, branch):
    k = kontora(build(",".join(ENABLED)))
    Migrations(k).upgrade()
    owners = TableOwners(k.plugins)

    with k.db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={
            "compare_type": True,
            "include_name": owners.include_name([branch]),
            "include_object": owners.include_object([branch], conn.dialect.name),
        })
        drift = compare_metadata(context, Base.metadata)

    assert drift == [], (
        f"the models of {branch!r} differ from its migrations; run "
        f"`kontora db revision --plugin {branch} -m ...`:\n"
        + "\n".join(str(d)[:160] for d in drift)
    )
