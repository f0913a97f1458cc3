"""A staff member's own account pages: sign in and out, password reset, preferences, API
tokens and the language switcher.

They stand above identity (who is signed in), i18n and mail (the reset message), so those
lower layers never import a page.
"""
