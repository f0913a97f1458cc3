"""Client links: signed, purpose-bound, expiring links for actions taken without signing in.

``make_link("offers.accept", "offers.offer", offer.id, expires_in=timedelta(days=30),
single_use=True)`` gives the URL for an e-mail; ``GET``/``POST /l/<token>`` calls the
purpose's public view (``kontora_link_purposes``), which checks the token with
``resolve_link(token, "offers.accept")`` and uses it up with ``consume_link(link)``.
See ``docs/links.md``.
"""

from core.links.errors import LinkError, LinkExpired, LinkInvalid, LinkRevoked, LinkUsed
from core.links.models import ClientLink
from core.links.service import (
    consume_link,
    create_link,
    link_url,
    make_link,
    record_view,
    resolve_link,
    revoke_links,
)

__all__ = ["ClientLink", "LinkError", "LinkExpired", "LinkInvalid", "LinkRevoked", "LinkUsed",
           "consume_link", "create_link", "link_url", "make_link", "record_view",
           "resolve_link", "revoke_links"]
