"""Clients, contact persons, addresses and their categorisation: the ``parties`` plugin."""
