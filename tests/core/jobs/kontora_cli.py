"""The real ``kontora`` command line, with the test plugins available as ``make_app`` has them.

Tests start ``python -m tests.core.jobs.kontora_cli worker --burst`` as a subprocess: the
same click group and commands as the installed ``kontora``, only the app factory also
knows the plugins under ``tests/`` (they are neither built in nor installed).
"""

from flask.cli import ScriptInfo

from core.app import create_app
from core.cli import main
from tests.conftest import test_plugin_infos

if __name__ == "__main__":
    main(obj=ScriptInfo(create_app=lambda: create_app(extra_plugins=test_plugin_infos()),
                        set_debug_flag=False, load_dotenv_defaults=False))
