"""Staff pages for products and services: the kernel's generic list, detail and forms."""

from __future__ import annotations

from flask import Blueprint

from core.i18n import lazy_gettext as _l
from core.web.generic import Column, Field, Filter, register_crud

bp = Blueprint("catalog", __name__, url_prefix="/catalog", template_folder="templates")

KINDS = [("product", _l("Product")), ("service", _l("Service"))]

register_crud(
    bp, kind="catalog.product", name="product", path="/products",
    columns=["code", "name", Column("kind", _l("Kind"), sortable=False), "unit",
             Column("price", _l("Price"), format="money:currency"),
             Column("vat_rate", _l("VAT %"), sortable=False),
             Column("active", _l("Active"), sortable=False)],
    filters=[Filter("kind", _l("Kind"), type="select", choices=KINDS),
             Filter("active", _l("Active"), type="bool")],
    default_sort="code",
    form_fields=[Field("code", _l("Code"), required=True, col="col-md-4"),
                 Field("name", _l("Name"), required=True, col="col-md-8"),
                 Field("kind", _l("Kind"), type="select", choices=KINDS, col="col-md-4"),
                 Field("unit", _l("Unit"), col="col-md-4"),
                 Field("active", _l("Active"), type="checkbox", col="col-md-4"),
                 Field("price", _l("Price without VAT"), type="decimal", required=True,
                       col="col-md-4"),
                 Field("currency", _l("Currency"), required=True, col="col-md-4"),
                 Field("vat_rate", _l("VAT rate (%)"), type="decimal", required=True,
                       col="col-md-4"),
                 Field("description", _l("Description"), type="textarea")],
)
