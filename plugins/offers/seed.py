"""The shipped offer texts "Standard" and "Short", added once by ``kontora db upgrade``.

Nothing is added when any offer text exists, so texts admins renamed or archived stay as
they left them. The wording is written in the installation's language (``KONTORA_LANGUAGE``)
and is the admins' data from then on. Offers from before named texts existed are pointed to
the default text here, right after the migration that made the column.
"""

from __future__ import annotations

from markupsafe import Markup
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from core.i18n import force_locale
from core.i18n import gettext as _
from plugins.offers.models import Offer, OfferText

CLIENT = "{{ client.name }}"
"""Merge tags go into the wording as arguments, so translators never handle Jinja."""


def seed_offer_texts(session: Session) -> None:
    with force_locale(None):
        if session.scalar(select(OfferText.id).limit(1)) is None:
            session.add_all(_shipped_texts())
            session.flush()
    default = session.scalar(select(OfferText.id).where(OfferText.is_default.is_(True)))
    if default is not None:
        session.execute(update(Offer).where(Offer.text_id.is_(None)).values(text_id=default))
    session.flush()


def _shipped_texts() -> list[OfferText]:
    standard = Markup("<p>{}</p><p>{}</p>").format(
        _("Dear %(client)s,", client=CLIENT),
        _("Thank you for your interest. We are pleased to send you our offer below and "
          "remain at your disposal for any question."))
    short = Markup("<p>{}</p>").format(_("Our offer for %(client)s, as requested.",
                                         client=CLIENT))
    return [
        OfferText(name=_("Standard"), body=str(standard), is_default=True, active=True,
                  terms=_("Prices are valid until the date shown on the offer. Delivery and "
                          "payment as agreed in the order or contract.")),
        OfferText(name=_("Short"), body=str(short), is_default=False, active=True),
    ]
