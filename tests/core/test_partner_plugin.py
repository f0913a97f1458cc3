"""A partner plugin shipped as its own package (tests/partner_plugin) works like a built-in.

The package is installed into a throw-away directory, never into the shared virtual
environment, and every check runs in a subprocess whose ``PYTHONPATH`` holds that
directory: ``importlib.metadata`` finds its ``kontora.plugins`` entry point there, and no
other test ever sees the plugin.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import TEST_DB, create_pg_database, drop_pg_database, pg_server_url

ROOT = Path(__file__).resolve().parents[2]
KONTORA = Path(sys.executable).with_name("kontora")
REVISION = "5e2b7c1d9a40"

# Builds the app the way `kontora run` does and reports what the plugin contributed.
PROBE = """
import json, sys
from sqlalchemy import inspect
from core.app import create_app
from core.kernel import kontora
from core.web.menu import menu_entries

app = create_app()
k = kontora(app)
if k.plugins.is_enabled("partner_demo"):
    from kontora_partner_demo.models import Greeting
    with k.db.unit() as s:
        s.add(Greeting(text="Hello from a partner"))
response = app.test_client().get("/partner-demo/")
print(json.dumps({
    "imported": sorted(m for m in sys.modules if m.startswith("kontora_partner_demo")),
    "tables": sorted(t for t in inspect(k.db.engine).get_table_names()
                     if t.startswith("partner_demo")),
    "status": response.status_code,
    "body": response.get_json(silent=True),
    "menu": [e["endpoint"] for e in menu_entries(app)],
    "receiver_ran": "partner_demo" in app.extensions,
}))
"""


@pytest.fixture(scope="module")
def partner_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The partner package installed (no dependencies) into its own directory."""
    source = tmp_path_factory.mktemp("partner-src") / "partner_plugin"
    # build from a copy: an in-tree build would leave build/ and *.egg-info in tests/
    shutil.copytree(ROOT / "tests" / "partner_plugin", source)
    site = tmp_path_factory.mktemp("partner-site")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--no-build-isolation", "--target", str(site), str(source)],
                   check=True, capture_output=True, timeout=300)
    return site


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    """An empty database of this run's leg, so `kontora db upgrade` starts from nothing."""
    if TEST_DB == "postgresql":
        name = create_pg_database()
        yield pg_server_url(name)
        drop_pg_database(name)
    else:
        yield f"sqlite:///{tmp_path / 'partner.db'}"


def run(args: list[str], *, site: Path | None, database_url: str, plugins: str,
        instance: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KONTORA_")}
    env.update(KONTORA_DATABASE_URL=database_url, KONTORA_PLUGINS=plugins,
               KONTORA_INSTANCE_PATH=str(instance),
               KONTORA_SECRET_KEY="partner-plugin-test-secret-key")
    env.pop("PYTHONPATH", None)
    if site is not None:
        env["PYTHONPATH"] = str(site)
    result = subprocess.run(args, env=env, cwd=instance.parent, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result


def probe(**kwargs) -> dict:
    return json.loads(run([sys.executable, "-c", PROBE], **kwargs).stdout.splitlines()[-1])


def listed(output: str) -> dict[str, list[str]]:
    return {line.split()[0]: line.split(None, 4) for line in output.splitlines()[1:]}


def test_discovered_through_its_entry_point(partner_site: Path, database_url: str,
                                            tmp_path: Path) -> None:
    kw = {"database_url": database_url, "instance": tmp_path / "instance"}
    rows = listed(run([str(KONTORA), "plugins", "list"], site=partner_site,
                      plugins="partner_demo", **kw).stdout)
    assert rows["partner_demo"] == ["partner_demo", "yes", "1.0.0", "-",
                                    "entry point (kontora-partner-demo)"]

    rows = listed(run([str(KONTORA), "plugins", "list"], site=partner_site, plugins="", **kw)
                  .stdout)
    assert rows["partner_demo"][1] == "no"

    rows = listed(run([str(KONTORA), "plugins", "list"], site=None, plugins="", **kw).stdout)
    assert "partner_demo" not in rows  # the shared environment never had it


def test_disabled_it_leaves_no_trace_and_enabled_later_it_adds_only_its_own(
        partner_site: Path, database_url: str, tmp_path: Path) -> None:
    kw = {"site": partner_site, "database_url": database_url, "instance": tmp_path / "instance"}

    run([str(KONTORA), "db", "upgrade"], plugins="", **kw)
    off = probe(plugins="", **kw)
    assert off["imported"] == []
    assert off["tables"] == []
    assert off["status"] == 404
    assert "partner_demo.index" not in off["menu"]
    assert off["receiver_ran"] is False

    upgraded = run([str(KONTORA), "db", "upgrade"], plugins="partner_demo", **kw).stdout
    assert upgraded.strip().splitlines() == [f"partner_demo: empty -> {REVISION}"]
    on = probe(plugins="partner_demo", **kw)
    assert on["tables"] == ["partner_demo_greeting"]
    assert on["status"] == 200
    assert on["body"] == {"greetings": ["Hello from a partner"], "started_with": ["partner_demo"]}
    assert "partner_demo.index" in on["menu"]
    assert on["receiver_ran"] is True
    assert "kontora_partner_demo.plugin" in on["imported"]

    current = run([str(KONTORA), "db", "current"], plugins="partner_demo", **kw).stdout
    assert f"partner_demo: {REVISION} (head)" in current


def test_its_migration_matches_its_model(partner_site: Path, database_url: str,
                                         tmp_path: Path) -> None:
    """Autogenerate after upgrade finds nothing to write: the branch's script is complete."""
    kw = {"site": partner_site, "database_url": database_url, "instance": tmp_path / "instance",
          "plugins": "partner_demo"}
    run([str(KONTORA), "db", "upgrade"], **kw)
    result = run([str(KONTORA), "db", "revision", "--plugin", "partner_demo", "-m", "drift"], **kw)
    assert "no changes in the tables of 'partner_demo'" in result.stdout
