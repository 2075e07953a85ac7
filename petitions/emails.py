"""The e-mail signers receive: the double opt-in, listing the petitions to confirm."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Sequence

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from cases.models import Case
from marathon.lib.mail import absolute_url
from marathon.outbox import kinds
from petitions.models import Signature, Signer
from petitions.tokens import Purpose, signer_token

CONFIRM = "petitions.confirm"


def signer_links(signer: Signer) -> dict[str, str]:
    return {
        "confirm_url": absolute_url(
            _path("petitions:confirm").replace(
                _TOKEN, signer_token(signer=signer, purpose=Purpose.CONFIRM_SIGNATURES)
            )
        ),
        "erase_url": absolute_url(
            _path("petitions:erase").replace(
                _TOKEN, signer_token(signer=signer, purpose=Purpose.ERASE_SIGNER)
            )
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
    """The confirmation e-mails of a chunk of signers, in three queries whatever its size.

    A signer erased, or with nothing left to confirm, gets none. The cases are read once
    for the chunk (there are ten), with only what the e-mail names.
    """
    signers = {
        signer.pk: signer for signer in Signer.objects.filter(pk__in=signer_ids, erased_at__isnull=True)
    }
    pending: dict[int, list[int]] = defaultdict(list)
    for signer_id, case_id in (
        Signature.objects.pending()
        .filter(signer_id__in=signers)
        .order_by("pk")
        .values_list("signer_id", "petition__case_id")
    ):
        pending[signer_id].append(case_id)
    wanted = {case_id for case_ids in pending.values() for case_id in case_ids}
    cases = Case.objects.only("person_name", "country", "country_label").in_bulk(wanted)
    # What each e-mail shows of a case, worked out once per case, not per e-mail.
    shown = {case.pk: (case.pk, case.person_name, case.place) for case in cases.values()}
    envelopes: dict[int, kinds.Envelope | None] = {}
    for signer_id, case_ids in pending.items():
        signer = signers[signer_id]
        named = [cases[case_id] for case_id in case_ids]
        days = settings.PETITIONS_CONFIRM_LINK_DAYS
        envelopes[signer_id] = kinds.Envelope(
            to=signer.email,
            context={"cases": named, "days": days},
            personal={"first_name": signer.first_name, **signer_links(signer)},
            # Written once for everyone who signed for the same people (as named now).
            same_for=(tuple(shown[case_id] for case_id in case_ids), days),
        )
    return envelopes


# A person is waiting for this one on the page that said "check your mailbox".
kinds.register(
    kinds.EmailKind(name=CONFIRM, template="petitions/email/confirm", envelopes=_confirmations, urgent=True)
)
