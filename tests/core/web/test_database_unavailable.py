"""A database server nobody answers on: pages and the API say 503 "try again", quickly.

The app points at a PostgreSQL port that was free a moment ago, so every connection is
refused. The page is drawn without the database (signed out, bare layout); the API answers
its JSON error. ``tests/drills/test_postgres_restart.py`` restarts a real server instead.
"""

from __future__ import annotations

from pathlib import Path

from core.app import create_app
from core.identity.users import STAFF
from tests.conftest import test_plugin_infos
from tests.fixtures.smtp import free_port


def unreachable_app(instance: Path):
    app = create_app({
        "KONTORA_DATABASE_URL": f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/none",
        "KONTORA_INSTANCE_PATH": str(instance), "KONTORA_PLUGINS": "sample",
        "KONTORA_SECRET_KEY": "test-secret-key-not-for-production"},
        extra_plugins=test_plugin_infos())
    return app  # not TESTING: errors become pages, as in production


def test_pages_and_api_answer_503_when_the_database_cannot_be_reached(tmp_path: Path) -> None:
    client = unreachable_app(tmp_path).test_client()
    with client.session_transaction() as sess:
        sess["_user_id"] = f"{STAFF}:1:digest"  # a signed-in user, whom nobody can look up

    page = client.get("/notifications")
    assert page.status_code == 503
    assert page.headers["Retry-After"] == "10"
    assert "The database cannot be reached right now" in page.get_data(as_text=True)

    api = client.get("/api/v1/sample.note", headers={"Authorization": "Bearer kt_a_b"})
    assert api.status_code == 503
    assert api.get_json()["error"] == "database_unavailable"
