"""The staff web UI every plugin composes into: shell, navigation, search, notifications.

- :mod:`core.web.blueprint` — the kernel's ``web`` blueprint (home, search, notifications,
  vendored static files) and the templates under ``templates/`` (``layout.html``,
  ``macros/forms.html``, error pages, generic views);
- :mod:`core.web.generic` — list, detail, form and export pages from a short declaration;
- :mod:`core.web.notifications` — ``notify(user_id, message, link=None)``;
- :mod:`core.web.templating` — template lookup: instance, then plugins, then the kernel;
- :mod:`core.web.errors` — one mapping of errors to pages (JSON under ``/api/``).
"""
