"""The consent a signer gives, shown above the button and stored with each signature.

Change the wording only together with the version: each signature keeps the text and
version it was given under.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext_lazy as _

CONSENT_VERSION = "2021-1"
CONSENT_TEXT = _(
    "I sign this petition. My first and last name, postcode and country will be printed "
    "on the list handed to the embassy of the country concerned in Brussels. My e-mail "
    "address is used only to confirm my signature and is never handed over. Unconfirmed "
    "signatures are deleted after 7 days."
)


NEWS_CONSENT_TEXT = _("I would like to receive news from the organisation by e-mail.")


def news_consent_text_fr() -> str:
    """The news box's words as the signer read them, kept with their subscription."""
    with translation.override("fr"):
        return str(NEWS_CONSENT_TEXT)


def consent_text_fr() -> str:
    """The text as the signer read it (the site is in French)."""
    with translation.override("fr"):
        return str(CONSENT_TEXT)
