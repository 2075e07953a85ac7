"""The e-mail signers receive: the double opt-in, listing the petitions to confirm."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from marathon.lib.mail import absolute_url
from marathon.outbox import kinds
from petitions.models import Signer
from petitions.tokens import Purpose, signer_token

CONFIRM = "petitions.confirm"


def signer_links(signer: Signer) -> dict[str, str]:
    return {
        "confirm_url": absolute_url(
            reverse(
                "petitions:confirm", args=[signer_token(signer=signer, purpose=Purpose.CONFIRM_SIGNATURES)]
            )
        ),
        "erase_url": absolute_url(
            reverse("petitions:erase", args=[signer_token(signer=signer, purpose=Purpose.ERASE_SIGNER)])
        ),
    }


def _confirmation(signer_id: int) -> kinds.Envelope | None:
    signer = Signer.objects.filter(pk=signer_id, erased_at__isnull=True).first()
    if signer is None:
        return None
    pending = list(signer.signatures.pending().select_related("petition__case"))
    if not pending:
        return None
    context = {
        "signer": signer,
        "cases": [signature.petition.case for signature in pending],
        "days": settings.PETITIONS_CONFIRM_LINK_DAYS,
        **signer_links(signer),
    }
    return kinds.Envelope(to=signer.email, context=context)


kinds.register(kinds.EmailKind(name=CONFIRM, template="petitions/email/confirm", envelope=_confirmation))
