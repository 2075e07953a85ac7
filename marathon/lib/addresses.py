"""E-mail addresses: the canonical form that identifies a signer, and domain checks.

One signer is one canonical address. The canonical form is:

- the whole address Unicode-normalised (NFKC) and case-folded, local part included.
  RFC 5321 allows a case-sensitive local part, but no mail provider a supporter uses
  treats ``Anne@`` and ``anne@`` as two mailboxes;
- the domain in its ASCII (IDNA) form, so ``bücher.be`` and ``xn--bcher-kva.be`` match;
- a ``+tag`` removed from the local part: ``anne+marathon@example.be`` is
  ``anne@example.be``. Gmail, Outlook, Proton, iCloud, Fastmail and most Belgian
  providers deliver ``+tag`` mail to the untagged mailbox, so keeping tags would let
  one person sign ten times. The rare provider where ``+`` is an ordinary character
  would see two people merged into one signer; the second would get the same
  confirmation e-mail, at the address the first typed. We accept that.

Dots are kept (only Gmail ignores them, and ``jean.dupont`` and ``jeandupont`` are
different people at most providers). The address as typed, tag included, is what
e-mails are sent to.
"""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Top-level domains that can never receive mail (RFC 2606 and RFC 6761).
RESERVED_TLDS = {"test", "example", "invalid", "localhost", "local", "internal"}

# Frequent slips on the providers Belgian supporters use, and what was meant.
DOMAIN_TYPOS = {
    "gmail.con": "gmail.com",
    "gmail.co": "gmail.com",
    "gmail.fr": "gmail.com",
    "gmial.com": "gmail.com",
    "gmai.com": "gmail.com",
    "gmal.com": "gmail.com",
    "gamil.com": "gmail.com",
    "gnail.com": "gmail.com",
    "hotmail.con": "hotmail.com",
    "hotmial.com": "hotmail.com",
    "hotmal.com": "hotmail.com",
    "hotmai.com": "hotmail.com",
    "hotmail.bé": "hotmail.be",
    "outlok.com": "outlook.com",
    "outlook.con": "outlook.com",
    "yahoo.con": "yahoo.com",
    "yahooo.fr": "yahoo.fr",
    "skynet.bé": "skynet.be",
    "telenet.bé": "telenet.be",
    "proximus.bé": "proximus.be",
    "icloud.con": "icloud.com",
}


def ascii_domain(domain: str) -> str:
    """The domain in lower-case ASCII (IDNA), or raise ValidationError."""
    domain = unicodedata.normalize("NFKC", domain).strip().rstrip(".").casefold()
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError as error:
        raise ValidationError(_("This e-mail domain is not valid."), code="bad_domain") from error


def canonical_email(address: str) -> str:
    """The form that identifies a signer (see the module docstring)."""
    local, _at, domain = unicodedata.normalize("NFKC", address).strip().rpartition("@")
    local = local.casefold()
    untagged = local.split("+", 1)[0]
    return f"{untagged or local}@{ascii_domain(domain)}"


# Providers that deliver every dot variant of a local part to one mailbox, and the
# domain names each answers to.
DOTS_IGNORED = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}


def mailbox_key(address: str) -> str:
    """The mailbox mail to this address reaches, as far as limits need to know.

    The canonical form, and for a provider that ignores dots (Gmail), no dots: eleven
    dot variants of one Gmail address are one mailbox to limit, though they stay
    separate signers (the module docstring says why).
    """
    canonical = canonical_email(address)
    local, _at, domain = canonical.rpartition("@")
    if domain in DOTS_IGNORED:
        return f"{local.replace('.', '')}@{DOTS_IGNORED[domain]}"
    return canonical


def check_domain(address: str) -> None:
    """Refuse domains that cannot receive mail or that are an obvious typo.

    No DNS lookup here: the web request must not wait on the network. A domain with
    no mail server simply never confirms, and its pending signatures are deleted
    after seven days.
    """
    local, _at, domain = address.rpartition("@")
    ascii = ascii_domain(domain)
    labels = ascii.split(".")
    if len(labels) < 2 or not all(labels):
        raise ValidationError(_("This e-mail domain is not valid."), code="bad_domain")
    tld = labels[-1]
    if tld in RESERVED_TLDS or not (tld.isalpha() or tld.startswith("xn--")):
        raise ValidationError(_("This e-mail domain cannot receive mail."), code="reserved_domain")
    meant = DOMAIN_TYPOS.get(unicodedata.normalize("NFKC", domain).strip().casefold())
    if meant:
        raise ValidationError(
            _("Did you mean %(address)s? Please check the address."),
            params={"address": f"{local}@{meant}"},
            code="typo_domain",
        )
