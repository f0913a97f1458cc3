"""The company's signing certificate.

A real certificate is a PKCS#12 file named by ``KONTORA_SIGNING_CERT`` (its passphrase in
``KONTORA_SIGNING_CERT_PASSWORD``). Without one, a self-signed certificate in the company's
name is made on first use and kept in ``<instance>/contracts/signing.p12``, created with
mode 600 so the key is never world-readable. A self-signed certificate proves the document
was not changed since Kontora signed it; readers trust the signer only once they trust the
certificate, which is why a real one can be configured.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from core.kernel import kontora

if TYPE_CHECKING:  # pyHanko and cryptography load only where a signature is made (see .pades)
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.signers import SimpleSigner

SELF_SIGNED_FILE = "signing.p12"
VALID_FOR = timedelta(days=3650)
KEY_BITS = 3072


def certificate_path() -> Path:
    """The PKCS#12 file in use: the configured one, else the instance's self-signed one."""
    settings = kontora().settings
    if settings.signing_cert:
        return Path(settings.signing_cert)
    return Path(settings.instance_path) / "contracts" / SELF_SIGNED_FILE


def company_signer(common_name: str = "Kontora") -> SimpleSigner:
    """The signer holding the company's key and certificate (made on first use)."""
    from pyhanko.sign.signers import SimpleSigner

    settings = kontora().settings
    path = certificate_path()
    password = settings.signing_cert_password if settings.signing_cert else None
    if not settings.signing_cert and not path.exists():
        make_self_signed(path, common_name)
    signer = SimpleSigner.load_pkcs12(str(path), passphrase=password.encode()
                                      if password else None)
    if signer is None:
        raise RuntimeError(f"{path}: not a PKCS#12 file with a key and a certificate "
                           "(check KONTORA_SIGNING_CERT_PASSWORD)")
    return signer


def company_certificate() -> asn1_x509.Certificate:
    """The certificate documents are signed with (the trust anchor for verification)."""
    return company_signer().signing_cert


def make_self_signed(path: Path, common_name: str) -> None:
    """Write a new self-signed PKCS#12 (RSA, SHA-256, ten years) readable by the owner only."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64] or "Kontora"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME,
                                         common_name[:64] or "Kontora")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5)).not_valid_after(now + VALID_FOR)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(
                digital_signature=True, content_commitment=True, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True,
                crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    data = pkcs12.serialize_key_and_certificates(b"kontora-signing", key, cert, None,
                                                 serialization.NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first: use theirs
        return
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
