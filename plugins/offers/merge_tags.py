"""Merge tags of offers for document templates: ``{{ offer.number }}``, ``{{ client.name }}``.

Values are plain data (text, numbers, dates, lists of dicts), never the model, so a
template cannot call anything that changes data. ``offer.lines_table``, ``offer.body`` and
``offer.text`` are ready HTML: the table of lines, the Template I body and the offer's named
text (:class:`OfferText`), the last two rendered through the kernel's sandbox with every
other tag. An offer without intro or terms of its own prints its named text's.
"""

from __future__ import annotations

from contextvars import ContextVar
from datetime import date
from typing import Any

from markupsafe import Markup
from sqlalchemy import select

from core.db import session
from core.documents.memo import once
from core.documents.rendering import merge_context, render_body
from core.documents.totals import totals_of
from core.i18n import format_decimal, format_money
from core.i18n import gettext as _
from core.i18n import lazy_gettext as _l
from core.identity.models import User
from plugins.offers.models import OfferText

KIND = "offers.offer"
_nested: ContextVar[bool] = ContextVar("offers_nested_text", default=False)
"""Set while the body or the named text renders: neither may print itself or the other."""


def merge_tags(kind: str) -> list[dict[str, Any]]:
    if kind != KIND:
        return []
    tags = [
        ("offer.number", _l("Offer number"), lambda o: o.number or ""),
        ("offer.reference", _l("Number with revision"), lambda o: o.reference),
        ("offer.title", _l("Title"), lambda o: o.title),
        ("offer.revision", _l("Revision"), lambda o: o.revision),
        ("offer.date", _l("Date of the offer"),
         lambda o: o.sent_at.date() if o.sent_at else date.today()),
        ("offer.valid_until", _l("Valid until"), lambda o: o.valid_until),
        ("offer.currency", _l("Currency"), lambda o: o.currency),
        ("offer.intro", _l("Introduction"), lambda o: o.intro or _text(o, "intro")),
        ("offer.terms", _l("Terms"), lambda o: o.terms or _text(o, "terms")),
        ("offer.text_name", _l("Name of the offer text"), lambda o: _text(o, "name")),
        ("offer.lines", _l("Lines (a list to loop over)"), _lines),
        ("offer.vat_breakdown", _l("Totals per VAT rate (a list)"), _breakdown),
        ("offer.total_net", _l("Total without VAT"), lambda o: o.total_net),
        ("offer.total_vat", _l("VAT"), lambda o: o.total_vat),
        ("offer.total_gross", _l("Total with VAT"), lambda o: o.total_gross),
        ("offer.lines_table", _l("Table of lines with totals"), lines_table),
        ("owner.name", _l("Salesperson"), lambda o: _owner(o, "name")),
        ("owner.email", _l("Salesperson's e-mail"), lambda o: _owner(o, "email")),
        ("client.name", _l("Client name"), lambda o: _client(o)["name"]),
        ("client.tax_id", _l("Client tax id"), lambda o: _client(o)["tax_id"]),
        ("client.vat_number", _l("Client VAT number"), lambda o: _client(o)["vat_number"]),
        ("client.trade_register_no", _l("Client trade register number"),
         lambda o: _client(o)["trade_register_no"]),
        ("client.address", _l("Client registered address"), lambda o: _client(o)["address"]),
        ("client.email", _l("Client e-mail"), lambda o: _client(o)["email"]),
        ("client.requisites", _l("Client requisites on one line"),
         lambda o: _client(o)["requisites"]),
        ("client.requisite_lines", _l("Client requisites by its kind, one per line (a list)"),
         lambda o: _client(o)["requisite_lines"]),
        ("client.contact", _l("The client's contact person the offer is addressed to"),
         lambda o: _client(o)["contact"]),
    ]
    if not _nested.get():
        tags.append(("offer.body", _l("Free text of the offer (Template I)"), body_html))
        tags.append(("offer.text", _l("The offer text chosen for the offer"), text_html))
    return [{"tag": tag, "label": label, "value": value} for tag, label, value in tags]


def body_html(offer: Any) -> Markup:
    """The free-text body rendered in the sandbox with the other tags."""

    return _nested_html(offer, offer.body)


def text_html(offer: Any) -> Markup:
    """The offer's named text rendered in the sandbox with the other tags."""

    return _nested_html(offer, _text(offer, "body"))


def _nested_html(offer: Any, source: str | None) -> Markup:
    if not source:
        return Markup("")
    token = _nested.set(True)
    try:
        context = merge_context(KIND, offer)
    finally:
        _nested.reset(token)
    return Markup(render_body(source, context))


def _text(offer: Any, attr: str) -> str:
    """A field of the offer's named text; an offer from before texts existed has the default."""
    text = once(("offers.text", offer.text_id), lambda: session().get(
        OfferText, offer.text_id) if offer.text_id else session().scalar(
        select(OfferText).where(OfferText.is_default.is_(True))))
    return (getattr(text, attr) or "") if text is not None else ""


def _lines(offer: Any) -> list[dict[str, Any]]:
    return [{"position": line.position, "description": line.description,
             "quantity": line.quantity, "unit": line.unit or "", "unit_price": line.unit_price,
             "discount": line.discount, "vat_rate": line.vat_rate, "net": line.net,
             "is_service": line.is_service} for line in offer.lines]


def _breakdown(offer: Any) -> list[dict[str, Any]]:
    return [{"rate": r.rate, "net": r.net, "vat": r.vat, "gross": r.gross}
            for r in totals_of(offer.lines).by_rate]


def lines_table(offer: Any) -> Markup:
    """The lines and the totals per VAT rate as one HTML table, in the active language."""
    cur = offer.currency
    head = [_("No."), _("Description"), _("Quantity"), _("Unit"), _("Unit price"),
            _("Discount %"), _("VAT %"), _("Net amount")]
    rows = [Markup("<tr>{}</tr>").format(Markup("").join(
        Markup("<th>{}</th>").format(h) for h in head))]
    body = []
    for line in offer.lines:
        cells = [line.position, line.description, format_decimal(line.quantity),
                 line.unit or "", format_money(line.unit_price, cur),
                 format_decimal(line.discount), format_decimal(line.vat_rate),
                 format_money(line.net, cur)]
        body.append(Markup("<tr>{}</tr>").format(Markup("").join(
            Markup("<td>{}</td>").format(c) for c in cells)))
    totals = []
    for rate in totals_of(offer.lines).by_rate:
        totals.append(_total_row(_("Net at %(rate)s %% VAT", rate=format_decimal(rate.rate)),
                                 format_money(rate.net, cur)))
        totals.append(_total_row(_("VAT %(rate)s %%", rate=format_decimal(rate.rate)),
                                 format_money(rate.vat, cur)))
    totals.append(_total_row(_("Total without VAT"), format_money(offer.total_net, cur)))
    totals.append(_total_row(_("Total VAT"), format_money(offer.total_vat, cur)))
    totals.append(_total_row(_("Total to pay"), format_money(offer.total_gross, cur)))
    return Markup('<table class="offer-lines"><thead>{}</thead><tbody>{}</tbody>'
                  '<tbody class="k-totals">{}</tbody></table>').format(
        Markup("").join(rows), Markup("").join(body), Markup("").join(totals))


def _total_row(label: str, amount: str) -> Markup:
    return Markup('<tr class="total"><td colspan="7">{}</td><td>{}</td></tr>').format(
        label, amount)


def _owner(offer: Any, attr: str) -> str:
    user = once(("offers.owner", offer.owner_id),
                lambda: session().get(User, offer.owner_id) if offer.owner_id else None)
    return (getattr(user, attr, None) or "") if user is not None else ""


def _client(offer: Any) -> dict[str, Any]:
    """The recipient's values, read once per render however many client tags it prints."""
    from plugins.offers.recipients import recipient_of

    return once(("offers.recipient", offer.id), lambda: recipient_of(offer))
