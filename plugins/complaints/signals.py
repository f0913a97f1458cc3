"""Signals the ``complaints`` plugin announces (after commit); listeners connect by name."""

from __future__ import annotations

SIGNALS = {
    "complaints.complaint-received": "A complaint was entered by staff or filed from the "
    "portal. Sender: the complaint id. Keyword arguments: principal_id (None from the "
    "portal), portal_user_id, party_id, number, subject_kind, subject_id.",
    "complaints.complaint-changed": "A complaint's details, assignee or deadline changed. "
    "Sender: the complaint id. Keyword arguments: principal_id, fields (names changed).",
    "complaints.complaint-status-changed": "A complaint moved along its workflow. Sender: the "
    "complaint id. Keyword arguments: principal_id, party_id, transition, before, after.",
}
