from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from marathon.lib.addresses import canonical_email, check_domain


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("Anne.Dupont@Example.ORG", "anne.dupont@example.org"),
        ("  anne@example.org ", "anne@example.org"),
        ("anne+marathon@example.org", "anne@example.org"),
        ("anne+a+b@example.org", "anne@example.org"),
        ("jean.dupont@gmail.com", "jean.dupont@gmail.com"),
        ("Straße@bücher.be", "strasse@xn--bcher-kva.be"),
        ("+tag@example.org", "+tag@example.org"),
    ],
)
def test_it_makes_one_canonical_address_per_mailbox(typed, canonical):
    assert canonical_email(typed) == canonical


def test_dots_still_make_different_people():
    assert canonical_email("jean.dupont@example.be") != canonical_email("jeandupont@example.be")


@pytest.mark.parametrize(
    "address", ["anne@localhost", "anne@example.test", "anne@mail.invalid", "anne@host.123", "anne@a..be"]
)
def test_it_refuses_domains_that_cannot_receive_mail(address):
    with pytest.raises(ValidationError):
        check_domain(address)


def test_it_suggests_the_domain_meant_on_a_common_typo():
    with pytest.raises(ValidationError) as error:
        check_domain("anne@gmial.com")
    assert error.value.params == {"address": "anne@gmail.com"}


@pytest.mark.parametrize("address", ["anne@example.org", "anne@skynet.be", "anne@bücher.be"])
def test_it_accepts_ordinary_domains(address):
    check_domain(address)


def test_limits_see_one_mailbox_behind_gmails_dot_and_domain_variants():
    from marathon.lib.addresses import mailbox_key

    assert (
        mailbox_key("J.e.a.n.Dupont+x@GoogleMail.com")
        == mailbox_key("jeandupont@gmail.com")
        == "jeandupont@gmail.com"
    )
    # Elsewhere dots are separate people (the module docstring says why).
    assert mailbox_key("jean.dupont@skynet.be") != mailbox_key("jeandupont@skynet.be")
