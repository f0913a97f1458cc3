"""Wire Flask-Babel into an application: merged catalogs, selectors, filters, globals."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from babel.support import NullTranslations, Translations
from flask import Flask, g, has_app_context
from flask_babel import Babel, Domain, get_locale

from core.i18n import LANGUAGES
from core.i18n.catalogs import DOMAIN, KERNEL_TRANSLATIONS, build_translations
from core.i18n.formatting import FILTERS
from core.kernel import kontora


class MergedDomain(Domain):
    """Serves merged translation tables instead of ``.mo`` files, each built on first use.

    A worker that only ever answers in one language never parses the other catalogs.
    """

    def __init__(self, folders: list[Path]) -> None:
        super().__init__(domain=DOMAIN)
        self.folders = folders
        self.tables: dict[str, Translations] = {}
        self._lock = threading.Lock()

    def get_translations(self) -> Translations | NullTranslations:
        locale = get_locale()
        if locale is None or locale.language not in LANGUAGES:
            return NullTranslations()
        return self.table(locale.language)

    def table(self, language: str) -> Translations:
        """The table of ``language``, merged once per process (threaded servers included)."""
        found = self.tables.get(language)
        if found is None:
            with self._lock:
                found = self.tables.get(language)
                if found is None:
                    found = self.tables[language] = build_translations(self.folders, language)
        return found


def install_template_gettext(app: Flask, domain: MergedDomain) -> None:
    """Let templates reach the current table in one lookup instead of Flask-Babel's six.

    A page translates hundreds of strings, and Flask-Babel resolves the domain, its context
    and the locale through ``g`` for each one. The table is kept beside the locale it was
    resolved for, so ``force_locale`` (a mail in the client's language) still switches it.
    """

    def table() -> Translations | NullTranslations:
        holder = g.get("_flask_babel") if has_app_context() else None
        locale = getattr(holder, "babel_locale", None)
        if locale is None:
            return domain.get_translations()
        cached = getattr(holder, "kontora_table", None)
        if cached is None or cached[0] is not locale:
            cached = holder.kontora_table = (locale, domain.get_translations())
        return cached[1]

    app.jinja_env.install_gettext_callables(
        gettext=lambda s: table().ugettext(s),
        ngettext=lambda s, p, n: table().ungettext(s, p, n),
        pgettext=lambda c, s: table().upgettext(c, s),
        npgettext=lambda c, s, p, n: table().unpgettext(c, s, p, n),
        newstyle=True)


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
    babel.domain_instance = domain = MergedDomain(folders)
    install_template_gettext(app, domain)
    app.jinja_env.filters.update(FILTERS)
    app.jinja_env.globals.update(i18n_languages=LANGUAGES)

    @app.context_processor
    def _current_language() -> dict[str, str]:
        locale = get_locale()
        return {"current_language": locale.language if locale else settings.language}
