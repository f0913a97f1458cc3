"""The client thread of an order: the client asks and comments from the portal, staff
answer on the order page, each with files.

Each message is a comment on the order's timeline whose files are ``activities``'
attachments (stored by its upload service: size limit, type from the bytes, outside the web
root), marked as part of the thread by an :class:`OrderMessage`. The order row is locked
while a message is written and the form's one-time token looked up, so a double submit
(or two racing ones) posts once. The client's message tells the order's owner in the app
and by e-mail; an answer e-mails the portal users who wrote in the thread, through the
kernel's mail outbox. Everything joins the caller's unit of work, so a rollback tells
nobody.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from core.db import session
from core.errors import NotFound, ValidationError
from core.i18n import gettext as _
from core.identity.models import PortalUser
from core.kernel import kontora
from core.mail import send_mail
from core.services import act_as, announce, lock_record, service, validate
from plugins.activities.models import Attachment, Note
from plugins.activities.services.notes import Upload, attach_files
from plugins.orders.models import Order, OrderMessage
from plugins.orders.schemas import ThreadMessageSchema
from plugins.orders.services.common import KIND, load_order, tell_owner
from plugins.orders.services.portal import client_order


def post_client_message(principal: Any, order_id: int, data: Any,
                        files: Iterable[Upload] = ()) -> OrderMessage:
    """The client asks or comments about one of its orders, with files; the owner is told."""
    order = client_order(principal, order_id)
    act_as(principal)
    message, new = _post(order, data, files, author_id=None, author_name=principal.name,
                         portal_user_id=principal.id)
    if new:
        who, text = f"{principal.name} ({order.party.name})", message.note.body
        tell_owner(order, None,
                   lambda: _("%(client)s asked about order %(order)s: %(text)s", client=who,
                             order=order.title, text=text),
                   template="orders/question", context={"client": who, "question": text})
        _announce(message, order, principal_id=None)
    return message


@service("activities.write")
def answer_client(principal: Any, order_id: int, data: Any,
                  files: Iterable[Upload] = ()) -> OrderMessage:
    """Staff who may read the order answer in its client thread; the client is e-mailed."""
    order = load_order(principal, order_id)
    message, new = _post(order, data, files, author_id=principal.user_id,
                         author_name=principal.name, portal_user_id=None)
    if new:
        _tell_client(order, message)
        _announce(message, order, principal_id=principal.user_id)
    return message


def thread_of(order_id: int) -> list[OrderMessage]:
    """The order's thread, oldest first (callers have checked access to the order)."""
    return list(session().scalars(
        select(OrderMessage).where(OrderMessage.order_id == order_id)
        .order_by(OrderMessage.created_at, OrderMessage.id)))


def staff_thread(principal: Any, order_id: int) -> list[OrderMessage]:
    """The thread of an order the staff principal may read (404 otherwise)."""
    return thread_of(load_order(principal, order_id).id)


def client_thread(principal: Any, order_id: int) -> list[OrderMessage]:
    """The thread of one of the portal client's orders (404 for any other)."""
    return thread_of(client_order(principal, order_id).id)


def client_thread_file(principal: Any, order_id: int, key: str) -> Attachment:
    """A file of the thread of one of the client's orders (404 for any other, and for the
    order's other attachments: staff notes are not the client's to read)."""
    client_order(principal, order_id)
    found = session().scalar(
        select(Attachment).join(OrderMessage, OrderMessage.note_id == Attachment.note_id)
        .where(Attachment.storage_key == key, OrderMessage.order_id == order_id))
    if found is None:
        raise NotFound(_("There is no such file."))
    return found


def _post(order: Order, data: Any, files: Iterable[Upload], *, author_id: int | None,
          author_name: str, portal_user_id: int | None) -> tuple[OrderMessage, bool]:
    """The message and whether it is new (``False``: this form was submitted already)."""
    values = validate(ThreadMessageSchema(), data)
    body = values["body"].strip()
    if not body:
        raise ValidationError(_("Write your message."), fields={"body": [
            _("Write your message.")]})
    locked = lock_record(Order, order.id)
    if locked is None:
        raise NotFound(_("There is no such order."))
    if values["token"]:
        earlier = session().scalar(select(OrderMessage).where(
            OrderMessage.token == values["token"]))
        if earlier is not None and earlier.order_id == order.id:
            return earlier, False
        if earlier is not None:
            raise ValidationError(_("This form was used for another order."),
                                  fields={"token": [_("Reload the page and write again.")]})
    note = Note(record_kind=KIND, record_id=order.id, kind="comment", body=body,
                created_by_id=author_id, updated_by_id=author_id)
    attach_files(note, list(files), author_id=author_id)
    message = OrderMessage(order_id=order.id, note=note, from_client=portal_user_id is not None,
                           portal_user_id=portal_user_id, author_name=author_name,
                           token=values["token"])
    session().add(message)
    session().flush()
    return message, True


def _tell_client(order: Order, message: OrderMessage) -> None:
    """E-mail the answer to each active portal user who wrote in the thread."""
    from plugins.orders.links import external_url

    writers = session().scalars(
        select(PortalUser).where(PortalUser.active.is_(True), PortalUser.id.in_(
            select(OrderMessage.portal_user_id).where(OrderMessage.order_id == order.id)))
        .order_by(PortalUser.id))
    url = external_url("orders_portal.detail", order_id=order.id)
    for user in writers:
        send_mail(user.email, template="orders/answer",
                  language=user.language or kontora().settings.language,
                  context={"name": user.name, "author": message.author_name,
                           "number": order.number or order.title, "answer": message.note.body,
                           "files": [a.filename for a in message.note.attachments],
                           "url": url},
                  record=(KIND, order.id))


def _announce(message: OrderMessage, order: Order, *, principal_id: int | None) -> None:
    announce("orders.thread-message-posted", order.id, message_id=message.id,
             note_id=message.note_id, party_id=order.party_id,
             from_client=message.from_client, principal_id=principal_id)
