from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from marathon.tally.forms import count_field_name
from marathon.tally.models import LetterBatch, LetterBatchLine
from tests.kits.helpers import make_kit_order
from tests.tally.conftest import desk_data, make_batch, make_counter

pytestmark = pytest.mark.django_db

DESK = "/fr/comptage/"


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, cases):
    response = client.get(DESK)
    assert response.status_code == 302
    # The desk's own sign-in: volunteers have no staff account.
    assert response["Location"] == "/fr/comptage/connexion/?next=/fr/comptage/"


def test_a_signed_in_user_without_the_counters_group_is_refused(client, django_user_model, cases):
    user = django_user_model.objects.create_user("curieux", password="a-long-password-42", is_staff=True)
    client.force_login(user)
    assert client.get(DESK).status_code == 403
    assert client.post(DESK, desk_data({(cases[0], "letter"): 3})).status_code == 403
    assert not LetterBatch.objects.exists()


def test_the_migration_made_a_counters_group_with_only_the_desk_permission(db):
    group = Group.objects.get(name="counters")
    assert [f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()] == [
        "tally.use_counting_desk"
    ]


def test_a_counter_and_a_superuser_can_use_the_desk(client, counter, staff_client, cases):
    assert staff_client.get(DESK).status_code == 200
    client.force_login(counter)
    response = client.get(DESK)
    assert response.status_code == 200
    assert "Zhang Zhan" in response.content.decode()


def test_the_desk_has_a_number_field_per_case_and_kind_and_the_focus_on_the_first(counter_client, cases):
    html = counter_client.get(DESK).content.decode()
    for case in cases:
        for kind in ("letter", "card", "signature"):
            assert f'name="{count_field_name(case.pk, kind)}"' in html
    first = count_field_name(cases[0].pk, "letter")
    assert html.count("autofocus") == 1
    assert (
        f'name="{first}" inputmode="numeric" autocomplete="off" class="form-control count-input" autofocus'
        in html
    )
    assert f'value="{timezone.localdate().isoformat()}"' in html


def test_a_mixed_envelope_is_one_batch_with_a_line_per_case_and_kind(
    counter_client, counter, cases, campaign
):
    zhang, bernardo, _idris = cases
    order = make_kit_order(campaign=campaign, reference="MDL-7KQ4")
    data = desk_data(
        {(zhang, "letter"): 12, (zhang, "card"): 3, (bernardo, "signature"): 40},
        sender_kind="school",
        kit_order_reference=" mdl-7kq4 ",
        note="Classe de 5e B",
    )
    response = counter_client.post(DESK, data)

    assert response.status_code == 302
    assert response["Location"] == DESK
    batch = LetterBatch.objects.get()
    assert (batch.campaign, batch.recorded_by, batch.sender_kind) == (campaign, counter, "school")
    assert batch.kit_order_reference == "MDL-7KQ4" and batch.kit_order == order
    assert batch.note == "Classe de 5e B"
    assert batch.received_on == timezone.localdate()
    assert sorted(batch.lines.values_list("case__person_name", "kind", "count")) == [
        ("Bernardo Caal Xol", "signature", 40),
        ("Zhang Zhan", "card", 3),
        ("Zhang Zhan", "letter", 12),
    ]


def test_the_same_form_sent_twice_is_counted_once(counter_client, cases):
    data = desk_data({(cases[0], "letter"): 5})
    counter_client.post(DESK, data)
    response = counter_client.post(DESK, data, follow=True)
    assert LetterBatch.objects.count() == 1
    assert "déjà été enregistrée" in response.content.decode()


def test_a_batch_received_after_the_deadline_is_counted_and_flagged_late(counter_client, cases, campaign):
    campaign.letters_deadline = timezone.localdate() - datetime.timedelta(days=2)
    campaign.save()
    counter_client.post(DESK, desk_data({(cases[0], "letter"): 7}))
    on_time_day = (campaign.letters_deadline).isoformat()
    counter_client.post(DESK, desk_data({(cases[0], "letter"): 5}, received_on=on_time_day))

    late, on_time = LetterBatch.objects.order_by("id")
    assert late.is_late and not on_time.is_late
    assert list(LetterBatch.objects.late()) == [late]
    html = counter_client.get(DESK).content.decode()
    # Both are in the campaign's totals; the desk shows the last one.
    assert '<tfoot><tr><th scope="row">Total</th><td>12</td>' in html


def test_the_desk_flags_the_last_envelope_when_it_came_late(counter_client, cases, campaign):
    campaign.letters_deadline = timezone.localdate() - datetime.timedelta(days=1)
    campaign.save()
    counter_client.post(DESK, desk_data({(cases[0], "letter"): 7}))
    html = counter_client.get(DESK).content.decode()
    assert "En retard" in html
    assert "comptée et signalée" in html


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-3", "Un nombre ne peut pas être négatif."),
        ("douze", "Tapez un nombre entier, par exemple 12."),
        ("1000000", "Plus de 5\xa0000 dans une seule enveloppe ?"),
        ("1 000 000", "Plus de 5\xa0000 dans une seule enveloppe ?"),
    ],
)
def test_a_bad_number_is_refused_with_a_french_message_and_nothing_is_saved(
    counter_client, cases, typed, message
):
    field = count_field_name(cases[1].pk, "card")
    data = desk_data({(cases[0], "letter"): 4}, **{field: typed}, note="Gardez-moi")
    response = counter_client.post(DESK, data)

    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert not LetterBatch.objects.exists()
    # What was typed stays, and the cursor goes to the field to correct.
    assert 'value="Gardez-moi"' in html
    assert f'name="{count_field_name(cases[0].pk, "letter")}" value="4"' in html
    assert f'name="{field}" value="{typed}"' in html
    assert html.count("autofocus") == 1
    assert f'is-invalid" autofocus aria-invalid="true" aria-describedby="id_{field}_error"' in html
    assert f'id="id_{field}_error"' in html


def test_an_envelope_of_many_fields_over_the_cap_in_total_is_refused(counter_client, cases):
    data = desk_data({(cases[0], "letter"): 3000, (cases[1], "letter"): 3000})
    response = counter_client.post(DESK, data)
    assert response.status_code == 400
    assert "Plus de 5\xa0000 dans une seule enveloppe ?" in response.content.decode()
    assert not LetterBatch.objects.exists()


def test_the_cap_allows_a_full_envelope(counter_client, cases):
    counter_client.post(DESK, desk_data({(cases[0], "letter"): 5000}))
    assert LetterBatchLine.objects.get().count == 5000


def test_an_empty_envelope_is_refused(counter_client, cases):
    response = counter_client.post(DESK, desk_data({(cases[0], "letter"): 0}))
    assert response.status_code == 400
    assert "Cette enveloppe est vide : tapez au moins un nombre." in response.content.decode()
    assert not LetterBatch.objects.exists()


def test_a_date_in_the_future_is_refused(counter_client, cases):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = counter_client.post(
        DESK, desk_data({(cases[0], "letter"): 2}, received_on=tomorrow.isoformat())
    )
    assert response.status_code == 400
    assert "La date de réception ne peut pas être dans le futur." in response.content.decode()
    assert not LetterBatch.objects.exists()


def test_a_malformed_kit_order_reference_is_refused(counter_client, cases):
    response = counter_client.post(DESK, desk_data({(cases[0], "letter"): 2}, kit_order_reference="<script>"))
    assert response.status_code == 400
    assert "Une référence de commande de kit" in response.content.decode()
    assert not LetterBatch.objects.exists()


def test_the_desk_shows_the_campaign_totals_and_this_volunteers_day(counter_client, counter, cases, campaign):
    zhang, bernardo, _idris = cases
    colleague = make_counter("collegue")
    make_batch(
        campaign=campaign, recorded_by=colleague, counts={(zhang, "letter"): 100, (bernardo, "card"): 9}
    )
    make_batch(
        campaign=campaign, recorded_by=counter, counts={(zhang, "letter"): 20, (zhang, "signature"): 4}
    )
    make_batch(campaign=campaign, recorded_by=counter, counts={(bernardo, "letter"): 1})
    yesterday = make_batch(campaign=campaign, recorded_by=counter, counts={(bernardo, "letter"): 50})
    LetterBatch.objects.filter(pk=yesterday.pk).update(created_at=timezone.now() - datetime.timedelta(days=1))

    response = counter_client.get(DESK)
    totals = response.context["totals"]
    assert [(row["case"].person_name, row["counts"]) for row in totals["rows"]] == [
        ("Zhang Zhan", [120, 0, 4]),
        ("Bernardo Caal Xol", [51, 9, 0]),
        ("Idris Khattak", [0, 0, 0]),
    ]
    assert totals["by_kind"] == [171, 9, 4]
    my_day = response.context["my_day"]
    assert my_day["envelopes"] == 2
    assert [n for _kind, n in my_day["by_kind"]] == [21, 0, 4]
    html = response.content.decode()
    assert "Votre comptage aujourd’hui" in html
    assert '<tfoot><tr><th scope="row">Total</th><td>171</td><td>9</td><td>4</td></tr></tfoot>' in html


def test_the_date_chosen_is_kept_for_the_next_envelope_the_same_day(counter_client, cases):
    monday = timezone.localdate() - datetime.timedelta(days=3)
    counter_client.post(DESK, desk_data({(cases[0], "letter"): 1}, received_on=monday.isoformat()))
    html = counter_client.get(DESK).content.decode()
    assert f'value="{monday.isoformat()}"' in html


def test_without_a_current_campaign_the_desk_says_so(counter_client, campaign):
    campaign.is_current = False
    campaign.save()
    response = counter_client.get(DESK)
    assert response.status_code == 404
    assert "Aucune campagne n’est en cours" in response.content.decode()
