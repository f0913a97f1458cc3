"""Settings: documented defaults, masked secrets, and clear errors for bad values."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.config import ConfigError, load_settings


def settings(tmp_path: Path, **env: str):
    return load_settings(environ={"KONTORA_INSTANCE_PATH": str(tmp_path), **env})


def test_defaults_are_the_embedded_setup(tmp_path: Path) -> None:
    s = settings(tmp_path)
    assert s.database_url == f"sqlite:///{tmp_path / 'kontora.db'}"
    assert s.redis_url is None
    assert s.plugins == "builtin"


def test_secret_key_is_generated_once_and_kept_private(tmp_path: Path) -> None:
    first, second = settings(tmp_path), settings(tmp_path)
    assert first.secret_key == second.secret_key
    assert len(first.secret_key) >= 32
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_secrets_are_masked(tmp_path: Path) -> None:
    shown = settings(tmp_path, KONTORA_DATABASE_URL="postgresql://kontora:hunter2@db/kontora",
                     KONTORA_SECRET_KEY="x" * 32).masked()
    assert shown["KONTORA_SECRET_KEY"] == "***"
    assert shown["KONTORA_DATABASE_URL"] == "postgresql+psycopg://kontora:***@db/kontora"
    assert "hunter2" not in repr(shown)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"KONTORA_DATABASE_URL": "mysql://x"}, "KONTORA_DATABASE_URL must start with"),
        ({"KONTORA_REDIS_URL": "http://x"}, "KONTORA_REDIS_URL must start with"),
        ({"KONTORA_DEBUG": "maybe"}, "KONTORA_DEBUG must be true or false"),
        ({"KONTORA_LANGUAGE": "fr"}, "KONTORA_LANGUAGE must be one of"),
        ({"KONTORA_TIMEZONE": "Mars/Olympus"}, "KONTORA_TIMEZONE 'Mars/Olympus'"),
        ({"KONTORA_SECRET_KEY": "short"}, "at least 16 characters"),
    ],
)
def test_bad_values_stop_with_a_message_naming_the_setting(
    tmp_path: Path, env: dict, message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        settings(tmp_path, **env)


def test_unknown_override_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="KONTORA_DATABSE_URL"):
        load_settings({"KONTORA_DATABSE_URL": "sqlite://"},
                      environ={"KONTORA_INSTANCE_PATH": str(tmp_path)})


def test_cli_prints_masked_config(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from core.cli import main

    result = CliRunner().invoke(main, ["config"], env={
        "KONTORA_INSTANCE_PATH": str(tmp_path), "KONTORA_REDIS_URL": "redis://:pw@h:6379/0"})
    assert result.exit_code == 0, result.output
    assert "KONTORA_REDIS_URL=redis://:***@h:6379/0" in result.output


def test_cli_reports_bad_config_without_traceback(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from core.cli import main

    result = CliRunner().invoke(main, ["config"], env={
        "KONTORA_INSTANCE_PATH": str(tmp_path), "KONTORA_DEBUG": "perhaps"})
    assert result.exit_code == 1
    assert "Error: KONTORA_DEBUG must be true or false" in result.output
