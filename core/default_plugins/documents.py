"""Document templates, PDF renditions and the company profile (page and API) as a default
plugin."""

from __future__ import annotations

from typing import Any

from core.company.api import bp as company_api_bp
from core.contents import Contents
from core.documents.api import bp as api_bp
from core.documents.files import RENDER_JOB, render_document
from core.documents.tags import kernel_tags
from core.documents.views import bp
from core.hookspecs import hookimpl
from core.i18n import lazy_gettext as _l

contents = Contents(
    models=["core.documents.models", "core.company.models"],
    permissions=[("core.documents.edit", _l("Edit document templates and the company profile"))],
    blueprints=[bp],
    api_blueprints=[api_bp, company_api_bp],
    menu=[{"label": _l("Document templates"), "endpoint": "documents.index",
           "group": _l("Administration"), "order": 950, "permission": "core.documents.edit",
           "icon": "file-earmark-richtext"}],
    jobs={RENDER_JOB: render_document},
    after_upgrade=["core.documents.store:seed_templates"],
    demo_data=["core.documents.store:seed_templates"],
)


@hookimpl
def kontora_merge_tags(kind: str) -> list[dict[str, Any]]:
    return kernel_tags()
