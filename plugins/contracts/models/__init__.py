"""Models of the ``contracts`` plugin."""

from plugins.contracts.models.contract import Contract, ContractLine
from plugins.contracts.models.protocol import AcceptanceProtocol, ProtocolItem
from plugins.contracts.models.reminder import ContractSettings, ReminderSent
from plugins.contracts.models.requisites import RequisitesRequest
from plugins.contracts.models.signature import Signature

__all__ = ["AcceptanceProtocol", "Contract", "ContractLine", "ContractSettings",
           "ProtocolItem", "ReminderSent", "RequisitesRequest", "Signature"]
