"""The ``leads`` plugin: everything that happens before a client signs."""
