"""Signals the ``contracts`` plugin announces (after commit); listeners connect by name."""

from __future__ import annotations

SIGNALS = {
    "contracts.contract-created": "A contract was created (by hand or from another "
    "document). Sender: the contract id. Keyword arguments: principal_id, party_id, "
    "reference.",
    "contracts.contract-status-changed": "A contract moved along its workflow. Sender: the "
    "contract id. Keyword arguments: principal_id (None for the client or a job), "
    "transition, before, after.",
    "contracts.contract-signed": "The client signed a contract through the e-mailed link. "
    "Sender: the contract id. Keyword arguments: party_id, number, signer_name, "
    "signature_id.",
    "contracts.contract-expiring": "A contract reaches an expiry reminder threshold. Sender: "
    "the contract id. Keyword arguments: end_date, days.",
    "contracts.protocol-signed": "The client signed an acceptance protocol; the delivery is "
    "accepted (invoicing may follow). Sender: the protocol id. Keyword arguments: party_id, "
    "number, source_kind, source_id, signer_name.",
    "contracts.requisites-applied": "Staff applied a client's questionnaire answers to the "
    "client. Sender: the request id. Keyword arguments: principal_id, party_id, fields.",
}
