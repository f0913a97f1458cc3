"""REST side of the company profile: ``GET`` and ``PUT /api/v1/company``.

Images travel base64-encoded in the JSON body (``logo``, ``stamp``); they are checked by
content like uploads from the admin page.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from flask import Response, jsonify
from marshmallow import fields

from core.api.blueprint import api_blueprint, api_principal, json_body
from core.api.openapi import operation
from core.company.profile import company_profile
from core.company.schema import CompanyProfileSchema
from core.company.service import save_company
from core.errors import ValidationError
from core.i18n import gettext as _

bp = api_blueprint("company_api", __name__, url_prefix="/company")
IMAGES = ("logo", "stamp")


class CompanyProfileInputSchema(CompanyProfileSchema):
    logo = fields.String(metadata={"format": "byte", "description": "A new logo, base64."})
    stamp = fields.String(metadata={"format": "byte",
                                    "description": "A new signature/stamp image, base64."})
    remove_logo = fields.Boolean()
    remove_stamp = fields.Boolean()


class CompanyProfileOutputSchema(CompanyProfileSchema):
    logo_type = fields.String(allow_none=True, dump_only=True,
                              metadata={"description": "The logo's type; null: no logo."})
    stamp_type = fields.String(allow_none=True, dump_only=True)
    updated_at = fields.AwareDateTime(allow_none=True, dump_only=True)


def _dump() -> dict[str, Any]:
    return CompanyProfileOutputSchema().dump(company_profile())


@bp.get("")
@operation("GET", summary="The company profile (the seller on every document)",
           tags=["company"], responses={200: CompanyProfileOutputSchema})
def get_company_api() -> Response:
    api_principal()  # any signed-in client may read the requisites printed on documents
    return jsonify(_dump())


@bp.put("")
@operation("PUT", summary="Save the company profile", tags=["company"],
           request=CompanyProfileInputSchema, responses={200: CompanyProfileOutputSchema},
           errors=(415, 422),
           description="Replaces every field; identifiers are checked for `country` and "
                       "stored compact. Images are base64 PNG, JPEG, GIF, WebP or SVG of at "
                       "most 512 KB.")
def save_company_api() -> Response:
    principal = api_principal()
    data = json_body()
    images, removals, errors = {}, {}, {}
    for name in IMAGES:
        raw = data.pop(name, None)
        remove = data.pop(f"remove_{name}", False)
        if not isinstance(remove, bool):
            errors[f"remove_{name}"] = [_("Expected true or false.")]
        removals[name] = remove is True
        if raw is None:
            continue
        try:
            images[name] = base64.b64decode(raw, validate=True) if isinstance(raw, str) else None
        except (binascii.Error, ValueError):
            images[name] = None
        if not images[name]:
            errors[name] = [_("Expected an image encoded in base64.")]
    if errors:
        raise ValidationError(_("The input is not valid."), fields=errors)
    save_company(principal, data, logo=images.get("logo"), stamp=images.get("stamp"),
                 remove_logo=removals["logo"], remove_stamp=removals["stamp"])
    return jsonify(_dump())
