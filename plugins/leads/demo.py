# ruff: noqa: RUF001 -- demo names and texts in Bulgarian and Russian
"""Demo leads for ``kontora demo``: a pipeline in use, a calculator, a web form and a brief.

Leads are moved stage by stage through the session, so the stage history (and with it the
funnel report) has something to show.
"""

from __future__ import annotations

import secrets
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.identity.models import User
from plugins.leads.models import (
    Lead,
    LeadContact,
    LeadLine,
    LostReason,
    Pipeline,
    QuestionnaireTemplate,
    Stage,
    WebForm,
)
from plugins.leads.seed import seed_defaults
from plugins.leads.services.questionnaires import parse_lines

LEADS: list[dict[str, Any]] = [
    {"title": "Renovare birou Cluj", "company_name": "Nord Instal SRL", "country": "RO",
     "person_name": "Andrei Mureșan", "email": "andrei@nordinstal.ro", "source": "phone",
     "currency": "RON", "path": ["Qualified", "Proposal"],
     "lines": [("SRV-CONS", "12"), ("CEM-42", "40")]},
    {"title": "Доставка строителни материали", "company_name": "Стройинвест ООД",
     "country": "BG", "person_name": "Георги Петров", "email": "g.petrov@stroyinvest.bg",
     "source": "web_form", "currency": "BGN", "budget": "8400", "path": ["Qualified"]},
    {"title": "Mentenanță anuală 2027", "client": "Carpați Construct SRL", "source": "visit",
     "currency": "RON", "budget": "5400", "path": ["Qualified", "Proposal", "Negotiation"]},
    {"title": "Website inquiry: warehouse racks", "person_name": "Laura Weiss",
     "client_kind": "private_person", "email": "laura.weiss@example.com",
     "source": "website_api", "currency": "EUR", "budget": "1200", "path": []},
    {"title": "Betoniere pentru șantier Iași", "company_name": "Moldova Build SRL",
     "country": "RO", "source": "email", "currency": "RON", "budget": "2900",
     "path": ["Qualified", "Proposal", "Won"]},
    {"title": "Поставка оборудования", "company_name": "ООО Вектор", "country": "RU",
     "source": "manual", "currency": "EUR", "budget": "15000",
     "path": ["Qualified", "Lost"], "lost": "Price too high"},
]

BRIEF = """text | What should the project achieve? | required
number | Budget you have in mind (EUR) | optional
choice | When should we start? | required | this month; next quarter; later this year
multi_choice | What do you need from us? | optional | design; supply; installation; maintenance
date | Latest finishing date | optional
yes_no | May we visit the site? | required"""


def add_demo_leads(session: Session) -> None:
    seed_defaults(session)
    if session.scalar(select(Lead.id).limit(1)) is not None:
        return
    owner_id = session.scalar(select(User.id).where(User.active.is_(True)).order_by(User.id))
    pipeline = session.scalar(select(Pipeline).where(Pipeline.is_default.is_(True))) or \
        session.scalar(select(Pipeline).order_by(Pipeline.id))
    stages = {s.name: s for s in session.scalars(select(Stage).where(
        Stage.pipeline_id == pipeline.id))}
    reasons = {r.name: r for r in session.scalars(select(LostReason))}
    for item in LEADS:
        lead = _lead(session, item, owner_id)
        session.add(lead)
        session.flush()
        for name in item["path"]:
            if name not in stages:
                break
            if stages[name].is_lost:
                reason = reasons.get(item.get("lost", "")) or next(iter(reasons.values()), None)
                lead.lost_reason_id = reason.id if reason else None
            lead.stage_id = stages[name].id
            session.flush()
    _web_form(session, owner_id)
    if session.scalar(select(QuestionnaireTemplate.id).limit(1)) is None:
        from plugins.leads.services.questionnaires import check_questions

        errors: dict[str, list[str]] = {}
        session.add(QuestionnaireTemplate(
            name="Project brief", intro="A few questions so our offer fits your project.",
            questions=check_questions(parse_lines(BRIEF), errors), created_by_id=owner_id))
    session.flush()


def _lead(session: Session, item: dict[str, Any], owner_id: int | None) -> Lead:
    from plugins.catalog.models import Product
    from plugins.parties.models import Client

    client = session.scalar(select(Client).where(Client.name == item["client"])) \
        if item.get("client") else None
    lead = Lead(title=item["title"], source=item["source"], currency=item["currency"],
                client_kind=item.get("client_kind", "legal_entity"),
                company_name=item.get("company_name") or (client.name if client else None),
                person_name=item.get("person_name"), email=item.get("email"),
                country=item.get("country") or (client.country if client else None),
                client_id=client.id if client else None, owner_id=owner_id,
                created_by_id=owner_id,
                budget=Decimal(item["budget"]) if item.get("budget") else None)
    if item.get("person_name"):
        lead.contacts = [LeadContact(name=item["person_name"], email=item.get("email"),
                                     is_primary=True)]
    products = {p.code: p for p in session.scalars(select(Product))}
    for position, (code, quantity) in enumerate(item.get("lines", [])):
        product = products.get(code)
        if product is None or product.currency != lead.currency:
            continue
        lead.lines.append(LeadLine(position=position, product_id=product.id,
                                   description=product.name, quantity=Decimal(quantity),
                                   unit=product.unit, unit_price=product.price,
                                   discount=Decimal(0), vat_rate=product.vat_rate))
    if lead.lines:
        lead.budget = sum((line.net for line in lead.lines), Decimal(0))
    return lead


def _web_form(session: Session, owner_id: int | None) -> None:
    if session.scalar(select(WebForm.id).limit(1)) is not None:
        return
    session.add(WebForm(
        name="Contact us", key=secrets.token_urlsafe(24), owner_id=owner_id,
        created_by_id=owner_id, allowed_origins="https://www.example.ro",
        fields=[{"name": "person_name", "required": True,
                 "labels": {"ro": "Nume", "bg": "Име", "ru": "Имя"}},
                {"name": "email", "required": True, "labels": {}},
                {"name": "phone", "required": False,
                 "labels": {"ro": "Telefon", "bg": "Телефон", "ru": "Телефон"}},
                {"name": "description", "required": False,
                 "labels": {"ro": "Mesaj", "bg": "Съобщение", "ru": "Сообщение"}}],
        thank_you={"en": "Thank you, we will call you back soon.",
                   "ro": "Vă mulțumim, vă sunăm în curând.",
                   "bg": "Благодарим ви, ще се свържем с вас скоро.",
                   "ru": "Спасибо, мы скоро свяжемся с вами."}))
