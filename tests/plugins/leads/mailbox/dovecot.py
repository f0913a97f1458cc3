"""The Dovecot server's former address, which ``bench/rates.py`` imports: it is
``tests/fixtures/dovecot.py`` now, with its fixtures."""

from __future__ import annotations

from tests.fixtures.dovecot import BINARY, PASSWORD, Dovecot

__all__ = ["BINARY", "PASSWORD", "Dovecot"]
