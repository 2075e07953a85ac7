from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from cases.current import current_campaign


def site(request: HttpRequest) -> dict:
    return {
        # Lazy, and kept a few seconds per process (cases/current.py): every page's
        # navigation follows the campaign's calendar.
        "current_campaign": SimpleLazyObject(current_campaign),
        "organisation_name": settings.ORGANISATION_NAME,
        "privacy_contact_email": settings.PRIVACY_CONTACT_EMAIL,
        "organisation_company_number": settings.ORGANISATION_COMPANY_NUMBER,
    }
