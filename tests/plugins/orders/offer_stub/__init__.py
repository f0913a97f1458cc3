"""A stand-in for the offers plugin: the ``offers.offer`` kind, its content and acceptance."""
