"""The ``kontora`` command line: Flask's CLI group plus the kernel's and plugins' commands.

Commands that need the application get it from ``create_app()`` with the environment's
settings; plugin commands arrive through the ``kontora_cli_commands`` hook.
"""

from __future__ import annotations

import click
from flask.cli import FlaskGroup

from core.app import create_app
from core.cli.config import config_command
from core.cli.db import db_group
from core.cli.demo import demo_command
from core.cli.jobs import cron_command, jobs_group, worker_command
from core.cli.plugins import plugins_group


def _create_app():
    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_version_option=False,
             load_dotenv=False, set_debug_flag=False)
@click.version_option(package_name="kontora", prog_name="kontora")
def main() -> None:
    """Kontora: CRM and sales documents. Settings come from KONTORA_* variables."""


for _command in (config_command, cron_command, db_group, demo_command, jobs_group,
                 plugins_group, worker_command):
    main.add_command(_command)
