"""Signed links sent by e-mail, and signed tokens put in a page: one purpose each, a
lifetime each, typed errors.

A link carries a small payload (a random key, never an e-mail address) and the time it
was made, signed with SECRET_KEY under a salt that is its purpose: a link made for one
purpose is refused for another. The salts are those the links were first made with, so
links already sent keep working.
"""

from __future__ import annotations

import enum
from typing import Any

from django.conf import settings
from django.core import signing


class Purpose(enum.StrEnum):
    CONFIRM_SIGNATURES = "petitions.confirm"
    ERASE_SIGNER = "petitions.erase"
    MARATHON_REPORT = "kits.marathon-report"
    MARATHON_EDIT = "kits.marathon-edit"
    KIT_ORDER_NOT_ME = "kits.not-me"
    KIT_REMINDERS_STOP = "kits.reminders-stop"
    NEWS_UNSUBSCRIBE = "petitions.news-unsubscribe"
    PERSONAL_DATA = "marathon.personal-data"
    # Not a link: the question a form asks past a connection's soft limit (lib/proof.py).
    FORM_PROOF = "marathon.form-proof"


DAY, MINUTE = 86400, 60

# The setting that holds each purpose's lifetime, and its unit in seconds.
_LIFETIME_SETTING = {
    Purpose.CONFIRM_SIGNATURES: ("PETITIONS_CONFIRM_LINK_DAYS", DAY),
    Purpose.ERASE_SIGNER: ("PETITIONS_ERASE_LINK_DAYS", DAY),
    Purpose.MARATHON_REPORT: ("MARATHON_REPORT_LINK_DAYS", DAY),
    Purpose.MARATHON_EDIT: ("MARATHON_REPORT_LINK_DAYS", DAY),
    Purpose.KIT_ORDER_NOT_ME: ("KIT_ORDER_NOT_ME_LINK_DAYS", DAY),
    Purpose.KIT_REMINDERS_STOP: ("KIT_REMINDERS_STOP_LINK_DAYS", DAY),
    Purpose.NEWS_UNSUBSCRIBE: ("NEWS_UNSUBSCRIBE_LINK_DAYS", DAY),
    Purpose.PERSONAL_DATA: ("PERSONAL_DATA_LINK_DAYS", DAY),
    Purpose.FORM_PROOF: ("FORM_PROOF_MINUTES", MINUTE),
}


class LinkError(Exception):
    """The link was altered, made for another purpose, or names nothing any more."""


class LinkExpired(LinkError):
    pass


def lifetime_seconds(purpose: Purpose) -> int:
    name, unit = _LIFETIME_SETTING[purpose]
    return int(getattr(settings, name)) * unit


def make_token(payload: Any, *, purpose: Purpose) -> str:
    return signing.dumps(payload, salt=str(purpose), compress=False)


def read_token(token: str, *, purpose: Purpose) -> Any:
    """The payload of a link made for this purpose; LinkExpired or LinkError otherwise."""
    try:
        return signing.loads(token, salt=str(purpose), max_age=lifetime_seconds(purpose))
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except signing.BadSignature as error:
        raise LinkError from error
