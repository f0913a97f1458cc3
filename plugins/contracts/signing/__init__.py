"""Electronic signature of PDFs: the company certificate, the stamp and audit page, PAdES.

``certificate`` finds the company's signing key (a configured PKCS#12, else a self-signed
one made on first use under the instance folder); ``stamp`` draws the signatures and the
audit trail onto the PDF the signer saw; ``pades`` applies and verifies the digital
signature with pyHanko.
"""
