"""What admins configure: extra statuses between the built-in ones, and the plugin's settings."""

from __future__ import annotations

from sqlalchemy import Boolean, Integer, String, false
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, TimestampMixin


class OrderStatus(TimestampMixin, Base):
    """A status admins add between two built-in ones (``after`` -> ``code`` -> ``before``).

    An order in ``after`` may move into it (transition ``enter``, permission
    ``orders.advance``); from it the built-in transition that reaches ``before`` applies,
    and so does cancelling. ``mandatory`` removes the direct move ``after`` -> ``before``.
    """

    __tablename__ = "orders_status"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), nullable=False, unique=True)
    label: Mapped[str] = mapped_column(String(100), nullable=False)
    after: Mapped[str] = mapped_column(String(30), nullable=False)
    before: Mapped[str] = mapped_column(String(30), nullable=False)
    mandatory: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class OrderSettings(Base):
    """The installation's order settings: one row (``id`` 1), edited on the admin page.

    Kept in the database rather than in ``KONTORA_*`` variables so an admin can change them
    without a restart and every web and worker process sees the change at once.
    """

    __tablename__ = "orders_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    create_on_acceptance: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    send_on_acceptance: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False,
                                                     server_default=false())
    """Also e-mail an order made on acceptance to the client for confirmation at once."""
