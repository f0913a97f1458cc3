"""Models of the ``leads`` plugin."""

from plugins.leads.models.calculator import LeadLine
from plugins.leads.models.lead import CLIENT_KINDS, SOURCES, STATUSES, Lead, LeadContact, StageEntry
from plugins.leads.models.pipeline import LostReason, Pipeline, Stage
from plugins.leads.models.questionnaire import (
    QUESTION_TYPES,
    QuestionnaireResponse,
    QuestionnaireTemplate,
)
from plugins.leads.models.webform import WebForm

__all__ = ["CLIENT_KINDS", "QUESTION_TYPES", "SOURCES", "STATUSES", "Lead", "LeadContact",
           "LeadLine", "LostReason", "Pipeline", "QuestionnaireResponse",
           "QuestionnaireTemplate", "Stage", "StageEntry", "WebForm"]
