"""Complaints (claims, returns) about an order, invoice, shipment or product."""
