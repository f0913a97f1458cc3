"""Contracts, acceptance protocols and electronic signature: the ``contracts`` plugin."""
