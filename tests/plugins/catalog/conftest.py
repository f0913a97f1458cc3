"""The catalog tests reuse the ``parties`` fixtures (catalog depends on parties)."""

from tests.plugins.parties.conftest import ctx

__all__ = ["ctx"]
