"""The e-mail signers receive: the double opt-in, listing the petitions to confirm."""

from __future__ import annotations

import functools
import uuid
from collections import defaultdict
from collections.abc import Sequence

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from cases.models import Case
from marathon.lib.mail import absolute_url
from marathon.outbox import kinds
from petitions.models import Signature
from petitions.tokens import Purpose, signer_key_token

CONFIRM = "petitions.confirm"


def signer_links(key: uuid.UUID) -> dict[str, str]:
    """The confirmation e-mail's two links, for the signer with this key."""
    return {
        "confirm_url": absolute_url(
            _path("petitions:confirm").replace(
                _TOKEN, signer_key_token(key, purpose=Purpose.CONFIRM_SIGNATURES)
            )
        ),
        "erase_url": absolute_url(
            _path("petitions:erase").replace(_TOKEN, signer_key_token(key, purpose=Purpose.ERASE_SIGNER))
        ),
    }


# Two reverse() per confirmation were a tenth of a worker's CPU for it: each address is
# resolved once per language, and the token (letters, digits, "-_:", which reverse()
# leaves as they are) put in.
_TOKEN = "signertoken"  # noqa: S105 (a placeholder, not a secret)


@functools.lru_cache(maxsize=32)
def _path_in(name: str, language: str | None) -> str:
    return reverse(name, args=[_TOKEN])


def _path(name: str) -> str:
    return _path_in(name, translation.get_language())


def _confirmations(signer_ids: Sequence[int]) -> dict[int, kinds.Envelope | None]:
    """The confirmation e-mails of a chunk of signers, in two queries whatever its size.

    A signer erased, or with nothing left to confirm, gets none. The cases are read once
    for the chunk (there are ten), with only what the e-mail names. Rows, not models: making
    a Signer for each e-mail was a tenth of a worker's CPU for it.
    """
    signers: dict[int, tuple[str, str, uuid.UUID]] = {}  # e-mail, first name, key
    pending: dict[int, list[int]] = defaultdict(list)  # the cases each signer is to confirm
    for signer_id, email, first_name, key, case_id in (
        Signature.objects.pending()
        .filter(signer_id__in=signer_ids, signer__erased_at__isnull=True)
        .order_by("pk")
        .values_list("signer_id", "signer__email", "signer__first_name", "signer__key", "petition__case_id")
    ):
        signers[signer_id] = (email, first_name, key)
        pending[signer_id].append(case_id)
    wanted = {case_id for case_ids in pending.values() for case_id in case_ids}
    cases = Case.objects.only("person_name", "country", "country_label").in_bulk(wanted)
    # What each e-mail shows of a case, worked out once per case, not per e-mail.
    shown = {case.pk: (case.pk, case.person_name, case.place) for case in cases.values()}
    days = settings.PETITIONS_CONFIRM_LINK_DAYS
    envelopes: dict[int, kinds.Envelope | None] = {}
    for signer_id, case_ids in pending.items():
        email, first_name, key = signers[signer_id]
        envelopes[signer_id] = kinds.Envelope(
            to=email,
            context={"cases": [cases[case_id] for case_id in case_ids], "days": days},
            personal={"first_name": first_name, **signer_links(key)},
            # Written once for everyone who signed for the same people (as named now).
            same_for=(tuple(shown[case_id] for case_id in case_ids), days),
        )
    return envelopes


# A person is waiting for this one on the page that said "check your mailbox".
kinds.register(
    kinds.EmailKind(name=CONFIRM, template="petitions/email/confirm", envelopes=_confirmations, urgent=True)
)
