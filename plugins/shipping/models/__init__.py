"""Models of the ``shipping`` plugin: the carrier register, shipments, their lines and packages."""

from plugins.shipping.models.carrier import Carrier
from plugins.shipping.models.shipment import Package, Shipment, ShipmentLine

__all__ = ["Carrier", "Package", "Shipment", "ShipmentLine"]
