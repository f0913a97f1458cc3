"""The installation's own company (legal name, tax ids, address, bank accounts, images)."""

from core.company.models import CompanyProfile
from core.company.profile import PROFILE_ID, company_language, company_profile, requisites
from core.company.service import EDIT_PERMISSION, save_company

__all__ = ["EDIT_PERMISSION", "PROFILE_ID", "CompanyProfile", "company_language",
           "company_profile", "requisites", "save_company"]
