from __future__ import annotations

import datetime
import logging
import uuid

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from marathon.models import DataAccessLog, PersonalDataRequest
from petitions.addresses import canonical_email

logger = logging.getLogger("marathon.data_access")

LINK_SALT = "marathon.personal-data"


def data_access_record(*, user, action: str, what: str, rows: int | None = None) -> DataAccessLog:
    """Log an export or download of personal data, in the database and the logs."""
    username = getattr(user, "get_username", lambda: "")() or "—"
    entry = DataAccessLog.objects.create(
        user=user if getattr(user, "pk", None) else None,
        username=username,
        action=action,
        what=what,
        rows=rows,
    )
    logger.info("personal data access: %s %s %s (%s rows)", username, action, what, rows)
    return entry


# --- A person's own data: see it, take it away, erase it ---------------------------------


def personal_data_token(request: PersonalDataRequest) -> str:
    return signing.dumps(request.key.hex, salt=LINK_SALT, compress=False)


def personal_data_request_from_token(token: str) -> PersonalDataRequest | None:
    """The request a link was made for, or None if the link is forged, expired or used up."""
    try:
        key = signing.loads(token, salt=LINK_SALT, max_age=settings.PERSONAL_DATA_LINK_DAYS * 86400)
    except signing.BadSignature:
        return None
    try:
        return PersonalDataRequest.objects.filter(key=uuid.UUID(key)).first()
    except ValueError:
        return None


@transaction.atomic
def personal_data_request_create(*, email: str) -> PersonalDataRequest:
    """Record the request, then queue the e-mail with the links (the sweep catches up if Redis is down)."""
    from marathon.tasks import send_personal_data_links

    request = PersonalDataRequest.objects.create(email=email)

    def send() -> None:
        send_personal_data_links.delay(request.pk)

    transaction.on_commit(send, robust=True)
    return request


def personal_data_request_send(*, request_id: int) -> bool:
    """Send the links once; safe to run twice (a second run finds it sent)."""
    with transaction.atomic():
        request = (
            PersonalDataRequest.objects.select_for_update()
            .filter(pk=request_id, sent_at__isnull=True)
            .first()
        )
        if request is None:
            return False
        personal_data_email(request).send()
        request.sent_at = timezone.now()
        request.save(update_fields=["sent_at"])
    return True


def personal_data_email(request: PersonalDataRequest) -> EmailMultiAlternatives:
    context = {
        "manage_url": settings.SITE_URL
        + reverse("personal-data-manage", args=[personal_data_token(request)]),
        "days": settings.PERSONAL_DATA_LINK_DAYS,
        "organisation_name": settings.ORGANISATION_NAME,
        "privacy_contact_email": settings.PRIVACY_CONTACT_EMAIL,
    }
    with translation.override("fr"):
        subject = " ".join(render_to_string("marathon/email/personal_data_subject.txt", context).split())
        text = render_to_string("marathon/email/personal_data.txt", context)
        html = render_to_string("marathon/email/personal_data.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[request.email])
    message.attach_alternative(html, "text/html")
    # One Message-ID per request: a resend after a crash is the same message.
    message.extra_headers["Message-ID"] = (
        f"<personal-data-{request.key.hex}@{settings.SITE_URL.split('//')[-1]}>"
    )
    return message


def personal_data_requests_sweep(*, now: datetime.datetime | None = None) -> int:
    """Periodic: send what a broker outage held back; forget requests whose links expired."""
    from marathon.tasks import send_personal_data_links

    now = now or timezone.now()
    PersonalDataRequest.objects.filter(
        created_at__lt=now - datetime.timedelta(days=settings.PERSONAL_DATA_LINK_DAYS)
    ).delete()
    due = list(
        PersonalDataRequest.objects.filter(
            sent_at__isnull=True, created_at__lt=now - datetime.timedelta(minutes=1)
        ).values_list("pk", flat=True)[:500]
    )
    for pk in due:
        send_personal_data_links.delay(pk)
    return len(due)


def _same_person(email: str):
    """Every record, in every app, held under this e-mail address (same canonical form)."""
    from kits.models import KitOrder
    from petitions.models import Signer

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
    _canonical, signer, orders = _same_person(email)
    data: dict = {"email": email, "signer": None, "signatures": [], "kit_orders": []}
    if signer:
        data["signer"] = {
            "first_name": signer.first_name,
            "last_name": signer.last_name,
            "email": signer.email,
            "postcode": signer.postcode,
            "country": str(signer.country.name),
            "wants_news": signer.news_opt_in,
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
    """Erase everything held under this address: signatures, kit orders and their marathons,
    the links' own requests. Counts stay, anonymous."""
    from kits.services import kit_order_erase
    from marathon.tally.services import handover_packs_refresh_for_signer
    from petitions.services import signer_erase

    canonical, signer, orders = _same_person(email)
    if signer:
        signer_erase(signer=signer)
        # The embassies' packs list signers by name: made again without this one.
        handover_packs_refresh_for_signer(signer_id=signer.pk)
    for order in orders:
        kit_order_erase(order_id=order.pk)
    requests = [
        request.pk
        for request in PersonalDataRequest.objects.filter(email__iendswith="@" + canonical.rpartition("@")[2])
        if canonical_email(request.email) == canonical
    ]
    PersonalDataRequest.objects.filter(pk__in=requests).delete()
    return {"signer": int(bool(signer)), "kit_orders": len(orders)}
