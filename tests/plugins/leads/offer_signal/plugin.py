"""Declares ``offers.offer-accepted`` the way the offers plugin does, so the leads plugin's
receiver is tested without that plugin (which leads must never import)."""

from __future__ import annotations

from typing import Any

from core import Manifest, hookimpl

manifest = Manifest(name="offersignal", title="Offer signal", version="1.0", depends=[],
                    description="Announces offer acceptance for the leads tests.")


@hookimpl
def kontora_declare_signals(events: Any) -> None:
    events.declare("offers.offer-accepted", "An offer was accepted. Sender: the offer id. "
                   "Keyword arguments: lead_id, party_id (when known), principal_id.")


def accept(offer_id: int, **kwargs: Any) -> None:
    """Announce the acceptance inside the caller's unit of work (delivered after commit)."""
    from core.kernel import kontora

    kontora().events.announce("offers.offer-accepted", offer_id, **kwargs)
