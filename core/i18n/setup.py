"""Wire Flask-Babel into an application: merged catalogs, selectors, filters, globals."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from babel.support import NullTranslations, Translations
from flask import Flask
from flask_babel import Babel, Domain, get_locale

from core.i18n import LANGUAGES
from core.i18n.catalogs import DOMAIN, KERNEL_TRANSLATIONS, build_translations
from core.i18n.formatting import FILTERS
from core.kernel import kontora


class MergedDomain(Domain):
    """Serves the translation tables merged at start-up instead of reading ``.mo`` files."""

    def __init__(self, tables: dict[str, Translations]) -> None:
        super().__init__(domain=DOMAIN)
        self.tables = tables

    def get_translations(self) -> Translations | NullTranslations:
        locale = get_locale()
        if locale is None:
            return NullTranslations()
        return self.tables.get(locale.language) or NullTranslations()


def translation_dirs(app: Flask) -> list[Path]:
    """The kernel's catalog folder, then each enabled plugin's, in dependency order."""
    folders = [KERNEL_TRANSLATIONS]
    folders += [info.path / "translations" for info in kontora(app).plugins.enabled]
    return [folder for folder in folders if folder.is_dir()]


def init_app(app: Flask, select_locale: Callable[[], str],
             select_timezone: Callable[[], str]) -> None:
    """Install Flask-Babel with the given selectors, merged catalogs and format filters.

    The selectors come from identity (the signed-in user's preferences), which stands above
    this layer.
    """

    settings = kontora(app).settings
    folders = translation_dirs(app)
    babel = Babel()
    babel.init_app(app, default_locale=settings.language, default_timezone=settings.timezone,
                   locale_selector=select_locale, timezone_selector=select_timezone)
    babel.domain_instance = MergedDomain(
        {language: build_translations(folders, language) for language in LANGUAGES})
    app.jinja_env.filters.update(FILTERS)
    app.jinja_env.globals.update(i18n_languages=LANGUAGES)

    @app.context_processor
    def _current_language() -> dict[str, str]:
        locale = get_locale()
        return {"current_language": locale.language if locale else settings.language}
