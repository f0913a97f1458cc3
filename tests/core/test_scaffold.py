"""``kontora plugins new`` writes a partner plugin package that installs and runs as it is."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from core.cli import main
from tests.conftest import TEST_DB, create_pg_database, drop_pg_database, pg_server_url

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent

# Signs in as an admin and opens the scaffolded page, as a person would.
PROBE = """
import json
from core.app import create_app
from core.kernel import kontora
from core.identity.users import create_user
from core.permissions import seed_roles

app = create_app()
app.config.update(WTF_CSRF_ENABLED=False)
k = kontora(app)
with app.app_context(), k.db.unit() as session:
    seed_roles(session, app)
    create_user("admin", "Admin", password="correct horse battery staple", roles=["admin"])
    k.pm.hook.kontora_demo_data(session=session)
client = app.test_client()
client.post("/login", data={"login": "admin", "password": "correct horse battery staple"})
page = client.get("/fleet_log/")
print(json.dumps({"status": page.status_code, "text": page.get_data(as_text=True)}))
"""


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    """An empty database of this run's leg."""
    if TEST_DB == "postgresql":
        name = create_pg_database()
        yield pg_server_url(name)
        drop_pg_database(name)
    else:
        yield f"sqlite:///{tmp_path / 'scaffold.db'}"


def scaffold(name: str, directory: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["plugins", "new", name, "--directory", str(directory)])
    return result.exit_code, result.output


def run(args: list[str], *, cwd: Path, env_extra: dict[str, str]) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KONTORA_")}
    env.pop("PYTHONPATH", None)
    env.update(env_extra)
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.mark.parametrize("name", ["Fleet", "fleet-log", "9lives", "x", "fleet__log", "log_",
                                  "a" * 21])
def test_refuses_names_that_cannot_name_tables_and_routes(name: str, tmp_path: Path) -> None:
    code, output = scaffold(name, tmp_path)
    assert code == 1
    assert "must be 2-20 lowercase letters" in output
    assert list(tmp_path.iterdir()) == []


def test_refuses_to_overwrite_a_folder(tmp_path: Path) -> None:
    (tmp_path / "kontora-fleet").mkdir()
    code, output = scaffold("fleet", tmp_path)
    assert code == 1
    assert "already exists" in output


def test_writes_a_complete_lint_clean_package(tmp_path: Path) -> None:
    name = "service_contract_log"  # the longest name allowed: lines must still fit
    code, output = scaffold(name, tmp_path)
    assert code == 0, output
    project = tmp_path / "kontora-service-contract-log"
    package = f"kontora_{name}"
    files = {p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file()}
    migration = next(f for f in files if f.startswith(f"{package}/migrations/2"))
    assert migration.endswith(f"_create_{name}_item.py")
    assert files == {
        "README.md", "setup.cfg", "pyproject.toml", "tests/test_plugin.py",
        f"{package}/__init__.py", f"{package}/plugin.py", f"{package}/models.py",
        f"{package}/kinds.py", f"{package}/demo.py", f"{package}/views.py",
        f"{package}/templates/{name}/index.html",
        f"{package}/migrations/__init__.py", migration,
    }
    assert f"{name} = {package}.plugin" in (project / "setup.cfg").read_text()
    plugin_py = (project / package / "plugin.py").read_text()
    assert "contents = Contents(" in plugin_py
    assert not [line for line in plugin_py.splitlines() if line.startswith("@hookimpl")]
    lint = subprocess.run([str(BIN / "ruff"), "check", "--no-cache", "--config",
                           str(ROOT / "pyproject.toml"), str(project)],
                          capture_output=True, text=True, timeout=120)
    assert lint.returncode == 0, lint.stdout + lint.stderr


def test_installs_migrates_serves_and_passes_its_own_tests(tmp_path: Path,
                                                           database_url: str) -> None:
    code, output = scaffold("fleet_log", tmp_path)
    assert code == 0, output
    project = tmp_path / "kontora-fleet-log"
    site = tmp_path / "site"
    run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--target", str(site), str(project)], cwd=tmp_path, env_extra={})
    env = {"PYTHONPATH": str(site), "KONTORA_DATABASE_URL": database_url,
           "KONTORA_INSTANCE_PATH": str(tmp_path / "instance"), "KONTORA_PLUGINS": "fleet_log",
           "KONTORA_SECRET_KEY": "scaffold-test-secret-key"}

    listing = run([str(BIN / "kontora"), "plugins", "list"], cwd=tmp_path, env_extra=env)
    assert any(line.split() == ["fleet_log", "yes", "0.1.0", "-", "entry", "point",
                                "(kontora-fleet-log)"] for line in listing.splitlines())

    upgraded = run([str(BIN / "kontora"), "db", "upgrade"], cwd=tmp_path, env_extra=env)
    assert upgraded.strip().splitlines()[-1].startswith("fleet_log: empty -> ")
    drift = run([str(BIN / "kontora"), "db", "revision", "--plugin", "fleet_log", "-m", "drift"],
                cwd=tmp_path, env_extra=env)
    assert "no changes in the tables of 'fleet_log'" in drift

    page = json.loads(run([sys.executable, "-c", PROBE], cwd=tmp_path,
                          env_extra=env).splitlines()[-1])
    assert page["status"] == 200
    assert "First Fleet log item" in page["text"]

    own_tests = run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
                    cwd=project, env_extra={"PYTHONPATH": str(site)})
    assert "4 passed" in own_tests.splitlines()[-1]
