"""An API application with users of different reach and a token for each."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from core.kernel import kontora
from tests.core.api.support import bearer, make_user

NOTE_RIGHTS = ["sample.read", "sample.write"]


@pytest.fixture
def api(make_app):
    app = make_app(plugins="sample,convtarget")
    k = kontora(app)
    with app.app_context(), k.db.unit():
        ann = make_user("ann", NOTE_RIGHTS, "own")
        bob = make_user("bob", NOTE_RIGHTS, "own")
        boss = make_user("boss", NOTE_RIGHTS, "all")
        reader = make_user("reader", ["sample.read"], "all")
        ns = SimpleNamespace(app=app, client=app.test_client(),
                             ann=bearer(ann), bob=bearer(bob), boss=bearer(boss),
                             reader=bearer(reader), ann_read_only=bearer(ann, ["sample.read"]),
                             ann_id=ann.id, bob_id=bob.id)
    return ns
