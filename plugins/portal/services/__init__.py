"""Portal services: who may sign in (``accounts``) and for which client (``access``)."""
