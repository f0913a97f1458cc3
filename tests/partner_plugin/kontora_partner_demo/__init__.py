"""kontora-partner-demo: a partner plugin found through the ``kontora.plugins`` entry point."""
