"""Why a client link does not work; each is shown to the client as a clear public page."""

from __future__ import annotations

from core.errors import KontoraError


class LinkError(KontoraError):
    """A client link cannot be followed."""

    status = 404
    code = "link_invalid"


class LinkInvalid(LinkError):
    """Unknown, tampered with, or made for another purpose."""


class LinkExpired(LinkError):
    status = 410
    code = "link_expired"


class LinkUsed(LinkError):
    """A single-use link whose action was already taken."""

    status = 410
    code = "link_used"


class LinkRevoked(LinkError):
    status = 410
    code = "link_revoked"
