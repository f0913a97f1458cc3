"""``make run``: mailed links follow the port it serves on unless KONTORA_BASE_URL is set."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def make_run(tmp_path: Path, *args: str, **env: str) -> str:
    """``make run`` with a stand-in ``kontora`` that prints the base URL it was given.

    The install and the once-per-instance steps are marked done, so only the run recipe's own
    environment is exercised.
    """
    bin_dir, instance = tmp_path / "bin", tmp_path / "instance"
    bin_dir.mkdir()
    instance.mkdir()
    (instance / ".demo-loaded").touch()
    (instance / "admin-login.txt").write_text("admin / x\n")
    stand_in = bin_dir / "kontora"
    stand_in.write_text('#!/bin/sh\necho "$1 base=$KONTORA_BASE_URL"\n')
    stand_in.chmod(0o755)
    environ = {k: v for k, v in os.environ.items() if k not in ("KONTORA_BASE_URL", "MAKEFLAGS")}
    environ.update(KONTORA_INSTANCE_PATH=str(instance), **env)
    done = subprocess.run(["make", "--no-print-directory", "-o", "install", "run",
                           f"BIN={bin_dir}", *args], cwd=ROOT, env=environ,
                          capture_output=True, text=True, timeout=60, check=True)
    return done.stdout


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_base_url_follows_the_port(tmp_path: Path) -> None:
    out = make_run(tmp_path, "PORT=5123")
    assert "run base=http://127.0.0.1:5123" in out


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_an_explicit_base_url_wins(tmp_path: Path) -> None:
    out = make_run(tmp_path, "PORT=5123", KONTORA_BASE_URL="https://crm.example.com")
    assert "run base=https://crm.example.com" in out
