"""Every state change of leads, pipelines, calculator lines, web forms and questionnaires.

Each function takes the acting principal and plain data, validates, checks the permission
and the record rules, writes in the current unit of work (the audit entry follows from the
flush) and announces after commit. Web views, the API, the mailbox and jobs call these.
"""

from plugins.leads.services.common import load_lead
from plugins.leads.services.leads import (
    add_lead_contact,
    create_lead,
    move_lead,
    new_lead,
    remove_lead_contact,
    update_lead,
)

__all__ = ["add_lead_contact", "create_lead", "load_lead", "move_lead", "new_lead",
           "remove_lead_contact", "update_lead"]
