"""The consent a signer gives, shown above the button and stored with each signature.

Change a wording only together with its version: each signature keeps the text and
version it was given under. One petition and the sign-all form each have their own
wording: the latter speaks of the petitions ticked and their embassies.
"""

from __future__ import annotations

from typing import NamedTuple

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Consent(NamedTuple):
    version: str
    text: Promise

    def text_in(self, language: str) -> str:
        """The text as the signer read it, in the language of the page they signed on."""
        with translation.override(language):
            return str(self.text)


# 2021-1, for both forms, spoke of "the embassy of the country concerned": the embassy is
# the one of the state the petition addresses (Case.handover_country).
ONE_PETITION = Consent(
    "2026-1",
    _(
        "I sign this petition. My first and last name, postcode and country will be printed on "
        "the list handed in Brussels to the embassy of the state whose authorities it addresses. "
        "My e-mail address is used only to confirm my signature and is never handed over. "
        "Unconfirmed signatures are deleted after 7 days."
    ),
)
PETITIONS_TICKED = Consent(
    "2026-1-all",
    _(
        "I sign the petitions I ticked. My first and last name, postcode and country will be "
        "printed on the list of each one, handed in Brussels to the embassy of the state whose "
        "authorities it addresses. My e-mail address is used only to confirm my signatures and "
        "is never handed over. Unconfirmed signatures are deleted after 7 days."
    ),
)


NEWS_CONSENT_TEXT = _("I would like to receive news from the organisation by e-mail.")


def news_consent_text(language: str) -> str:
    """The news box's words as the signer read them, kept with their subscription."""
    with translation.override(language):
        return str(NEWS_CONSENT_TEXT)
