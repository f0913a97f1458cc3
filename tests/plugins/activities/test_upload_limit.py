"""The attachment size limit is the setting KONTORA_UPLOAD_MAX_BYTES."""

from __future__ import annotations

import pytest

from tests.core.web.conftest import sign_in
from tests.plugins.activities.conftest import EVERYTHING
from tests.plugins.activities.test_attachments import client_of, upload

__all__ = ["sign_in"]


@pytest.fixture
def app(make_app):
    return make_app(KONTORA_UPLOAD_MAX_BYTES="100")


def test_files_above_the_limit_are_refused(app, sign_in):
    browser = sign_in("ann", EVERYTHING)
    client_id = client_of(app, "Delta", browser.user_id)
    assert upload(browser, client_id, "small.txt", b"x" * 100).status_code == 302
    big = upload(browser, client_id, "big.txt", b"x" * 101)
    assert big.status_code == 422
    assert "Files may be at most 100 bytes." in big.get_data(as_text=True)
    # Far beyond the limit the body is refused before anything reads it.
    assert upload(browser, client_id, "huge.txt", b"x" * 3_000_000).status_code == 413
