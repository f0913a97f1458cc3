"""A staff member's own account pages: sign in and out, password reset, preferences, API
tokens and the language switcher; their REST side (``api``, ``/api/v1/me``) and that of the
administration pages of users, roles and teams (``admin_api``, ``/api/v1/admin``), which
stand here because :mod:`core.permissions` lies below the API base.

They stand above identity (who is signed in), i18n and mail (the reset message), so those
lower layers never import a page.
"""
