"""Models of the ``catalog`` plugin."""

from plugins.catalog.models.category import ProductCategory, product_category
from plugins.catalog.models.client_service import ClientService
from plugins.catalog.models.product import PRODUCT_KINDS, Product

__all__ = ["PRODUCT_KINDS", "ClientService", "Product", "ProductCategory", "product_category"]
