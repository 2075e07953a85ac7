"""The signer behind a link of the e-mails: confirm one's signatures, erase one's data.

A link carries the signer's random key (not its id); erasure gives the signer a new key,
so every older link stops working. Signing and lifetimes are marathon.lib.links'.
"""

from __future__ import annotations

import uuid

from marathon.lib.links import LinkError, LinkExpired, Purpose, make_token, read_token
from petitions.models import NewsSubscriber, Signer

__all__ = ["LinkError", "LinkExpired", "Purpose", "signer_from_token", "signer_token"]


def signer_token(*, signer: Signer, purpose: Purpose) -> str:
    return signer_key_token(signer.key, purpose=purpose)


def signer_key_token(key: uuid.UUID, *, purpose: Purpose) -> str:
    """The same, from the signer's key alone (a chunk of e-mails reads no Signer)."""
    return make_token(key.hex, purpose=purpose)


def news_unsubscribe_token(subscriber: NewsSubscriber) -> str:
    return make_token(subscriber.key.hex, purpose=Purpose.NEWS_UNSUBSCRIBE)


def news_subscriber_from_token(token: str) -> NewsSubscriber | None:
    """The subscriber an unsubscribe link is for; None if altered or already unsubscribed."""
    try:
        key = read_token(token, purpose=Purpose.NEWS_UNSUBSCRIBE)
    except LinkError:
        return None
    return NewsSubscriber.objects.filter(key=key).first() if isinstance(key, str) else None


def signer_from_token(token: str, *, purpose: Purpose) -> Signer:
    """The signer a link was made for; LinkExpired or LinkError when it cannot be used."""
    key = read_token(token, purpose=purpose)
    signer = Signer.objects.filter(key=key, erased_at__isnull=True).first() if isinstance(key, str) else None
    if signer is None:
        raise LinkError
    return signer
