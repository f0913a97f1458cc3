"""Conversions into offers, declared here because ``offers`` owns the target.

Lead -> offer seeds a draft from the lead's cost calculator, read through the
document-content protocol (``leads`` answers for ``"leads.lead"``), so ``offers`` never
imports ``leads``; with ``leads`` disabled the action simply does not appear.
"""

from __future__ import annotations

from core.conversions import Conversion
from core.i18n import lazy_gettext as _l
from plugins.offers.content import offer_from_content

CONVERSIONS = [
    Conversion("leads.lead", "offers.offer", _l("Create offer"), "offers.convert",
               offer_from_content),
]
