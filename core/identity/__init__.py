"""Staff users and, later, roles, permissions and portal principals."""
