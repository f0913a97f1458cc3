"""The application factory: settings, plugins, hooks and the Flask app, wired once.

``create_app`` builds a fresh plugin manager each time (never at import), so tests and
several applications in one process never share plugins, signals or jobs.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from flask import Flask, g, request

from core import registry
from core.config import load_settings
from core.db import Database
from core.default_plugins import DEFAULT_PLUGINS
from core.events import Events
from core.kernel import Kontora, kontora
from core.kinds import KindRegistry
from core.services.text import check_request_text

__all__ = ["Kontora", "create_app", "kontora"]

log = logging.getLogger(__name__)

FORM_OVERHEAD_BYTES = 64 * 1024
READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})  # requests that change nothing


def create_app(config: Mapping[str, Any] | None = None,
               extra_plugins: Sequence[registry.PluginInfo] = ()) -> Flask:
    """Build the Flask application for the settings in the environment plus ``config``.

    ``extra_plugins`` makes plugins that are neither built in nor installed available to
    ``KONTORA_PLUGINS`` (tests register their sample plugins this way, never globally).
    """
    settings = load_settings(config)
    plugins = registry.load(settings.plugins, extra_plugins)
    pm = registry.build_manager(plugins, DEFAULT_PLUGINS)
    pm.hook.kontora_models()

    events = Events()
    pm.hook.kontora_declare_signals(events=events)
    pm.hook.kontora_signal_receivers(events=events)

    k = Kontora(settings=settings, plugins=plugins, pm=pm,
                db=Database(settings.database_url), events=events)
    k.kinds = KindRegistry(k.collect("kontora_record_kinds"))
    k.jobs = k.collect_dict("kontora_jobs")

    app = Flask("kontora", instance_path=str(settings.instance_path),
                root_path=str(settings.instance_path.parent))
    app.config.update(
        SECRET_KEY=settings.secret_key,
        DEBUG=settings.debug,
        # Refuse an oversized body before anything reads it (413); room for the form fields.
        MAX_CONTENT_LENGTH=settings.upload_max_bytes + FORM_OVERHEAD_BYTES,
    )
    app.extensions["kontora"] = k
    _wire_unit_of_work(app, k.db)
    app.before_request(check_request_text)  # NUL or half a surrogate: 422, not a driver 500

    for bp in k.collect("kontora_blueprints"):
        app.register_blueprint(bp)
    for bp in k.collect("kontora_api_blueprints"):
        app.register_blueprint(bp, url_prefix="/api/v1" + (bp.url_prefix or ""))

    for command in k.collect("kontora_cli_commands"):
        app.cli.add_command(command)
    pm.hook.kontora_app_setup(app=app)
    events.send_now("core.app-ready", app, plugins=[p.name for p in plugins.enabled])
    return app


def _wire_unit_of_work(app: Flask, db: Database) -> None:
    """One unit of work per request: committed when the response is not an error."""
    @app.before_request
    def _open_unit() -> None:
        # a safe method promises not to write: on SQLite it need not wait for the write lock
        g.kontora_unit = db.unit(read_only=request.method in READ_ONLY_METHODS)
        g.kontora_unit.open()

    @app.after_request
    def _finish_unit(response):
        unit = g.pop("kontora_unit", None)
        if unit is not None:
            unit.close(commit=response.status_code < 400)
        return response

    @app.teardown_request
    def _discard_unit(_exc: BaseException | None) -> None:
        unit = g.pop("kontora_unit", None)
        if unit is not None:  # an exception skipped after_request
            unit.close(commit=False)
