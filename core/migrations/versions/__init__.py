"""The kernel's version branch ``core`` (``kontora db revision --plugin core``)."""
