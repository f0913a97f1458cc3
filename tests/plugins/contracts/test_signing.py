"""Signing from the e-mailed link: the client reviews the frozen PDF, types a name, draws a
signature and consents; the sealed PDF validates with pyHanko, a byte-altered copy does
not; links are single-use and expire; the company counter-signs in the app."""

from __future__ import annotations

import io
import os
import stat
import threading
from datetime import timedelta

from pypdf import PdfReader
from sqlalchemy import select

from core.db import session
from core.documents import stored_pdf
from core.links.models import ClientLink
from plugins.contracts import services
from plugins.contracts.models import Contract, Signature
from plugins.contracts.signing.certificate import certificate_path
from plugins.contracts.signing.pades import verify_pdf
from tests.plugins.contracts.conftest import (
    LINES,
    LINK,
    PNG,
    STAFF,
    as_staff,
    browser,
    client_with_requisites,
    csrf_of,
    make_client,
    make_user,
    unit,
)

KIND = "contracts.contract"


def _sent(app, inbox) -> tuple[int, str, object]:
    def run():
        ann = make_user("ann", STAFF, email="ann@firm.test")
        bob = make_user("bob", STAFF)
        client = client_with_requisites(ann)
        contract = services.create_contract(as_staff(ann), {
            "title": "Supply 2026", "party_id": client.id, "currency": "RON",
            "end_date": "2026-12-31", "lines": LINES})
        services.send_contract(as_staff(bob), contract.id, {"message": "Valid 14 days."})
        assert contract.status == "sent" and contract.number.startswith("CTR-")
        return contract.id, ann
    contract_id, ann = unit(app, run)
    mail = next(m for m in inbox.messages if m["To"] == "legal@acme.test")
    body = mail.get_body(("plain",)).get_content()
    assert "please sign" in mail["Subject"] and "Valid 14 days." in body
    return contract_id, LINK.search(body).group(1), ann


def _sign(app, path, name="Maria Ionescu", **extra):
    web = app.test_client()
    page = web.get(path, headers={"User-Agent": "TestBrowser/1.0"})
    html = page.get_data(as_text=True)
    sha = html.split('name="shown_sha256" value="')[1].split('"')[0]
    data = {"csrf_token": csrf_of(html), "name": name, "signature": PNG, "consent": "yes",
            "shown_sha256": sha, **extra}
    return web, sha, web.post(path, data=data, headers={"User-Agent": "TestBrowser/1.0"})


def test_client_signs_and_the_sealed_pdf_validates(capp, smtp_inbox, tmp_path):
    contract_id, path, _ann = _sent(capp, smtp_inbox)
    web, sha, done = _sign(capp, path)
    assert done.status_code == 200 and "the document is signed" in done.get_data(as_text=True)

    def check():
        contract = session().get(Contract, contract_id)
        assert contract.status == "signed" and contract.signed_at is not None
        sig = session().scalars(select(Signature)).one()
        assert (sig.signer_name, sig.signer_email, sig.user_agent) == \
            ("Maria Ionescu", "legal@acme.test", "TestBrowser/1.0")
        assert sig.ip_address == "127.0.0.1" and sig.shown_sha256 == sha
        signed = stored_pdf(KIND, contract_id, "signed")
        from core.web.models import Notification
        assert any("Maria Ionescu signed" in n.message
                   for n in session().scalars(select(Notification)))
        return signed.content
    content = unit(capp, check)
    assert any(m["To"] == "ann@firm.test" and "was signed" in m["Subject"]
               for m in smtp_inbox.messages)
    with capp.app_context():
        report = verify_pdf(content)
        assert report.ok, report
        assert report.signatures[0].signer_name == "Maria Ionescu"
        assert report.signatures[0].intact and report.signatures[0].trusted
        altered = bytearray(content)
        middle = len(altered) // 3
        altered[middle] = (altered[middle] + 1) % 256
        assert not verify_pdf(bytes(altered)).ok
        mode = stat.S_IMODE(os.stat(certificate_path()).st_mode)
        assert mode & 0o077 == 0  # the key is readable by its owner only
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert "Signature audit trail" in text and sha in text.replace("\n", "")
    # used up: the link works once
    assert web.get(path).status_code == 410
    # the CLI says the same
    good, bad = tmp_path / "signed.pdf", tmp_path / "altered.pdf"
    good.write_bytes(content)
    bad.write_bytes(bytes(altered))
    runner = capp.test_cli_runner()
    ok = runner.invoke(args=["contracts", "verify", str(good)])
    assert ok.exit_code == 0 and "VALID" in ok.output and "Maria Ionescu" in ok.output
    broken = runner.invoke(args=["contracts", "verify", str(bad)])
    assert broken.exit_code == 1 and "NOT VALID" in broken.output


def test_company_countersigns_and_both_signatures_hold(capp, smtp_inbox):
    contract_id, path, ann = _sent(capp, smtp_inbox)
    _sign(capp, path)
    web = browser(capp, ann)
    assert web.post(f"/contracts/contract/{contract_id}/countersign").status_code == 303
    again = web.post(f"/contracts/contract/{contract_id}/countersign", follow_redirects=True)
    assert "signed this document already" in again.get_data(as_text=True)

    def check():
        assert session().get(Contract, contract_id).countersigned_at is not None
        return stored_pdf(KIND, contract_id, "countersigned").content
    content = unit(capp, check)
    with capp.app_context():
        report = verify_pdf(content)
    assert report.ok and [s.field for s in report.signatures] == ["ClientSignature",
                                                                  "CompanySignature"]
    assert report.signatures[1].signer_name == "Ann"


def test_signing_refuses_missing_consent_drawing_or_other_pdf(capp, smtp_inbox):
    _contract_id, path, _ann = _sent(capp, smtp_inbox)
    _web, _sha, no_consent = _sign(capp, path, consent="")
    assert no_consent.status_code == 422 and 'data-error="consent"' in \
        no_consent.get_data(as_text=True)
    _web, _sha, no_drawing = _sign(capp, path, signature="data:image/png;base64,AAAA" * 3)
    assert no_drawing.status_code == 422 and 'data-error="signature"' in \
        no_drawing.get_data(as_text=True)
    _web, _sha, other = _sign(capp, path, shown_sha256="0" * 64)
    assert other.status_code == 422 and "changed since you opened it" in \
        other.get_data(as_text=True)
    _web, _sha, done = _sign(capp, path)  # the link still works after refusals
    assert done.status_code == 200


def test_expired_link_is_refused(capp, smtp_inbox):
    contract_id, path, _ann = _sent(capp, smtp_inbox)

    def expire():
        for link in session().scalars(select(ClientLink)):
            link.expires_at = link.created_at - timedelta(seconds=1)
    unit(capp, expire)
    assert capp.test_client().get(path).status_code == 410
    assert unit(capp, lambda: session().get(Contract, contract_id).status) == "sent"


def test_revised_contract_revokes_the_link(capp, smtp_inbox):
    contract_id, path, ann = _sent(capp, smtp_inbox)
    unit(capp, lambda: services.revise_contract(as_staff(ann), contract_id))
    assert capp.test_client().get(path).status_code == 410


def test_two_submissions_at_once_make_one_signature(capp, smtp_inbox):
    contract_id, path, _ann = _sent(capp, smtp_inbox)
    forms = []
    for name in ("Maria Ionescu", "Ion Ionescu"):
        web = capp.test_client()
        html = web.get(path).get_data(as_text=True)
        sha = html.split('name="shown_sha256" value="')[1].split('"')[0]
        forms.append((web, {"csrf_token": csrf_of(html), "name": name, "signature": PNG,
                            "consent": "yes", "shown_sha256": sha}))
    start = threading.Barrier(len(forms))
    answers: list[int] = []

    def submit(web, data):
        start.wait()
        answers.append(web.post(path, data=data).status_code)
    threads = [threading.Thread(target=submit, args=form) for form in forms]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(answers) in ([200, 409], [200, 410]), answers

    def check():
        signatures = list(session().scalars(select(Signature).where(
            Signature.record_id == contract_id, Signature.role == "client")))
        assert len(signatures) == 1
        assert session().get(Contract, contract_id).status == "signed"
    unit(capp, check)


def test_the_signed_pdf_is_mailed_back_to_the_signer(capp, smtp_inbox):
    contract_id, path, _ann = _sent(capp, smtp_inbox)
    _sign(capp, path)
    mail = next(m for m in smtp_inbox.messages
                if m["To"] == "legal@acme.test" and "your signed copy" in m["Subject"])
    assert "Maria Ionescu" in mail.get_body(("plain",)).get_content()
    attached = list(mail.iter_attachments())
    assert [(a.get_content_type(), a.get_filename()) for a in attached] == \
        [("application/pdf", f"{mail['Subject'].split(':')[0]}-signed.pdf")]
    content = attached[0].get_content()
    stored = unit(capp, lambda: stored_pdf(KIND, contract_id, "signed").content)
    assert content == stored
    with capp.app_context():
        report = verify_pdf(content)
    assert report.ok and report.signatures[0].signer_name == "Maria Ionescu"


def test_the_send_button_on_the_contract_page_mails_the_link(capp, smtp_inbox):
    """The page's form posts its CSRF token and the version beside the move: the move
    takes neither, and a send refused (no address to send to) leaves the draft as it was."""
    def drafts():
        ann = make_user("ann", STAFF, email="ann@firm.test")
        client = client_with_requisites(ann)
        sent = services.create_contract(as_staff(ann), {
            "title": "Supply 2026", "party_id": client.id, "currency": "RON",
            "lines": LINES})
        silent = make_client("Beta SRL", ann)  # no e-mail address
        nowhere = services.create_contract(as_staff(ann), {
            "title": "No address", "party_id": silent.id, "currency": "RON",
            "lines": LINES})
        return ann, sent.id, nowhere.id
    ann, sent_id, nowhere_id = unit(capp, drafts)
    web = browser(capp, ann)

    def press_send(contract_id):
        page = web.get(f"/contracts/{contract_id}").get_data(as_text=True)
        assert 'data-move="send"' in page
        return web.post(f"/contracts/{contract_id}/move/send",
                        data={"version": "1", "csrf_token": csrf_of(page)})

    assert press_send(sent_id).status_code == 303
    refused = press_send(nowhere_id)
    assert refused.status_code == 303
    assert "no e-mail address" in web.get(refused.headers["Location"]).get_data(as_text=True)

    def states():
        return {c.id: (c.status, c.number is not None, c.sent_at is not None)
                for c in session().scalars(select(Contract))}
    assert unit(capp, states) == {sent_id: ("sent", True, True),
                                  nowhere_id: ("draft", False, False)}
    mail = next(m for m in smtp_inbox.messages if m["To"] == "legal@acme.test")
    assert LINK.search(mail.get_body(("plain",)).get_content())
