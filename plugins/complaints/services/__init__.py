"""Every state change of complaints: validate, check, write, audit, announce.

Views, the API and the demo data call these; a portal plugin calls ``services.portal``.
"""

from plugins.complaints.services.complaints import create_complaint, update_complaint
from plugins.complaints.services.photos import add_photos, get_photo
from plugins.complaints.services.portal import (
    add_client_photos,
    client_complaint,
    client_complaints,
    client_photo,
    file_complaint,
)
from plugins.complaints.services.report import DIMENSIONS, complaints_report
from plugins.complaints.services.transitions import (
    TRANSITION_SERVICES,
    accept_complaint,
    reject_complaint,
    resolve_complaint,
    review_complaint,
    run_transition,
)

__all__ = [
    "DIMENSIONS",
    "TRANSITION_SERVICES",
    "accept_complaint",
    "add_client_photos",
    "add_photos",
    "client_complaint",
    "client_complaints",
    "client_photo",
    "complaints_report",
    "create_complaint",
    "file_complaint",
    "get_photo",
    "reject_complaint",
    "resolve_complaint",
    "review_complaint",
    "run_transition",
    "update_complaint",
]
