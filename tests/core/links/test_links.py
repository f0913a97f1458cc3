"""Client links: /l/<token> reaches the purpose's view; expired, used, revoked, tampered and
misdirected links get a clear page; single use holds; openings are recorded."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from core.db import utcnow
from core.kernel import kontora
from core.links import ClientLink, LinkInvalid, create_link, make_link, resolve_link
from core.links.service import token_hash
from tests.sample_plugin.models import SampleNote


@pytest.fixture
def link_app(make_app):
    return make_app(plugins="sample", KONTORA_BASE_URL="https://crm.example.com")


@pytest.fixture
def unit(link_app):
    from contextlib import contextmanager

    @contextmanager
    def make():
        with link_app.app_context(), kontora(link_app).db.unit() as s:
            yield s

    return make


@pytest.fixture
def note_id(unit) -> int:
    with unit() as s:
        note = SampleNote(title="Offer for Ana")
        s.add(note)
        s.flush()
        return note.id


def new_link(unit, note_id, purpose="sample.view", **kw) -> str:
    options = {"expires_in": timedelta(days=7), "single_use": False, **kw}
    with unit():
        url = make_link(purpose, "sample.note", note_id, **options)
    assert url.startswith("https://crm.example.com/l/")
    return url.removeprefix("https://crm.example.com")


def test_a_link_opens_the_purposes_view_and_records_openings(unit, note_id, link_app):
    client = link_app.test_client()
    url = new_link(unit, note_id)
    first = client.get(url)
    assert first.status_code == 200
    assert first.get_data(as_text=True) == "note Offer for Ana first=True opened=1"
    assert client.get(url).get_data(as_text=True).endswith("first=False opened=2")
    with unit() as s:
        link = s.scalars(select(ClientLink)).one()
        assert link.first_opened_at <= link.last_opened_at and link.open_count == 2
        assert link.token_hash == token_hash(url.removeprefix("/l/"))  # only the hash kept


@pytest.mark.parametrize("mangle", [
    lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),
    lambda t: t + "x",
    lambda t: "nonsense",
    lambda t: "x" * 600,
])
def test_a_tampered_link_is_a_clear_404(unit, note_id, link_app, mangle):
    url = new_link(unit, note_id)
    response = link_app.test_client().get("/l/" + mangle(url.removeprefix("/l/")))
    page = response.get_data(as_text=True)
    assert response.status_code == 404 and 'data-link-error="link_invalid"' in page
    assert "This link does not work" in page


def test_an_expired_link_is_410(unit, note_id, link_app):
    url = new_link(unit, note_id)
    with unit() as s:
        s.scalars(select(ClientLink)).one().expires_at = utcnow() - timedelta(seconds=1)
    response = link_app.test_client().get(url)
    assert response.status_code == 410
    assert "This link has expired" in response.get_data(as_text=True)


def test_a_single_use_link_works_once(unit, note_id, link_app):
    client = link_app.test_client()
    url = new_link(unit, note_id, purpose="sample.confirm", single_use=True)
    form = client.get(url).get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    assert client.post(url, data={}).status_code == 400  # no CSRF token, no action
    done = client.post(url, data={"csrf_token": csrf})
    assert done.status_code == 200 and done.get_data(as_text=True) == "confirmed"
    again = client.post(url, data={"csrf_token": csrf})
    assert again.status_code == 410 and "already used" in again.get_data(as_text=True)
    assert client.get(url).status_code == 410


def test_a_revoked_link_is_410_and_the_api_revokes(unit, note_id, link_app):
    from tests.core.api.support import bearer, make_user

    url = new_link(unit, note_id)
    with unit():
        headers = bearer(make_user("ops", ["core.links.manage"]))
    client = link_app.test_client()
    listed = client.get(f"/api/v1/links?record_kind=sample.note&record_id={note_id}",
                        headers=headers).get_json()["items"]
    assert [item["purpose"] for item in listed] == ["sample.view"]
    revoked = client.post(f"/api/v1/links/{listed[0]['id']}/revoke", headers=headers)
    assert revoked.status_code == 200 and revoked.get_json()["revoked_at"]
    response = client.get(url)
    assert response.status_code == 410 and "withdrawn" in response.get_data(as_text=True)


def test_a_link_is_bound_to_its_purpose(unit, note_id):
    with unit():
        _link, token = create_link("sample.view", "sample.note", note_id,
                                   expires_in=timedelta(hours=1), single_use=False)
        with pytest.raises(LinkInvalid):
            resolve_link(token, "sample.confirm")
        assert resolve_link(token, "sample.view").record_id == note_id
        with pytest.raises(ValueError, match="declares"):
            make_link("nobody.nothing", "sample.note", note_id,
                      expires_in=timedelta(hours=1), single_use=False)
