"""What the client does through the e-mailed link: confirm the order or ask a question.

No one is signed in: the link (``core.links``, purpose ``orders.confirm``) is the
authority. Confirming uses the link up; asking leaves it working, so the client can confirm
once answered. Both land on the order's timeline and are told to its owner.
"""

from __future__ import annotations

from typing import Any

from core.db import session
from core.i18n import force_locale
from core.i18n import gettext as _
from core.kernel import kontora
from core.links import LinkInvalid, consume_link, resolve_link
from core.services import announce, validate
from plugins.orders.exceptions import InvalidOrderData, TransitionRefused
from plugins.orders.models import Order
from plugins.orders.schemas import ClientAnswerSchema
from plugins.orders.services.common import tell_owner, timeline_note
from plugins.orders.services.transitions import CONFIRM_PURPOSE, confirmed, move
from plugins.orders.workflow import current_workflow


def order_of_link(token: str) -> tuple[Any, Order]:
    """The link and its order, if the link may still be used (a link error otherwise)."""

    link = resolve_link(token, CONFIRM_PURPOSE)
    order = session().get(Order, link.record_id)
    if order is None:
        raise LinkInvalid(_("This order no longer exists."))
    return link, order


def awaiting_client(order: Order) -> bool:
    """Whether the client may confirm now (sent, not yet confirmed, not taken back)."""
    return order.status != "draft" and \
        order.status in current_workflow().transitions["confirm"].sources


def confirm_by_client(token: str, data: Any) -> Order:
    """The client confirms; an optional remark goes onto the timeline with the move."""

    values = validate(ClientAnswerSchema(), data or {})
    link, order = order_of_link(token)
    if not awaiting_client(order):
        raise TransitionRefused(_("Confirm"), current_workflow().label(order.status))
    consume_link(link)
    move(order, "confirm", actor=_client_name(order), comment=values["text"].strip() or None)
    confirmed(order, principal_id=None, by="client")
    return order


def ask_by_client(token: str, data: Any) -> Any:
    """The client's question becomes a comment on the order's timeline; the owner is told."""
    values = validate(ClientAnswerSchema(), data or {})
    text = values["text"].strip()
    if not text:
        raise InvalidOrderData({"text": [_("Write your question.")]})
    _link, order = order_of_link(token)
    who = _client_name(order)
    with force_locale(kontora().settings.language):
        body = _("Question from %(client)s:", client=who) + "\n\n" + text
    note = timeline_note(order, body, author_id=None, kind="comment")
    tell_owner(order, None,
               lambda: _("%(client)s asked about order %(order)s: %(text)s", client=who,
                         order=order.title, text=text),
               template="orders/question", context={"client": who, "question": text})
    announce("orders.question-asked", order.id, note_id=note.id, party_id=order.party_id)
    return note


def _client_name(order: Order) -> str:
    from plugins.parties.models import Client

    client = session().get(Client, order.party_id)
    return client.name if client is not None else _("The client")
