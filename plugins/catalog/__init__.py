"""Products and services, and the services assigned to each client: the ``catalog`` plugin."""
