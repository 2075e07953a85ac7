from __future__ import annotations

import time
from unittest import mock

from petitions.models import Signature
from petitions.tokens import Purpose, signer_token
from tests.petitions.conftest import confirm, last_mail, link_from, on_commit_runs, sign, sign_all, signer


def test_opening_the_link_confirms_nothing_until_the_button_is_pressed(client, petition):
    sign(client, petition)

    page = client.get(link_from(last_mail(), "confirmer"))

    assert page.status_code == 200
    content = page.content.decode()
    # One wording, in the e-mail, on the check-mailbox page and on this button.
    assert "Confirmer ma signature" in content and "Je confirme" not in content
    assert petition.case.person_name in content
    assert Signature.objects.get().confirmed_at is None


def test_pressing_i_confirm_confirms_every_pending_signature(client, ten_petitions):
    sign_all(client, ten_petitions[:4])
    sign(client, ten_petitions[4])

    response = confirm(client)

    assert response.status_code == 302
    assert response["Location"] == "/fr/petitions/merci/"
    assert Signature.objects.counted().count() == 5
    assert signer().confirmed_at is not None


def test_the_thank_you_page_invites_to_sign_the_others_and_to_share(client, ten_petitions):
    sign_all(client, ten_petitions[:3])
    confirm(client)

    content = client.get("/fr/petitions/merci/").content.decode()

    assert "Merci" in content
    for petition in ten_petitions[3:]:
        assert petition.case.person_name in content
    for petition in ten_petitions[:3]:
        assert f'href="{petition.case.get_absolute_url()}#petition"' not in content
    assert "/fr/petitions/signer-tout/" in content
    assert "wa.me" in content


def test_confirming_twice_changes_nothing(client, petition):
    sign(client, petition)
    confirm(client)
    confirmed_at = Signature.objects.get().confirmed_at

    second = confirm(client)

    assert second.status_code == 302
    assert Signature.objects.get().confirmed_at == confirmed_at


def test_a_tampered_link_is_refused_with_a_clear_page(client, petition):
    sign(client, petition)
    path = link_from(last_mail(), "confirmer")
    tampered = path[:-3] + ("A" if path[-3] != "A" else "B") + path[-2:]

    for response in (client.get(tampered), client.post(tampered)):
        assert response.status_code == 400
        assert "Ce lien n’est pas valide" in response.content.decode()
    assert Signature.objects.get().confirmed_at is None


def test_an_erase_link_cannot_be_used_to_confirm(client, petition):
    sign(client, petition)
    erase_token = link_from(last_mail(), "effacer").split("/")[-2]

    response = client.post(f"/fr/petitions/confirmer/{erase_token}/")

    assert response.status_code == 400
    assert Signature.objects.get().confirmed_at is None


def test_an_expired_link_is_refused_with_a_clear_page(client, petition):
    sign(client, petition)
    with mock.patch("time.time", return_value=time.time() - 8 * 86400):
        token = signer_token(signer=signer(), purpose=Purpose.CONFIRM_SIGNATURES)

    with on_commit_runs():
        response = client.post(f"/fr/petitions/confirmer/{token}/")

    assert response.status_code == 410
    assert "Ce lien a expiré" in response.content.decode()
    assert Signature.objects.get().confirmed_at is None


def test_an_invalidated_pending_signature_is_not_confirmed(client, petition):
    from petitions.services import signatures_invalidate

    sign(client, petition)
    signatures_invalidate(signatures=Signature.objects.all(), reason="flood")

    confirm(client)

    assert Signature.objects.counted().count() == 0
