"""Signals the ``parties`` plugin announces (after commit); listeners connect by name."""

from __future__ import annotations

SIGNALS = {
    "parties.client-created": "A client was created. Sender: the client id. Keyword "
    "arguments: principal_id (acting user id or None), kind, status.",
    "parties.client-updated": "A client's requisites, status or categories changed. Sender: "
    "the client id. Keyword arguments: principal_id, changed (list of field names).",
    "parties.client-deleted": "A client was deleted. Sender: the client id. Keyword "
    "arguments: principal_id.",
    "parties.contact-added": "A contact was linked to a client (new or existing person). "
    "Sender: the contact id. Keyword arguments: client_id, principal_id, role.",
    "parties.contact-updated": "A contact person's details changed. Sender: the contact id. "
    "Keyword arguments: principal_id, changed.",
    "parties.clients-merged": "A duplicate client was merged into another and deleted. "
    "Sender: the id of the client that stays. Keyword arguments: source_id (the deleted "
    "duplicate), principal_id, moved (label -> number of rows moved).",
    "parties.import-finished": "An import of clients or contacts finished (not a dry run). "
    "Sender: the import id. Keyword arguments: target (clients or contacts), created, "
    "principal_id.",
    "parties.address-changed": "A client's address was added, changed or made default. "
    "Sender: the address id. Keyword arguments: client_id, use, is_default, principal_id.",
}
