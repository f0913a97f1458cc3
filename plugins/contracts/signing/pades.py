"""PAdES signatures with pyHanko: applied by the company, checked for the verify page.

Each signature is added as an incremental update, so a counter-signature keeps the
client's signature valid, and any byte changed afterwards breaks the digest of every
signature that covers it.

pyHanko and its validator take a third of a second and a few MiB to import, and only
signing and verifying need them, so they are imported there: every web and job process
that never touches a signature starts without them.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from plugins.contracts.signing.certificate import company_signer

if TYPE_CHECKING:
    from asn1crypto import x509 as asn1_x509
    from pyhanko_certvalidator import ValidationContext

T = TypeVar("T")


def run_async(make: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run pyHanko's coroutine to completion from synchronous code.

    Its synchronous wrappers call ``asyncio.run``, which fails in a thread whose event loop
    is already running (an async server, a notebook, a browser driver in the same process);
    there the coroutine runs on a fresh loop in a short-lived thread instead.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make())
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make())).result()


def sign_pdf(content: bytes, *, field_name: str, signer_name: str, reason: str,
             location: str | None = None) -> bytes:
    """``content`` with a PAdES-B-B signature by the company certificate in ``field_name``."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    writer = IncrementalPdfFileWriter(io.BytesIO(content), strict=False)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name, subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256",
        reason=reason[:200], name=signer_name[:200], location=location)
    signer = company_signer()
    signed = run_async(lambda: signers.async_sign_pdf(writer, meta, signer=signer))
    return signed.getvalue()


@dataclass(frozen=True)
class SignatureReport:
    """What the validator says of one embedded signature."""

    field: str
    intact: bool  # the signed bytes hash to what was signed
    valid: bool  # the cryptographic signature checks against the certificate
    trusted: bool  # the certificate chains to a trusted root (the company's)
    unchanged: bool  # nothing but permitted signature updates follows the signed revision
    coverage: str
    modification: str
    signer: str
    signer_name: str | None
    reason: str | None
    signed_at: datetime | None

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.unchanged


@dataclass(frozen=True)
class VerificationReport:
    signatures: list[SignatureReport]
    error: str | None = None

    @property
    def ok(self) -> bool:
        return bool(self.signatures) and self.error is None and \
            all(s.ok for s in self.signatures)


def verify_pdf(content: bytes,
               trust_roots: list[asn1_x509.Certificate] | None = None) -> VerificationReport:
    """Check every signature of ``content`` (a byte string of a PDF file).

    Trust anchors default to the company certificate, so Kontora's own signatures are
    trusted; a PDF that cannot even be read is reported with the reason, never raised.
    """
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko_certvalidator import ValidationContext

    try:
        roots = trust_roots if trust_roots is not None else \
            [company_signer().signing_cert]
        context = ValidationContext(trust_roots=roots)
        reader = PdfFileReader(io.BytesIO(content), strict=False)
        found = list(reader.embedded_signatures)
        reports = [_report(sig, context) for sig in found]
    except Exception as exc:  # a mangled file is a verification result, not a crash
        return VerificationReport([], error=f"{type(exc).__name__}: {exc}")
    if not reports:
        return VerificationReport([], error="the PDF carries no signature")
    return VerificationReport(reports)


def _report(sig: object, context: ValidationContext) -> SignatureReport:
    from pyhanko.sign.validation import async_validate_pdf_signature

    status = run_async(lambda: async_validate_pdf_signature(sig, context))
    obj = sig.sig_object  # type: ignore[attr-defined]
    modification = getattr(status.modification_level, "name", str(status.modification_level))
    coverage = getattr(status.coverage, "name", str(status.coverage))
    return SignatureReport(
        field=sig.field_name,  # type: ignore[attr-defined]
        intact=bool(status.intact), valid=bool(status.valid), trusted=bool(status.trusted),
        unchanged=coverage in ("ENTIRE_FILE", "ENTIRE_REVISION") and
        modification in ("NONE", "LTA_UPDATES", "FORM_FILLING"),
        coverage=coverage, modification=modification,
        signer=status.signing_cert.subject.human_friendly,
        signer_name=str(obj.get("/Name")) if "/Name" in obj else None,
        reason=str(obj.get("/Reason")) if "/Reason" in obj else None,
        signed_at=status.signer_reported_dt)
