"""The contract workflow: one service per transition, each with its own permission.

Every move is checked against :mod:`plugins.contracts.workflow` (a 409 naming the action
and the present status otherwise), written on the contract's timeline, told to the owner
and announced after commit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from core.db import utcnow
from core.errors import NotFound
from core.i18n import force_locale
from core.i18n import gettext as _
from core.kernel import kontora
from core.links import revoke_links
from core.services import announce, service
from plugins.contracts.exceptions import InvalidContractData, TransitionRefused
from plugins.contracts.models import Contract, Signature
from plugins.contracts.services.common import (
    CONTRACT,
    check_version,
    flush,
    load_contract,
    tell_owner,
    timeline_note,
)
from plugins.contracts.services.signing import (
    SIGN_PURPOSE,
    countersign,
    issue_and_send,
    send_values,
)
from plugins.contracts.workflow import TRANSITIONS, status_label


def move(contract: Contract, name: str, *, actor_id: int | None, actor: str,
         comment: str | None = None) -> str:
    """Apply transition ``name`` (or ``expire``, the job's own move); returns the status
    left. The caller checked the permission."""
    target = "expired" if name == "expire" else TRANSITIONS[name].target
    label = _("Expire") if name == "expire" else str(TRANSITIONS[name].label)
    sources = {"signed", "active"} if name == "expire" else TRANSITIONS[name].sources
    if contract.status not in sources:
        raise TransitionRefused(label, status_label(contract.status))
    before = contract.status
    contract.status = target
    contract.updated_by_id = actor_id
    if target in ("expired", "terminated"):
        contract.ended_at = utcnow()
    flush()

    def sentence() -> str:
        return _("%(actor)s moved contract %(contract)s from “%(before)s” to “%(after)s”.",
                 actor=actor, contract=contract.label, before=status_label(before),
                 after=status_label(target))

    with force_locale(kontora().settings.language):
        body = sentence() + (f"\n\n{comment}" if comment else "")
    timeline_note(CONTRACT, contract.id, body, author_id=actor_id)
    tell_owner(CONTRACT, contract, actor_id, sentence, template="contracts/status-changed",
               context={"comment": comment or ""})
    announce("contracts.contract-status-changed", contract.id, principal_id=actor_id,
             transition=name, before=before, after=target)
    return before


def _staff_move(principal: Any, contract_id: int, name: str, expected_version: int | None,
                comment: str | None = None) -> Contract:
    contract = load_contract(principal, contract_id, "write")
    check_version(contract, expected_version)
    move(contract, name, actor_id=principal.user_id, actor=principal.name, comment=comment)
    return contract


@service("contracts.send")
def send_contract(principal: Any, contract_id: int, data: Any = None, *,
                  expected_version: int | None = None) -> Contract:
    """Issue the contract (its number, the PDF frozen) and e-mail the signing link."""
    contract = load_contract(principal, contract_id, "write")
    check_version(contract, expected_version)
    if not contract.title.strip():
        raise InvalidContractData({"title": [_("Give the contract a title.")]})
    values = send_values(contract, data)
    move(contract, "send", actor_id=principal.user_id, actor=principal.name)
    issue_and_send(CONTRACT, contract, principal, values, template=contract.template)
    return contract


@service("contracts.send")
def revise_contract(principal: Any, contract_id: int, *,
                    expected_version: int | None = None) -> Contract:
    """Take a sent contract back to draft; the signing link stops working."""
    contract = _staff_move(principal, contract_id, "revise", expected_version)
    revoke_links(CONTRACT, contract.id, SIGN_PURPOSE)
    return contract


@service("contracts.manage")
def activate_contract(principal: Any, contract_id: int, *,
                      expected_version: int | None = None) -> Contract:
    return _staff_move(principal, contract_id, "activate", expected_version)


@service("contracts.manage")
def terminate_contract(principal: Any, contract_id: int, *,
                       expected_version: int | None = None,
                       comment: str | None = None) -> Contract:
    """End the contract early (the reason, when given, goes on the timeline)."""
    contract = _staff_move(principal, contract_id, "terminate", expected_version, comment)
    revoke_links(CONTRACT, contract.id, SIGN_PURPOSE)
    return contract


@service("contracts.countersign")
def countersign_contract(principal: Any, contract_id: int, data: Any = None) -> Signature:
    """The company's signature on a contract the client signed."""
    contract = load_contract(principal, contract_id, "write")
    return countersign(principal, CONTRACT, contract, data)


TRANSITION_SERVICES: dict[str, Callable[..., Contract]] = {
    "send": send_contract, "revise": revise_contract, "activate": activate_contract,
    "terminate": terminate_contract,
}


def run_transition(principal: Any, contract_id: int, name: str, data: dict[str, Any], *,
                   expected_version: int | None = None) -> Contract:
    """The service of transition ``name`` (the views' and the API's single entry)."""
    fn = TRANSITION_SERVICES.get(name)
    if fn is None:
        raise NotFound(_("Contracts have no action “%(name)s”.", name=name))
    if name == "send":
        return fn(principal, contract_id, data, expected_version=expected_version)
    if name == "terminate":
        comment = data.get("comment") if isinstance(data.get("comment"), str) else None
        return fn(principal, contract_id, expected_version=expected_version,
                  comment=(comment or "").strip()[:2000] or None)
    return fn(principal, contract_id, expected_version=expected_version)
