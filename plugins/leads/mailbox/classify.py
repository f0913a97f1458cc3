"""Telling automatic and bulk mail apart from mail a person wrote.

Machines say so in headers: RFC 3834 ``Auto-Submitted`` (anything but ``no``), the old
``Precedence: bulk/list/junk``, RFC 2369/2919 list headers, Microsoft's and others'
auto-reply headers, RFC 3464 delivery reports (``multipart/report``). Senders named
no-reply, mailer-daemon or postmaster never expect an answer. The admin block list adds
addresses and whole domains (a domain also covers its subdomains). Such mail is filed
apart and never offered as a lead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from plugins.leads.mailbox.parser import ParsedMessage

REASONS = ("auto-submitted", "auto-reply", "bulk", "mailing-list", "bounce", "no-reply",
           "blocked")
NO_REPLY = re.compile(r"^(no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer[-_.]daemon|postmaster|"
                      r"bounces?)([-+_.].*)?$")
BULK_PRECEDENCE = {"bulk", "list", "junk", "auto_reply"}


def automatic_reason(msg: ParsedMessage, blocked: Iterable[str] = ()) -> str | None:
    """Why ``msg`` is automatic or unwanted (one of :data:`REASONS`), ``None`` if a person
    wrote it. ``blocked`` holds lower-case addresses and domains."""
    headers = msg.headers
    sender = msg.sender.email if msg.sender else ""
    local, _, domain = sender.rpartition("@")
    if msg.content_type == "multipart/report" or "x-failed-recipients" in headers:
        return "bounce"
    if headers.get("return-path", "").strip() == "<>":
        return "bounce"
    if headers.get("auto-submitted", "no").split(";")[0].strip().lower() != "no":
        return "auto-submitted"
    if "x-autoreply" in headers or "x-autorespond" in headers:
        return "auto-reply"
    if headers.get("precedence", "").strip().lower() in BULK_PRECEDENCE:
        return "bulk"
    if "list-id" in headers or "list-unsubscribe" in headers:
        return "mailing-list"
    if local and NO_REPLY.match(local):
        return "no-reply"
    if _is_blocked(sender, domain, blocked):
        return "blocked"
    return None


def _is_blocked(sender: str, domain: str, blocked: Iterable[str]) -> bool:
    if not sender:
        return False
    for entry in blocked:
        if entry == sender or ("@" not in entry and (domain == entry
                                                      or domain.endswith("." + entry))):
            return True
    return False
