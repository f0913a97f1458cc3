"""Signals the ``leads`` plugin announces (after commit); listeners connect by name."""

from __future__ import annotations

SIGNALS = {
    "leads.lead-created": "A lead was created (by hand, from a web form, the website API, "
    "the mailbox...). Sender: the lead id. Keyword arguments: principal_id (or None for "
    "public forms), source, owner_id.",
    "leads.lead-won": "A lead entered a won stage. Sender: the lead id. Keyword arguments: "
    "principal_id, stage_id, client_id (None before conversion), lost_reason_id (None).",
    "leads.lead-lost": "A lead entered a lost stage. Sender: the lead id. Keyword "
    "arguments: principal_id, stage_id, client_id, lost_reason_id.",
    "leads.lead-converted": "A lead became (or was linked to) a client, its contacts, "
    "activities, notes, tasks and attachments moved there. Sender: the lead id. Keyword "
    "arguments: principal_id, client_id, created (True when the client is new).",
}
