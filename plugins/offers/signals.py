"""Signals the ``offers`` plugin announces (after commit); listeners connect by name."""

from __future__ import annotations

SIGNALS = {
    "offers.offer-sent": "An offer revision was sent to the client (numbered, PDF frozen by "
    "the delivery job). Sender: the offer id. Keyword arguments: offer_id, party_id, lead_id, "
    "number, revision, principal_id.",
    "offers.offer-viewed": "The client opened an offer revision through its link for the "
    "first time. Sender: the offer id. Keyword arguments: offer_id, party_id, lead_id, "
    "viewed_at.",
    "offers.offer-accepted": "The client accepted an offer. Sender: the offer id (the "
    "revision accepted). Keyword arguments: offer_id, party_id, lead_id, accepted_at (an "
    "aware UTC datetime), comment (text or None), principal_id (the staff user who recorded "
    "the answer, None when the client gave it through the link). Leads converts the lead; "
    "orders may make the order.",
    "offers.offer-declined": "The client declined an offer. Sender: the offer id. Keyword "
    "arguments: offer_id, party_id, lead_id, declined_at, comment, principal_id.",
    "offers.offer-expired": "An offer passed its validity date without a decision. Sender: "
    "the offer id. Keyword arguments: offer_id, party_id, lead_id.",
    "offers.offer-revised": "A sent offer was edited into a new revision. Sender: the new "
    "revision's offer id. Keyword arguments: offer_id, previous_id, revision, principal_id.",
}
