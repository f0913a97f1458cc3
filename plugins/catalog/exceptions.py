"""Errors users of the ``catalog`` plugin may see; the kernel maps them to 4xx answers."""

from __future__ import annotations

from core.errors import Conflict, NotFound, ValidationError
from core.i18n import gettext as _


class ProductNotFound(NotFound):
    def __init__(self, product_id: int) -> None:
        super().__init__(_("Product %(id)s was not found.", id=product_id))


class InvalidProductData(ValidationError):
    def __init__(self, fields: dict[str, list[str]]) -> None:
        super().__init__(_("Please correct the marked fields."), fields=fields)


class ProductCodeTaken(Conflict):
    def __init__(self, code: str) -> None:
        super().__init__(_("Another product already has the code %(code)s.", code=code))
        self.fields = {"code": [_("This code is taken.")]}


class StaleProduct(Conflict):
    def __init__(self) -> None:
        super().__init__(_("Someone else changed this product meanwhile; reload and retry."))
