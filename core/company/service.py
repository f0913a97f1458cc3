"""Saving the company profile: the one state change of :mod:`core.company`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from marshmallow import ValidationError as MarshmallowError

from core.company.models import CompanyProfile
from core.company.profile import PROFILE_ID, company_profile
from core.company.schema import CompanyProfileSchema, image_problem, image_type
from core.db import session
from core.errors import ValidationError
from core.i18n import gettext as _
from core.services.helpers import service
from core.services.locking import lock_record

EDIT_PERMISSION = "core.documents.edit"
"""Who edits the company profile: whoever edits document templates."""


@service(EDIT_PERMISSION)
def save_company(principal: Any, data: Mapping[str, Any], *, logo: bytes | None = None,
                 stamp: bytes | None = None, remove_logo: bool = False,
                 remove_stamp: bool = False) -> CompanyProfile:
    """Validate and store the company profile (the row is locked against a parallel save).

    ``data`` holds :class:`CompanyProfileSchema` fields; ``logo`` and ``stamp`` are uploaded image
    bytes, recognised by content. Raises :class:`ValidationError` naming each bad field.
    """
    errors: dict[str, Any] = {}
    try:
        values = CompanyProfileSchema().load(dict(data))
    except MarshmallowError as exc:
        errors.update(exc.normalized_messages())
    for field, content in (("logo", logo), ("stamp", stamp)):
        problem = image_problem(content) if content is not None else None
        if problem:
            errors[field] = [problem]
    if errors:
        raise ValidationError(_("Some fields are not valid."), fields=errors)
    profile = lock_record(CompanyProfile, PROFILE_ID)
    if profile is None:
        profile = company_profile()
        session().add(profile)
    for field, value in values.items():
        setattr(profile, field, value)
    for field, content, remove in (("logo", logo, remove_logo), ("stamp", stamp, remove_stamp)):
        if content is not None:
            setattr(profile, field, content)
            setattr(profile, f"{field}_type", image_type(content))
        elif remove:
            setattr(profile, field, None)
            setattr(profile, f"{field}_type", None)
    session().flush()
    return profile
