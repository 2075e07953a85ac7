from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kits.models import KitOrder
from kits.services import kit_order_erase
from marathon.emails import PERSONAL_DATA
from marathon.lib.addresses import canonical_email
from marathon.lib.languages import reader_language
from marathon.lib.links import LinkError, Purpose, read_token
from marathon.models import PersonalDataRequest
from marathon.outbox.services import email_queue
from petitions.models import NewsSubscriber, Signer
from petitions.services import news_unsubscribe, signer_erase

# --- A person's own data: see it, take it away, erase it ---------------------------------


def personal_data_request_from_token(token: str) -> PersonalDataRequest | None:
    """The request a link was made for, or None if the link is forged, expired or used up."""
    try:
        key = read_token(token, purpose=Purpose.PERSONAL_DATA)
        return PersonalDataRequest.objects.filter(key=uuid.UUID(key)).first()
    except (LinkError, TypeError, ValueError):
        return None


@transaction.atomic
def personal_data_request_create(*, email: str) -> PersonalDataRequest:
    """Record the request and queue the e-mail with the links, in one transaction."""
    request = PersonalDataRequest.objects.create(email=email, language=reader_language())
    email_queue(kind=PERSONAL_DATA, object_ids=[request.pk], language=request.language)
    return request


def personal_data_requests_forget(*, now: datetime.datetime | None = None) -> int:
    """Periodic: forget requests whose links expired."""
    now = now or timezone.now()
    deleted, _detail = PersonalDataRequest.objects.filter(
        created_at__lt=now - datetime.timedelta(days=settings.PERSONAL_DATA_LINK_DAYS)
    ).delete()
    return deleted


def _same_person(email: str) -> tuple[str, Signer | None, list[KitOrder]]:
    """Every record, in every app, held under this e-mail address (same canonical form)."""
    canonical = canonical_email(email)
    domain = canonical.rpartition("@")[2]
    signer = Signer.objects.filter(email_canonical=canonical, erased_at__isnull=True).first()
    orders = [
        order
        for order in KitOrder.objects.not_erased()
        .filter(email__iendswith=f"@{domain}")
        .select_related("campaign", "marathon")
        .order_by("created_at")
        if canonical_email(order.email) == canonical
    ]
    return canonical, signer, orders


def personal_data_collect(*, email: str) -> dict:
    """Everything held about this address, as plain data (shown, and downloadable as JSON)."""
    canonical, signer, orders = _same_person(email)
    data: dict = {"email": email, "signer": None, "signatures": [], "kit_orders": [], "news": None}
    subscriber = NewsSubscriber.objects.filter(email_canonical=canonical).first()
    if subscriber:
        data["news"] = {
            "email": subscriber.email,
            "first_name": subscriber.first_name,
            "last_name": subscriber.last_name,
            "subscribed_at": subscriber.consented_at.isoformat(),
            "consent": subscriber.consent_text,
        }
    if signer:
        data["signer"] = {
            "first_name": signer.first_name,
            "last_name": signer.last_name,
            "email": signer.email,
            "postcode": signer.postcode,
            "country": str(signer.country.name),
            "first_signed_at": signer.created_at.isoformat(),
            "confirmed_at": signer.confirmed_at.isoformat() if signer.confirmed_at else None,
        }
        for signature in signer.signatures.select_related("petition__case__campaign").order_by("created_at"):
            data["signatures"].append(
                {
                    "petition": signature.petition.case.person_name,
                    "campaign": signature.petition.case.campaign.year,
                    "signed_at": signature.created_at.isoformat(),
                    "confirmed_at": signature.confirmed_at.isoformat() if signature.confirmed_at else None,
                    "consent": signature.consent_text,
                    "consent_version": signature.consent_version,
                }
            )
    for order in orders:
        marathon = getattr(order, "marathon", None)
        data["kit_orders"].append(
            {
                "reference": order.reference,
                "campaign": order.campaign.year,
                "ordered_at": order.created_at.isoformat(),
                "who": order.get_kind_display(),
                "contact_name": order.contact_name,
                "email": order.email,
                "phone": order.phone,
                "organisation": order.organisation_name,
                "address": order.address_lines,
                "writers": order.writers,
                "note": order.note,
                "status": order.get_status_display(),
                "marathon": (
                    {"date": marathon.date.isoformat(), "town": marathon.town, "public": marathon.is_public}
                    if marathon
                    else None
                ),
            }
        )
    return data


@transaction.atomic
def personal_data_erase(*, email: str) -> dict[str, int]:
    """Erase everything held under this address: signatures, the news subscription, kit
    orders and their marathons, the links' own requests. Counts stay, anonymous."""
    canonical, signer, orders = _same_person(email)
    news_unsubscribe(email=email)
    if signer:
        signer_erase(signer=signer)
    for order in orders:
        kit_order_erase(order_id=order.pk)
    requests = [
        request.pk
        for request in PersonalDataRequest.objects.filter(email__iendswith="@" + canonical.rpartition("@")[2])
        if canonical_email(request.email) == canonical
    ]
    PersonalDataRequest.objects.filter(pk__in=requests).delete()
    return {"signer": int(bool(signer)), "kit_orders": len(orders)}
