"""Demo data: leads along the pipeline with history, a calculator, a web form, a brief."""

from __future__ import annotations

from sqlalchemy import func, select

from core.kernel import kontora
from plugins.leads.models import (
    Lead,
    QuestionnaireTemplate,
    StageEntry,
    WebForm,
)


def test_demo_adds_leads_with_history_once(app):
    k = kontora(app)
    with app.app_context():
        for _ in range(2):
            with k.db.unit() as s:
                k.call_in_order("kontora_demo_data", session=s)
        with k.db.unit() as s:
            leads = list(s.scalars(select(Lead).order_by(Lead.id)))
            assert len(leads) == 6
            assert {lead.status for lead in leads} == {"open", "won", "lost"}
            assert s.scalar(select(func.count()).select_from(StageEntry)) > len(leads)
            lost = next(lead for lead in leads if lead.status == "lost")
            assert lost.lost_reason.name == "Price too high"
            assert any(lead.lines for lead in leads)
            assert s.scalar(select(func.count()).select_from(WebForm)) == 1
            assert s.scalar(select(func.count()).select_from(QuestionnaireTemplate)) == 1
