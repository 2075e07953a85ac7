from __future__ import annotations

import datetime
import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from kits import links, services
from kits.models import KitOrder
from tests.e2e.conftest import admin_login, screenshot
from tests.factories import make_campaign, make_case
from tests.kits.helpers import make_kit_order

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def kit_campaign(db):
    campaign = make_campaign(letters_deadline=timezone.localdate() + datetime.timedelta(days=45))
    for n, name in enumerate(["Bernardo Caal Xol", "Zhang Zhan", "Mikita Zalatarou"]):
        make_case(campaign=campaign, person_name=name, slug=f"cas-{n}")
    return campaign


def field(page, label: str):
    """The form field with exactly this label (required fields add an asterisk; French puts a
    no-break space before ? and !)."""
    pattern = r"\s+".join(re.escape(word) for word in label.split())
    return page.get_by_label(re.compile(rf"^\s*{pattern}\s*\*?\s*$"))


def fill_individual_order(page, **overrides) -> None:
    values = {
        "Vos prénom et nom": "Léa Dupont",
        "E-mail": "lea@example.be",
        "Rue et numéro": "Rue de Fer 24",
        "Code postal": "5000",
        "Localité": "Namur",
        "Combien de personnes vont écrire ?": "2",
        **overrides,
    }
    for label, value in values.items():
        field(page, label).fill(value)


def test_a_teacher_orders_a_kit_for_a_class_with_a_marathon_and_sees_the_reference(page, kit_campaign):
    page.goto("/fr/")
    page.get_by_role("link", name="Je commande gratuitement mon kit").click()
    page.wait_for_url("**/fr/kit/commander/")

    page.get_by_label("Une classe").check()
    page.get_by_label("Nom de l’école ou de l’organisation").fill("École communale des Tilleuls, 6e A")
    page.get_by_label("10 à 14 ans").check()
    fill_individual_order(
        page, **{"Vos prénom et nom": "Sarah Lemaire", "Combien de personnes vont écrire ?": "24"}
    )
    marathon_day = timezone.localdate() + datetime.timedelta(days=12)
    page.locator("summary", has_text="Vous organisez un marathon des lettres").click()
    page.get_by_label("Date de votre marathon").fill(marathon_day.isoformat())
    page.get_by_label("L’annoncer sur notre page des prochains marathons", exact=False).check()
    page.get_by_label("J’accepte que mes coordonnées", exact=False).check()
    screenshot(page, "kit-order-form")
    page.get_by_role("button", name="Je commande gratuitement mon kit").click()

    reference = page.get_by_test_id("reference")
    assert re.fullmatch(r"MDL-[2-9A-Z]{4}", reference.inner_text())
    assert page.get_by_role("heading", level=1).inner_text() == "Merci, votre kit est commandé\u00a0!"
    assert page.get_by_text("Fiches des cas pour jeunes lecteurs (jeu de 3)").is_visible()
    screenshot(page, "kit-thanks")

    order = KitOrder.objects.get()
    assert order.reference == reference.inner_text()
    assert order.kind == "school" and order.age_band == "10-14" and order.writers == 24
    assert order.marathon.date == marathon_day and order.marathon.is_public

    page.get_by_role("link", name="Voir les prochains marathons").click()
    expect(page.get_by_text("École communale des Tilleuls, 6e A")).to_be_visible()
    screenshot(page, "kit-marathons")


def test_a_wrong_postcode_is_explained_next_to_it_and_the_rest_is_kept(page, kit_campaign):
    page.goto("/fr/kit/commander/")
    page.get_by_label("En famille ou entre amis").check()
    fill_individual_order(page, **{"Code postal": "75001", "Localité": "Paris"})
    page.get_by_label("Un message pour nous (facultatif)").fill("Pour les vacances de Noël")
    page.get_by_label("J’accepte que mes coordonnées", exact=False).check()
    page.get_by_role("button", name="Je commande gratuitement mon kit").click()

    postcode = field(page, "Code postal")
    assert postcode.get_attribute("aria-invalid") == "true"
    error = page.locator("#id_postcode_error")
    assert "Indiquez un code postal belge" in error.inner_text()
    assert error.is_visible()
    # The error sits right under its field.
    field_box, error_box = postcode.bounding_box(), error.bounding_box()
    assert 0 <= error_box["y"] - (field_box["y"] + field_box["height"]) < 40
    assert postcode.input_value() == "75001"
    assert field(page, "Vos prénom et nom").input_value() == "Léa Dupont"
    assert page.get_by_label("Un message pour nous (facultatif)").input_value() == "Pour les vacances de Noël"
    assert page.get_by_label("En famille ou entre amis").is_checked()
    assert page.get_by_label("J’accepte que mes coordonnées", exact=False).is_checked()
    postcode.scroll_into_view_if_needed()
    screenshot(page, "kit-order-postcode-error")
    assert KitOrder.objects.count() == 0

    postcode.fill("5000")
    field(page, "Localité").fill("Namur")
    page.get_by_role("button", name="Je commande gratuitement mon kit").click()
    expect(page.get_by_test_id("reference")).to_be_visible()
    assert KitOrder.objects.count() == 1


def test_an_organiser_reports_the_letters_of_their_marathon(page, kit_campaign):
    order = make_kit_order(
        campaign=kit_campaign, marathon={"date": timezone.localdate() - datetime.timedelta(days=1)}
    )
    page.goto(f"/fr/kit/marathons/bilan/{links.marathon_report_token(order.marathon)}/")
    field(page, "Combien de personnes ont participé ?").fill("18")
    page.get_by_label("Lettres — Zhang Zhan").fill("15")
    page.get_by_label("Cartes — Zhang Zhan").fill("9")
    screenshot(page, "kit-marathon-report")
    page.get_by_role("button", name="Envoyer nos chiffres").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Merci pour vos chiffres"
    zhang = kit_campaign.cases.get(person_name="Zhang Zhan")
    assert services.reported_by_case(kit_campaign)[zhang.pk] == {"letters": 15, "cards": 9}


def test_ordering_closed_points_to_the_printable_kit(page, kit_campaign):
    kit_campaign.kit_ordering_closes_on = timezone.localdate() - datetime.timedelta(days=1)
    kit_campaign.save()
    page.goto("/fr/kit/commander/")
    assert page.get_by_role("heading", level=1).inner_text() == "La commande de kits est fermée"
    screenshot(page, "kit-closed")


def test_staff_ship_two_orders_and_download_their_labels(desktop_page, kit_campaign, django_user_model):
    django_user_model.objects.create_superuser("desk", "desk@example.org", "a-long-password-42")
    first = make_kit_order(
        campaign=kit_campaign, contact_name="Amélie Nothomb", postcode="1000", city="Bruxelles"
    )
    second = make_kit_order(
        campaign=kit_campaign, contact_name="Jacques Brel", postcode="1030", city="Schaerbeek"
    )
    other = make_kit_order(
        campaign=kit_campaign, contact_name="Georges Simenon", postcode="4000", city="Liège"
    )
    page = desktop_page

    # A first login sets up the authenticator app: shipping staff see home addresses.
    admin_login(page, "desk", "a-long-password-42")
    page.goto("/admin/kits/kitorder/")

    def select(orders, action: str) -> None:
        for order in orders:
            page.locator(f'input[name="_selected_action"][value="{order.pk}"]').check()
        page.locator('select[name="action"]').select_option(action)
        page.locator('button[name="index"]').click()

    select([first, second], "mark_shipped")
    expect(page.get_by_text("Commandes marquées comme expédiées : 2.")).to_be_visible()
    screenshot(page, "kit-desk-changelist")
    assert {o.status for o in KitOrder.objects.filter(pk__in=[first.pk, second.pk])} == {"shipped"}
    assert KitOrder.objects.get(pk=other.pk).status == "received"

    select([first, second], "print_labels")
    link = page.get_by_role("link", name="Télécharger les étiquettes (PDF)")
    link.wait_for()
    screenshot(page, "kit-desk-labels")
    with page.expect_download() as download_info:
        link.click()
    pdf = PdfReader(io.BytesIO(open(download_info.value.path(), "rb").read()))  # noqa: SIM115
    text = pdf.pages[0].extract_text()
    assert "Amélie Nothomb" in text and "1000 Bruxelles" in text
    assert "Jacques Brel" in text and "1030 Schaerbeek" in text
    assert "Georges Simenon" not in text

    page.goto("/admin/kits/kitorder/dashboard/")
    expect(page.get_by_role("heading", name="Tableau de bord des commandes de kits")).to_be_visible()
    screenshot(page, "kit-desk-dashboard")


def test_on_a_phone_the_form_asks_only_what_the_orderer_needs_and_a_second_send_is_asked_about(
    page, kit_campaign
):
    """Issue 19, item 6: the school fields for schools only, without JavaScript; the same
    order sent from a second form is recognised."""
    page.goto("/fr/kit/commander/")
    organisation = page.get_by_label("Nom de l’école ou de l’organisation")
    page.get_by_label("Un particulier").check()
    assert not organisation.is_visible() and not page.get_by_label("10 à 14 ans").is_visible()
    page.get_by_label("Une classe").check()
    assert organisation.is_visible() and page.get_by_label("10 à 14 ans").is_visible()
    page.get_by_label("Un particulier").check()
    screenshot(page, "kit-order-individual-phone")

    fill_individual_order(page)
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Je commande gratuitement mon kit").click()
    page.wait_for_url("**/fr/kit/commande/*/")
    reference = KitOrder.objects.get().reference

    # A second tab, the same order.
    page.goto("/fr/kit/commander/")
    page.get_by_label("Un particulier").check()
    fill_individual_order(page)
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Je commande gratuitement mon kit").click()
    page.get_by_role("heading", name="Nous avons déjà reçu cette commande").wait_for()
    assert reference in page.locator(".duplicate-notice").inner_text()
    screenshot(page, "kit-order-duplicate-phone")
    assert KitOrder.objects.count() == 1
    page.get_by_role("button", name="Oui, commander un autre kit").click()
    page.wait_for_url("**/fr/kit/commande/*/")
    assert KitOrder.objects.count() == 2


def test_a_supporter_who_sends_the_form_twice_with_back_has_one_order(page, kit_campaign):
    """Issue 19's done-means: Back, then "Je commande" again, is one order."""
    page.goto("/fr/kit/commander/")
    page.get_by_label("Un particulier").check()
    fill_individual_order(page)
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Je commande gratuitement mon kit").click()
    page.wait_for_url("**/fr/kit/commande/*/")
    reference = KitOrder.objects.get().reference

    page.go_back()
    page.wait_for_url("**/fr/kit/commander/")
    if not page.locator("#id_consent").is_checked():  # the page may come back empty or filled
        page.get_by_label("Un particulier").check()
        fill_individual_order(page)
        page.locator("#id_consent").check()
    page.get_by_role("button", name="Je commande gratuitement mon kit").click()

    # Either the same form finds its order, or a new one is recognised and asked about.
    page.wait_for_load_state()
    assert reference in page.content()
    assert KitOrder.objects.count() == 1
