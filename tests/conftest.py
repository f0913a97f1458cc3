"""Fixtures shared by every test: a throw-away database and applications built per test.

``KONTORA_TEST_DB`` picks the database leg: ``sqlite`` (default) or ``postgresql``. The
PostgreSQL leg creates one database per run on ``KONTORA_TEST_PG_URL`` and drops it at
the end. Each test gets empty tables; the schema is built once per run.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from core import registry
from core.app import create_app
from core.db import Base
from core.kernel import kontora
from core.migrations import Migrations

TEST_DB = os.environ.get("KONTORA_TEST_DB", "sqlite")
PG_ADMIN_URL = os.environ.get(
    "KONTORA_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
# Speed is measured in bench/, never in tests: Hypothesis's deadline and slow-generation
# check would fail a correct property test on a loaded machine.
settings.register_profile("kontora", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("kontora")

TEST_PLUGINS = ["tests.sample_plugin.plugin", "tests.core.jobs.jobs_plugin.plugin",
                "tests.core.conversions.target_plugin.plugin"]


def test_plugin_infos() -> list[registry.PluginInfo]:
    """The plugins under ``tests/`` that fixtures make available to ``KONTORA_PLUGINS``."""
    return [registry.plugin_from_module(m) for m in TEST_PLUGINS]


test_plugin_infos.__test__ = False  # type: ignore[attr-defined]


def pg_server_url(dbname: str) -> str:
    return make_url(PG_ADMIN_URL).set(database=dbname).render_as_string(hide_password=False)


def create_pg_database() -> str:
    name = f"kontora_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return name


def drop_pg_database(name: str) -> None:
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The run's database, migrated once for every built-in and test plugin."""
    if TEST_DB == "postgresql":
        name = create_pg_database()
        url = pg_server_url(name)
    else:
        name = ""
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'kontora.db'}"
    app = create_app(_base_config(url, tmp_path_factory.mktemp("schema")),
                     extra_plugins=test_plugin_infos())
    k = kontora(app)
    Migrations(k).upgrade()  # the schema under test is the one the migrations make
    k.db.dispose()
    yield url
    if name:
        drop_pg_database(name)


def _base_config(url: str, instance: Path, plugins: str | None = None) -> dict[str, str]:
    return {
        "KONTORA_DATABASE_URL": url,
        "KONTORA_INSTANCE_PATH": str(instance),
        "KONTORA_PLUGINS": plugins or "builtin," + ",".join(p.name for p in test_plugin_infos()),
        "KONTORA_SECRET_KEY": "test-secret-key-not-for-production",
        # never the live VIES service: nothing listens on the discard port, so checks
        # answer "unavailable" at once (tests/plugins/parties/test_vies.py runs its own)
        "KONTORA_VIES_URL": "http://127.0.0.1:9/check-vat-number",
    }


def _empty_tables(app: Any) -> None:
    """Empty the tables a test wrote to: one probe finds them, so most tests touch few."""
    engine = kontora(app).db.engine
    with engine.begin() as conn:
        existing = set(inspect(conn).get_table_names())
        tables = [t for t in reversed(Base.metadata.sorted_tables) if t.name in existing]
        if not tables:
            return
        probe = " UNION ALL ".join(
            f"SELECT '{t.name}' WHERE EXISTS (SELECT 1 FROM \"{t.name}\")" for t in tables)
        written = {row[0] for row in conn.execute(text(probe))}
        if engine.dialect.name == "postgresql":
            if written:
                names = ", ".join(f'"{name}"' for name in sorted(written))
                conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            # Triggers may refuse deletes (issued invoices never go): set them aside meanwhile.
            triggers = conn.execute(text(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")).all()
            for name, _sql in triggers:
                conn.execute(text(f'DROP TRIGGER "{name}"'))
            conn.execute(text("PRAGMA defer_foreign_keys = ON"))  # rows citing their table
            for table in tables:
                if table.name in written:
                    conn.execute(table.delete())
            for _name, sql in triggers:
                conn.execute(text(sql))


@pytest.fixture
def make_app(database_url: str, tmp_path: Path) -> Iterator[Callable[..., Any]]:
    """Build applications on the test database: ``make_app(plugins="sample", **config)``."""
    apps: list[Any] = []

    def factory(plugins: str | None = None, **config: str) -> Any:
        settings = _base_config(database_url, tmp_path / "instance", plugins)
        settings.update(config)
        app = create_app(settings, extra_plugins=test_plugin_infos())
        app.config["TESTING"] = True
        apps.append(app)
        return app

    yield factory
    if apps:
        _empty_tables(apps[0])
    for app in apps:
        kontora(app).db.dispose()


@pytest.fixture
def app(make_app: Callable[..., Any]) -> Any:
    """An application with every built-in plugin and the test plugins enabled."""
    return make_app()


@pytest.fixture
def db(app: Any) -> Any:
    """The application's :class:`core.db.Database`."""
    return kontora(app).db
