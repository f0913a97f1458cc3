"""Fixtures for migration tests: a throw-away database per test, never the shared schema."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from core import registry
from core.app import create_app, kontora
from tests.conftest import (
    TEST_DB,
    create_pg_database,
    drop_pg_database,
    pg_server_url,
    test_plugin_infos,
)


@pytest.fixture
def fresh_url(tmp_path: Path) -> Iterator[str]:
    """An empty database: a SQLite file, or a new PostgreSQL database dropped afterwards."""
    if TEST_DB == "postgresql":
        name = create_pg_database()
        yield pg_server_url(name)
        drop_pg_database(name)
    else:
        yield f"sqlite:///{tmp_path / 'fresh.db'}"


@pytest.fixture
def build(fresh_url: str, tmp_path: Path) -> Iterator[Callable[..., Any]]:
    """``build("sample", extra=[...])``: an app on the fresh database with those plugins."""
    apps: list[Any] = []

    def factory(plugins: str, extra: Sequence[registry.PluginInfo] = ()) -> Any:
        app = create_app({
            "KONTORA_DATABASE_URL": fresh_url,
            "KONTORA_INSTANCE_PATH": str(tmp_path / "instance"),
            "KONTORA_PLUGINS": plugins,
            "KONTORA_SECRET_KEY": "test-secret-key-not-for-production",
        }, extra_plugins=[*test_plugin_infos(), *extra])
        apps.append(app)
        return app

    yield factory
    for app in apps:
        kontora(app).db.dispose()

