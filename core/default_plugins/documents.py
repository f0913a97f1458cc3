"""Document templates, PDF renditions and the company profile as a default plugin."""

from __future__ import annotations

from typing import Any

from core.hookspecs import hookimpl


@hookimpl
def kontora_models() -> None:
    import core.documents.models  # noqa: F401


@hookimpl
def kontora_jobs() -> dict[str, Any]:
    from core.documents.files import RENDER_JOB, render_document

    return {RENDER_JOB: render_document}


@hookimpl
def kontora_permissions() -> list[tuple[str, str]]:
    from core.i18n import lazy_gettext as _l

    return [("core.documents.edit",
             _l("Edit document templates and the company profile"))]


@hookimpl
def kontora_merge_tags(kind: str) -> list[dict[str, Any]]:
    from core.documents.tags import kernel_tags

    return kernel_tags()


@hookimpl
def kontora_after_upgrade(session: Any) -> None:
    from core.documents.store import seed_templates

    seed_templates(session)


@hookimpl
def kontora_demo_data(session: Any) -> None:
    from core.documents.store import seed_templates

    seed_templates(session)


@hookimpl
def kontora_blueprints() -> list[Any]:
    from core.documents.views import bp

    return [bp]


@hookimpl
def kontora_api_blueprints() -> list[Any]:
    from core.documents.api import bp

    return [bp]


@hookimpl
def kontora_menu_entries() -> list[dict[str, Any]]:
    from core.i18n import lazy_gettext as _l

    return [{"label": _l("Document templates"), "endpoint": "documents.index",
             "group": _l("Administration"), "order": 950,
             "permission": "core.documents.edit", "icon": "file-earmark-richtext"}]
