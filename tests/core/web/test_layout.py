"""The shell: menu entries by permission, user menu, flash messages, static assets."""

from __future__ import annotations

from flask import flash


def test_menu_shows_entries_only_with_their_permission(sign_in):
    reader = sign_in("ann", ["sample.read"])
    page = reader.get("/").get_data(as_text=True)
    assert 'href="/sample/notes/"' in page
    assert ">Notes<" in page and ">Sample<" in page

    outsider = sign_in("bob", [])
    page = outsider.get("/").get_data(as_text=True)
    assert "/sample/notes/" not in page


def test_menu_groups_keep_order_and_mark_the_current_page(app, sign_in):
    reader = sign_in("ann", ["sample.read"])
    page = reader.get("/sample/notes/").get_data(as_text=True)
    assert 'class="nav-link k-nav-link active" href="/sample/notes/"' in page


def test_signed_out_visitors_are_sent_to_the_login_page(app):
    response = app.test_client().get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_user_menu_links_to_preferences_tokens_and_logout(sign_in):
    page = sign_in("ann").get("/").get_data(as_text=True)
    assert 'href="/preferences"' in page and 'href="/tokens"' in page
    assert 'action="/logout"' in page


def test_flash_messages_show_once(app, sign_in):
    browser = sign_in("ann")

    @app.get("/_flash_test")
    def _flash_test():
        flash("Saved it", "success")
        return "ok"

    browser.get("/_flash_test")
    first = browser.get("/").get_data(as_text=True)
    assert "alert-success" in first and "Saved it" in first
    assert "Saved it" not in browser.get("/").get_data(as_text=True)


def test_vendored_assets_are_served(app):
    client = app.test_client()
    for path in ("vendor/bootstrap/css/bootstrap.min.css", "vendor/htmx/htmx.min.js",
                 "vendor/bootstrap/js/bootstrap.bundle.min.js",
                 "vendor/bootstrap-icons/bootstrap-icons.min.css",
                 "vendor/bootstrap-icons/fonts/bootstrap-icons.woff2", "css/kontora.css"):
        response = client.get(f"/static/web/{path}")
        assert response.status_code == 200, path
        response.close()
