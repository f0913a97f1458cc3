"""Staff pages of the activities area, on one blueprint under ``/activities``.

Lists and detail pages are the kernel's generic pages (``pages``); creating and changing
go through this plugin's own forms (``forms``), because they call the plugin's services
(record links checked, participants, assignment rules, notifications). The timeline,
attachment downloads, task views and the calendar feed have a module each.
"""

from flask import Blueprint

bp = Blueprint("activities", __name__, url_prefix="/activities",
               template_folder="../templates")

from plugins.activities.views import (  # noqa: E402  (routes register on bp)
    calendar,
    files,
    forms,
    pages,
    tasks,
    timeline,
)

__all__ = ["bp", "calendar", "files", "forms", "pages", "tasks", "timeline"]
