"""The audit log and the generic record services' signals."""

from __future__ import annotations

from typing import Any

from core.audit import trail
from core.audit.capture import install
from core.audit.views import bp
from core.contents import Contents
from core.hookspecs import hookimpl
from core.i18n import lazy_gettext as _l
from core.kernel import kontora

contents = Contents(
    models=["core.audit.models"],
    signals=["core.services.records:RECORD_SIGNALS"],
    blueprints=[bp],
    menu=[{"label": _l("Audit log"), "endpoint": "audit.index", "group": _l("Administration"),
           "order": 930, "permission": "core.admin", "icon": "journal-text"}],
)


@hookimpl
def kontora_app_setup(app: Any) -> None:
    k = kontora(app)
    install(k.db.Session, k.kinds)
    app.add_template_global(trail, "audit_trail")
