"""The e-mail with a person's own links: see, download or erase their data."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.urls import reverse

from marathon.lib.links import Purpose, make_token
from marathon.lib.mail import absolute_url
from marathon.models import PersonalDataRequest
from marathon.outbox import kinds

PERSONAL_DATA = "marathon.personal-data"


def personal_data_token(request: PersonalDataRequest) -> str:
    return make_token(request.key.hex, purpose=Purpose.PERSONAL_DATA)


def _personal_data(request_id: int) -> kinds.Envelope | None:
    request = PersonalDataRequest.objects.filter(pk=request_id).first()
    if request is None:
        return None
    context = {
        "manage_url": absolute_url(reverse("personal-data-manage", args=[personal_data_token(request)])),
        "days": settings.PERSONAL_DATA_LINK_DAYS,
    }
    return kinds.Envelope(to=request.email, context=context)


def _personal_data_sent(request_id: int, at: datetime.datetime) -> None:
    PersonalDataRequest.objects.filter(pk=request_id).update(sent_at=at)


kinds.register(
    kinds.EmailKind(
        name=PERSONAL_DATA,
        template="marathon/email/personal_data",
        envelopes=kinds.OneAtATime(_personal_data),
        sent=_personal_data_sent,
        urgent=True,  # the page said "check your mailbox"
    )
)
