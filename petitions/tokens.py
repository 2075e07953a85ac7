"""Signed links in e-mails: confirm one's signatures, erase one's data.

A token carries the signer's random key (not its id) and the time it was made,
signed with SECRET_KEY. Erasure gives the signer a new key, so every older link
stops working.
"""

from __future__ import annotations

import enum

from django.conf import settings
from django.core import signing

from petitions.models import Signer


class Purpose(enum.StrEnum):
    CONFIRM = "petitions.confirm"
    ERASE = "petitions.erase"


class TokenError(Exception):
    pass


class TokenExpired(TokenError):
    pass


def make_token(*, signer: Signer, purpose: Purpose) -> str:
    return signing.dumps(signer.key.hex, salt=str(purpose), compress=False)


def max_age(purpose: Purpose) -> int:
    if purpose is Purpose.CONFIRM:
        return settings.PETITIONS_CONFIRM_LINK_DAYS * 86400
    return settings.PETITIONS_ERASE_LINK_DAYS * 86400


def signer_from_token(token: str, *, purpose: Purpose) -> Signer:
    """The signer a link was made for; TokenExpired or TokenError when it cannot be used."""
    try:
        key = signing.loads(token, salt=str(purpose), max_age=max_age(purpose))
    except signing.SignatureExpired as error:
        raise TokenExpired from error
    except signing.BadSignature as error:
        raise TokenError from error
    signer = Signer.objects.filter(key=key, erased_at__isnull=True).first()
    if signer is None:
        raise TokenError
    return signer
