"""Words shown for the mailbox's codes."""

from __future__ import annotations

from core.i18n import lazy_gettext as _l

REASON_LABELS = {
    "auto-submitted": _l("Sent automatically"),
    "auto-reply": _l("Automatic reply"),
    "bulk": _l("Bulk mail"),
    "mailing-list": _l("Mailing list or newsletter"),
    "bounce": _l("Delivery failure report"),
    "no-reply": _l("No-reply sender"),
    "blocked": _l("Blocked sender"),
}
