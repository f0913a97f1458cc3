"""State changes go through services: validate, check, write, audit, announce.

The generic record services serve any record kind with a schema; a plugin writes its own
service functions with the helpers (:func:`service`, :func:`validate`,
:func:`load_record`, :func:`announce`) and gets the audit entry from the flush.
"""

from core.services.guarded import guarded_write
from core.services.helpers import (
    act_as,
    announce,
    flatten_errors,
    load_record,
    record_kind,
    service,
    validate,
)
from core.services.locking import lock_record, locked
from core.services.records import (
    RECORD_SIGNALS,
    create_record,
    delete_record,
    get_record,
    update_record,
)
from core.services.references import check_references, reference_fields

__all__ = [
    "RECORD_SIGNALS",
    "act_as",
    "announce",
    "check_references",
    "create_record",
    "delete_record",
    "flatten_errors",
    "get_record",
    "guarded_write",
    "load_record",
    "lock_record",
    "locked",
    "record_kind",
    "reference_fields",
    "service",
    "update_record",
    "validate",
]
