"""Shipments of orders: carriers, packing, shipping papers, the client told on dispatch."""
