"""The contracts section: the client sees its contracts and acceptance protocols sent to
it, downloads the PDF it is asked to sign, signs it in the portal through the e-mailed
link's signing service (a second submit signs nothing more), and downloads the sealed PDF;
drafts and other clients' documents are 404."""

from __future__ import annotations

import re

from sqlalchemy import select

from core.app import kontora
from core.db import session
from tests.plugins.contracts.conftest import PNG
from tests.plugins.portal.conftest import invited
from tests.plugins.portal.paperwork import sent_contract, sent_protocol

SHA = re.compile(r'name="shown_sha256" value="([0-9a-f]{64})"')


def test_the_client_signs_its_contract_once_in_the_portal(papp, smtp_inbox, two_clients):
    from plugins.contracts.models import Contract, Signature

    alfa = invited(papp, smtp_inbox, two_clients["staff"], two_clients["a"], "ioana@alfa.test")
    mine = sent_contract(papp, two_clients["a"], "Rental for Alfa")
    theirs = sent_contract(papp, two_clients["b"], "Rental for Beta")
    protocol = sent_protocol(papp, two_clients["a"])
    listing = alfa.get("/portal/contracts/").get_data(as_text=True)
    assert "Rental for Alfa" in listing and "Rental for Beta" not in listing
    assert f"/portal/contracts/protocol/{protocol}" in listing
    assert "Contracts" in alfa.get("/portal/").get_data(as_text=True)  # in the navigation
    assert alfa.get(f"/portal/contracts/contract/{theirs}").status_code == 404
    page = f"/portal/contracts/contract/{mine}"
    html = alfa.get(page).get_data(as_text=True)
    sha = SHA.search(html).group(1)
    pdf = alfa.get(f"{page}/pdf")
    assert pdf.status_code == 200 and pdf.headers["X-Content-SHA256"] == sha
    assert alfa.get(f"{page}/signed.pdf").status_code == 404  # not signed yet
    form = {"name": "Ioana Pop", "signature": PNG, "consent": "yes", "shown_sha256": sha}
    refused = alfa.post(f"/portal/contracts/contract/{theirs}/sign", form, form_page=page)
    assert refused.status_code == 404
    unticked = alfa.post(f"{page}/sign", {**form, "consent": ""}, form_page=page)
    assert unticked.status_code == 422 and 'data-error="consent"' in unticked.get_data(
        as_text=True)
    first = alfa.post(f"{page}/sign", form, form_page=page)
    assert first.status_code == 303
    assert "is signed" in alfa.get(first.location).get_data(as_text=True)
    again = alfa.post(f"{page}/sign", form, form_page=page, follow_redirects=True)
    shown = again.get_data(as_text=True)
    assert "is not possible" in shown  # the first signature stands
    assert "<span data-status>Signed</span>" in shown and 'id="sign-form"' not in shown
    signed = alfa.get(f"{page}/signed.pdf")
    assert signed.status_code == 200 and signed.data.startswith(b"%PDF")
    with papp.app_context(), kontora(papp).db.unit():
        assert session().get(Contract, mine).status == "signed"
        assert session().get(Contract, theirs).status == "sent"
        signatures = session().scalars(select(Signature)).all()
        assert [(s.record_id, s.signer_name, s.signer_email, s.shown_sha256)
                for s in signatures] == [(mine, "Ioana Pop", "ioana@alfa.test", sha)]


def test_the_mailed_link_cannot_sign_what_the_portal_signed(papp, smtp_inbox, two_clients):
    from tests.plugins.portal.conftest import last_link

    alfa = invited(papp, smtp_inbox, two_clients["staff"], two_clients["a"], "ioana@alfa.test")
    mine = sent_contract(papp, two_clients["a"])
    link = last_link(smtp_inbox)
    page = f"/portal/contracts/contract/{mine}"
    sha = SHA.search(alfa.get(page).get_data(as_text=True)).group(1)
    alfa.post(f"{page}/sign", {"name": "Ioana Pop", "signature": PNG, "consent": "yes",
                               "shown_sha256": sha}, form_page=page)
    assert alfa.client.get(link).status_code in (404, 410)  # the link was revoked
