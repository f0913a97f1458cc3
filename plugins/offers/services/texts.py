"""The named offer texts: admins keep them (``offers.configure``), salespeople pick one.

A text's body is a template in the kernel's document sandbox, so it is refused on save when
it does not parse, the same field error the template editor gives. Texts are archived, not
deleted: offers already printed with one keep it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from core.db import session
from core.documents.admin import check_syntax
from core.documents.rendering import DocumentTemplateError
from core.errors import Conflict
from core.i18n import gettext as _
from core.services import service, validate
from core.services.integrity import integrity_error
from plugins.offers.exceptions import InvalidOfferData, OfferTextNotFound
from plugins.offers.models import Offer, OfferText
from plugins.offers.schemas import OfferTextSchema

CONFIGURE = "offers.configure"


def get_text(text_id: int) -> OfferText:
    text = session().get(OfferText, text_id)
    if text is None:
        raise OfferTextNotFound()
    return text


def all_texts() -> list[OfferText]:
    """Active texts first, the default at their head, then by name."""
    return list(session().scalars(select(OfferText).order_by(
        OfferText.active.desc(), OfferText.is_default.desc(), OfferText.name)))


def active_texts() -> list[OfferText]:
    return [text for text in all_texts() if text.active]


def default_text() -> OfferText | None:
    return session().scalar(select(OfferText).where(OfferText.is_default.is_(True)))


def pickable_text(text_id: int | None) -> int | None:
    """``text_id`` when it names an active text (``None``: the default); a field error else."""
    if text_id is None:
        text = default_text()
        return text.id if text is not None and text.active else None
    text = session().get(OfferText, text_id)
    if text is None or not text.active:
        raise InvalidOfferData({"text_id": [
            _("Choose an active offer text; this one does not exist or is archived.")]})
    return text.id


@service(CONFIGURE)
def create_text(principal: Any, data: Any) -> OfferText:
    """A new named text; marked default, it takes the mark from the previous one."""
    values = validate(OfferTextSchema(), data)
    text = OfferText()
    _apply(text, values)
    session().add(text)
    _flush()
    return text


@service(CONFIGURE)
def update_text(principal: Any, text_id: int, data: Any) -> OfferText:
    text = get_text(text_id)
    _apply(text, validate(OfferTextSchema(), data, partial=True))
    _flush()
    return text


@service(CONFIGURE)
def archive_text(principal: Any, text_id: int) -> OfferText:
    """Take a text off the pick list; the default stays until another one is made default."""
    text = get_text(text_id)
    if text.is_default:
        raise Conflict(_("The default offer text cannot be archived; make another text the "
                         "default first."))
    text.active = False
    session().flush()
    return text


@service(CONFIGURE)
def delete_text(principal: Any, text_id: int) -> None:
    """Remove a text entered by mistake; one an offer uses, or the default, stays (archive
    it instead), so every offer keeps printing what it printed."""
    text = get_text(text_id)
    if text.is_default or session().scalar(
            select(Offer.id).where(Offer.text_id == text_id).limit(1)) is not None:
        raise Conflict(_("Offers use this text, or it is the default; archive it instead."))
    session().delete(text)
    session().flush()


def _apply(text: OfferText, values: dict[str, Any]) -> None:
    """Check the whole result before changing anything, then store ``values`` on ``text``."""
    name = values.get("name", text.name or "").strip()
    values["name"] = name
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Please fill this in.")]
    elif session().scalar(select(OfferText.id).where(
            OfferText.name == name, OfferText.id != text.id if text.id else True)):
        errors["name"] = [_("There is already an offer text of this name.")]
    if "body" in values:
        try:
            check_syntax(values["body"])
        except DocumentTemplateError as exc:
            errors["body"] = [exc.reason]
    active = values.get("active", text.active if text.id else True)
    is_default = values.get("is_default", bool(text.is_default))
    if is_default and not active:
        errors["is_default"] = [_("The default text must be active.")]
    elif text.is_default and values.get("is_default") is False:
        errors["is_default"] = [_("Make another text the default instead.")]
    if errors:
        raise InvalidOfferData(errors)
    if is_default and not text.is_default:
        session().execute(update(OfferText).where(OfferText.is_default.is_(True))
                          .values(is_default=False))
    for field, value in values.items():
        setattr(text, field, value)


def _flush() -> None:
    """Write now, so a name or a default another admin saved at the same moment is a 409
    naming the field (the unique indexes decide), never a server error."""
    try:
        session().flush()
    except IntegrityError as exc:
        raise integrity_error(exc) from None
