from __future__ import annotations

import csv
import io

import pytest

from petitions import counts
from petitions.admin import spreadsheet_safe
from petitions.models import Signature
from tests.petitions.conftest import confirm, form_data, on_commit_runs, sign, sign_all

CHANGELIST = "/admin/petitions/signature/"


def confirmed_signer(client, petitions, **details):
    sign_all(client, petitions, **details)
    confirm(client)


def export(staff_client, petition) -> list[list[str]]:
    response = staff_client.get(f"/admin/petitions/petition/{petition.pk}/export.csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_the_embassy_csv_lists_confirmed_signatures_only(client, staff_client, ten_petitions):
    petition = ten_petitions[0]
    confirmed_signer(client, [petition], first_name="Anne", email="anne@example.org")
    sign(client, petition, first_name="Pending", email="pending@example.org")
    confirmed_signer(client, [petition], first_name="Bot", email="bot@example.org")
    from petitions.services import signatures_invalidate

    signatures_invalidate(signatures=Signature.objects.filter(signer__first_name="Bot"), reason="bot")

    rows = export(staff_client, petition)

    assert rows[0] == ["Prénom", "Nom", "Code postal", "Pays", "Date"]
    assert [row[:4] for row in rows[1:]] == [["Anne", "Dupont", "1050", "Belgique"]]
    assert "@" not in "".join(rows[1])


def test_a_name_cannot_run_as_a_formula_in_the_spreadsheet(client, staff_client, petition):
    confirmed_signer(client, [petition], email="eve@example.org")
    Signature.objects.get().signer.__class__.objects.update(
        first_name='=HYPERLINK("http://evil")', last_name="+1", postcode="-2"
    )

    row = export(staff_client, petition)[1]

    assert row[0].startswith("'=")
    assert row[1] == "'+1"
    assert row[2] == "'-2"


@pytest.mark.parametrize(
    "value, cell",
    [
        ("=1+1", "'=1+1"),
        ("+32 2 555", "'+32 2 555"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Anne-Marie", "Anne-Marie"),
        ("O'Brien", "O'Brien"),
    ],
)
def test_every_formula_start_is_made_text(value, cell):
    assert spreadsheet_safe(value) == cell


def test_the_export_needs_staff(client, petition):
    response = client.get(f"/admin/petitions/petition/{petition.pk}/export.csv")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_staff_see_confirmed_signatures_by_province(client, staff_client, petition):
    confirmed_signer(client, [petition], email="a@example.org", postcode="4000")
    confirmed_signer(client, [petition], email="b@example.org", postcode="4020")
    confirmed_signer(client, [petition], email="c@example.org", postcode="1050")
    confirmed_signer(client, [petition], email="d@example.org", postcode="75001", country="FR")
    sign(client, petition, email="e@example.org", postcode="9000")

    content = staff_client.get(f"/admin/petitions/petition/{petition.pk}/change/").content.decode()

    assert "<tr><td>Liège</td><td>2</td></tr>" in content
    assert "<tr><td>Bruxelles-Capitale</td><td>1</td></tr>" in content
    assert "<tr><td>Hors de Belgique</td><td>1</td></tr>" in content
    assert "Flandre-Orientale" not in content


def test_staff_filter_signatures_by_petition_confirmation_date_and_invalidation(
    client, staff_client, ten_petitions
):
    confirmed_signer(client, ten_petitions[:1], email="yes@example.org")
    sign(client, ten_petitions[1], email="no@example.org")
    first, second = ten_petitions[:2]

    def listed(query: str) -> str:
        response = staff_client.get(f"{CHANGELIST}?{query}")
        assert response.status_code == 200
        return response.content.decode()

    assert "yes@example.org" in listed(f"petition__id__exact={first.pk}")
    assert "no@example.org" not in listed(f"petition__id__exact={first.pk}")
    assert "no@example.org" not in listed("confirmed=yes")
    assert "no@example.org" in listed("confirmed=no")
    assert "yes@example.org" in listed("invalidated=no")
    assert "yes@example.org" not in listed("invalidated=yes")
    assert "yes@example.org" in listed("created_at__gte=2000-01-01T00:00:00%2B01:00")
    assert second.case.person_name in listed("q=no%40example.org")


def test_staff_find_a_signer_by_email_whatever_the_case_or_tag(client, staff_client, petition):
    sign(client, petition, email="Anne.Dupont+petition@Example.org")

    content = staff_client.get("/admin/petitions/signer/?q=anne.dupont%40example.org").content.decode()

    assert "Anne.Dupont+petition@Example.org" in content


def test_staff_invalidate_selected_signatures_with_a_reason(client, staff_client, petition):
    confirmed_signer(client, [petition], email="a@example.org")
    confirmed_signer(client, [petition], email="b@example.org")
    target = Signature.objects.get(signer__email="b@example.org")

    ask = staff_client.post(CHANGELIST, {"action": "invalidate", "_selected_action": [target.pk]})
    assert ask.status_code == 200
    assert "Motif" in ask.content.decode()
    with on_commit_runs():
        done = staff_client.post(
            CHANGELIST, {"action": "invalidate", "_selected_action": [target.pk], "reason": "même personne"}
        )

    assert done.status_code == 302
    target.refresh_from_db()
    assert target.invalidation_reason == "même personne"
    counts.forget()
    assert counts.online_counts()[petition.pk] == 1


def test_staff_see_the_busiest_networks_and_domains_and_invalidate_one(client, staff_client, petition):
    for n in range(3):
        with on_commit_runs():
            client.post(
                f"/fr/petitions/{petition.pk}/signer/",
                form_data(email=f"x{n}@bots.be"),
                REMOTE_ADDR=f"198.51.100.{n + 1}",
            )
        confirm(client)
    sign(client, petition, email="real@example.org")

    page = staff_client.get("/admin/petitions/signature/activite/").content.decode()
    assert "198.51.100.0/24" in page
    assert "bots.be" in page

    with on_commit_runs():
        staff_client.post(
            "/admin/petitions/signature/activite/",
            {"hours": 24, "kind": "ip_range", "value": "198.51.100.0/24", "reason": "robot"},
        )

    assert Signature.objects.filter(ip_range="198.51.100.0/24", invalidation_reason="robot").count() == 3
    assert Signature.objects.get(signer__email="real@example.org").invalidated_at is None
    counts.forget()
    assert counts.online_counts()[petition.pk] == 0


def test_staff_erase_a_signer_from_the_admin(client, staff_client, petition):
    confirmed_signer(client, [petition])
    from petitions.models import Signer

    staff_client.post(
        "/admin/petitions/signer/", {"action": "erase", "_selected_action": [Signer.objects.get().pk]}
    )

    assert Signer.objects.get().email == ""
