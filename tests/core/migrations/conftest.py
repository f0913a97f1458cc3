"""Fixtures for migration tests: a throw-away database per test, never the shared schema."""

from __future__ import annotations

import importlib
import uuid
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from core import registry
from core.app import create_app
from core.kernel import kontora
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


PLUGIN_PY = '''
from core import Manifest, hookimpl

manifest = Manifest(name="{name}", title="Tmp", version="1.0", depends=["sample"])


@hookimpl
def kontora_models() -> None:
    from {name} import models  # noqa: F401
'''

MODELS_PY = '''
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, OwnerMixin


class Thing(OwnerMixin, Base):
    __tablename__ = "{name}_thing"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(50))
    note_id: Mapped[int | None] = mapped_column(ForeignKey("sample_note.id"))
'''


@pytest.fixture
def tmp_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A plugin package made for this test (unique name: models stay in Base.metadata)."""
    name = f"tmpplug{uuid.uuid4().hex[:8]}"
    package = tmp_path / "src" / name
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "plugin.py").write_text(PLUGIN_PY.format(name=name))
    (package / "models.py").write_text(MODELS_PY.format(name=name))
    monkeypatch.syspath_prepend(str(tmp_path / "src"))
    importlib.invalidate_caches()
    return registry.plugin_from_module(f"{name}.plugin")
