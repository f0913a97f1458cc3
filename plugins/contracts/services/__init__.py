"""Every state change of contracts, protocols, signatures, reminders and questionnaires:
validate, check, write, audit, announce. Views, the API, conversions, jobs and the
client's link pages call these."""

from plugins.contracts.services.contracts import (
    create_contract,
    delete_contract,
    update_contract,
)
from plugins.contracts.services.protocols import (
    countersign_protocol,
    create_protocol,
    delete_protocol,
    send_protocol,
    update_protocol,
)
from plugins.contracts.services.reminders import expiring, run_daily, update_settings
from plugins.contracts.services.requisites import (
    answer_requisites,
    apply_requisites,
    reject_requisites,
    request_requisites,
)
from plugins.contracts.services.signing import seal, sign_by_client
from plugins.contracts.services.transitions import (
    TRANSITION_SERVICES,
    activate_contract,
    countersign_contract,
    revise_contract,
    run_transition,
    send_contract,
    terminate_contract,
)

__all__ = [
    "TRANSITION_SERVICES", "activate_contract", "answer_requisites", "apply_requisites",
    "countersign_contract", "countersign_protocol", "create_contract", "create_protocol",
    "delete_contract", "delete_protocol", "expiring", "reject_requisites", "request_requisites",
    "revise_contract", "run_daily", "run_transition", "seal", "send_contract",
    "send_protocol", "sign_by_client", "terminate_contract", "update_contract",
    "update_protocol", "update_settings",
]
