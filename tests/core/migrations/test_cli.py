"""`kontora db ...` as a user sees it."""

from __future__ import annotations

from core.cli.db import db_group
from core.kernel import kontora
from core.migrations import Migrations


def _run(app, *args: str):
    return app.test_cli_runner().invoke(db_group, list(args))


def test_current_before_and_after_upgrade(build):
    app = build("sample")
    heads = Migrations(kontora(app)).heads()

    before = _run(app, "current")
    assert before.exit_code == 0, before.output
    assert before.output == "core: - (not upgraded yet)\nsample: - (not upgraded yet)\n"

    upgraded = _run(app, "upgrade")
    assert upgraded.exit_code == 0, upgraded.output
    assert upgraded.output == (f"core: empty -> {heads['core']}\n"
                               f"sample: empty -> {heads['sample']}\n")

    after = _run(app, "current")
    assert after.output == f"core: {heads['core']} (head)\nsample: {heads['sample']} (head)\n"
    assert _run(app, "upgrade").output == "nothing to migrate: every branch is at its head\n"


def test_heads_and_history(build):
    app = build("sample")
    heads = Migrations(kontora(app)).heads()

    assert _run(app, "heads").output == f"core: {heads['core']}\nsample: {heads['sample']}\n"
    history = _run(app, "history", "--plugin", "sample").output.splitlines()
    assert history[0].startswith(f"sample: {heads['sample']} <- ")  # newest first
    assert " <- -  " in history[-1]  # down to the branch's first revision
    assert all(line.startswith("sample: ") for line in history)


def test_revision_errors_are_messages_not_tracebacks(build):
    app = build("")
    _run(app, "upgrade")

    unknown = _run(app, "revision", "--plugin", "nope", "-m", "x")
    assert unknown.exit_code == 1
    assert "unknown plugin 'nope'; branches of this instance: core" in unknown.output

    disabled = _run(app, "revision", "--plugin", "sample", "-m", "x")
    assert disabled.exit_code == 1
    assert "'sample' is installed but not enabled" in disabled.output


def test_revision_writes_into_the_plugin_folder_once(build, tmp_plugin):
    app = build(f"sample,{tmp_plugin.name}", extra=[tmp_plugin])
    _run(app, "upgrade")

    written = _run(app, "revision", "--plugin", tmp_plugin.name, "-m", "Things.")
    assert written.exit_code == 0, written.output
    assert written.output.startswith(f"wrote {tmp_plugin.path / 'migrations'}")

    behind = _run(app, "revision", "--plugin", tmp_plugin.name, "-m", "Again.")
    assert behind.exit_code == 1
    assert "run `kontora db upgrade` first" in behind.output

    _run(app, "upgrade")
    unchanged = _run(app, "revision", "--plugin", tmp_plugin.name, "-m", "Again.")
    assert unchanged.exit_code == 0, unchanged.output
    assert unchanged.output.startswith(f"no changes in the tables of '{tmp_plugin.name}'")


def test_downgrade_one_plugin(build):
    app = build("sample")
    heads = Migrations(kontora(app)).heads()
    _run(app, "upgrade")

    result = _run(app, "downgrade", "--plugin", "sample", "--to", "base")

    assert result.exit_code == 0, result.output
    assert result.output == f"core: {heads['core']}\nsample: -\n"
