"""The REST API base: its OpenAPI document and interactive docs under ``/api/v1``."""

from __future__ import annotations

from core.api.views import assets, bp
from core.contents import Contents

contents = Contents(api_blueprints=[bp], blueprints=[assets])
