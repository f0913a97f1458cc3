"""Models of the ``complaints`` plugin."""

from plugins.complaints.models.complaint import Complaint

__all__ = ["Complaint"]
