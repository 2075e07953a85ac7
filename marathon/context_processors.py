from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from cases.models import Campaign


def site(request: HttpRequest) -> dict:
    return {
        # Lazy, so pages that never show the campaign cost no query for it.
        "current_campaign": SimpleLazyObject(Campaign.objects.current),
        "organisation_name": settings.ORGANISATION_NAME,
        "privacy_contact_email": settings.PRIVACY_CONTACT_EMAIL,
    }
