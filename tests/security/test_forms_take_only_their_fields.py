"""Posted fields a form does not have change nothing; no ModelForm takes every field."""

from __future__ import annotations

import ast
import datetime
import importlib
import inspect
import pkgutil
import uuid
from pathlib import Path

import pytest
from django import forms
from django.forms.models import model_to_dict
from django.utils import timezone

from kits.models import KitOrder
from petitions.models import Signature, Signer
from petitions.services import petition_ensure
from tests.factories import make_campaign, make_case

ROOT = Path(__file__).resolve().parents[2]
APPS = ["marathon", "cases", "petitions", "kits"]

# Everything an attacker might hope a form passes on to a model.
EXTRA = {
    "id": "1",
    "pk": "1",
    "is_staff": "on",
    "is_superuser": "on",
    "confirmed": "on",
    "confirmed_at": "2020-01-01T00:00:00Z",
    "status": "shipped",
    "invalidated_at": "2020-01-01T00:00:00Z",
    "invalidation_reason": "x",
    "erased_at": "2020-01-01T00:00:00Z",
    "reference": "MDL-AAAA",
    "province": "BXL",
    "campaign": "999",
    "consented_at": "2000-01-01T00:00:00Z",
    "confirmation_sent_at": "2020-01-01T00:00:00Z",
    "created_at": "2000-01-01T00:00:00Z",
    "key": str(uuid.uuid4()),
    "email_canonical": "someone.else@example.org",
    "signer": "1",
    "petition": "1",
}


def without(row: dict, *names: str) -> dict:
    return {key: value for key, value in row.items() if key not in names}


@pytest.mark.django_db
def test_extra_fields_posted_with_a_signature_change_nothing(client):
    petition = petition_ensure(case=make_case(campaign=make_campaign()))
    data = {"first_name": "Anne", "last_name": "Dupont", "postcode": "1050", "country": "BE"}

    stored = []
    for n, extra in enumerate([{}, EXTRA]):
        response = client.post(
            f"/fr/petitions/{petition.pk}/signer/", {**extra, **data, "email": f"a{n}@example.org"}
        )
        assert response.status_code == 302
        signer = Signer.objects.get(email=f"a{n}@example.org")
        signature = Signature.objects.get(signer=signer)
        stored.append(
            (
                without(model_to_dict(signer), "id", "email", "key", "email_canonical"),
                without(model_to_dict(signature), "id", "signer", "created_at", "requested_at"),
            )
        )

    assert stored[0] == stored[1]
    assert stored[1][0]["confirmed_at"] is None and stored[1][1]["invalidated_at"] is None


@pytest.mark.django_db
def test_extra_fields_posted_with_a_kit_order_change_nothing(client):
    today = timezone.localdate()
    make_campaign(year=today.year, letters_deadline=today + datetime.timedelta(days=40))
    data = {
        "kind": "individual",
        "contact_name": "Léa Dupont",
        "street": "Rue Haute 1",
        "postcode": "1000",
        "city": "Bruxelles",
        "writers": "4",
        "consent": "on",
    }

    stored = []
    for n, extra in enumerate([{}, EXTRA]):
        response = client.post(
            "/fr/kit/commander/",
            {**extra, **data, "email": f"k{n}@example.be", "form_token": str(uuid.uuid4())},
        )
        assert response.status_code == 302
        order = KitOrder.objects.get(email=f"k{n}@example.be")
        assert order.created_at > timezone.now() - datetime.timedelta(minutes=1)
        stored.append(
            without(
                model_to_dict(order), "id", "email", "form_token", "reference", "consented_at", "created_at"
            )
        )

    assert stored[0] == stored[1]
    assert stored[1]["status"] == KitOrder.Status.RECEIVED and stored[1]["confirmation_sent_at"] is None


def project_modules():
    for app in APPS:
        package = importlib.import_module(app)
        for info in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" not in info.name and ".management" not in info.name:
                yield importlib.import_module(info.name)


def test_no_model_form_takes_every_field_or_a_blacklist():
    model_forms = {
        f"{cls.__module__}.{cls.__qualname__}": cls
        for module in project_modules()
        for _name, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, forms.ModelForm) and cls.__module__ == module.__name__
    }
    assert model_forms, "no ModelForm found: the walk is broken"
    offenders = [
        name
        for name, cls in model_forms.items()
        if cls._meta.fields == forms.ALL_FIELDS or cls._meta.exclude or cls._meta.fields is None
    ]
    assert offenders == []


def test_no_source_file_asks_for_all_fields_or_excludes_some():
    # Also catches modelform_factory(..., fields="__all__") and forms built in functions.
    offenders = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Assign | ast.keyword):
                    targets = (
                        [node.arg]
                        if isinstance(node, ast.keyword)
                        else [target.id for target in node.targets if isinstance(target, ast.Name)]
                    )
                    value = node.value
                    if "fields" in targets and isinstance(value, ast.Constant) and value.value == "__all__":
                        offenders.append(f"{path.relative_to(ROOT)}:{value.lineno} fields='__all__'")
                    if "exclude" in targets and _inside_form_meta_or_factory(node, path):
                        offenders.append(f"{path.relative_to(ROOT)}:{value.lineno} exclude")
    assert offenders == []


def _inside_form_meta_or_factory(node, path: Path) -> bool:
    """`exclude` of a ModelForm's Meta or of modelform_factory; a ModelAdmin's `exclude` only hides a field."""
    tree = ast.parse(path.read_text())
    for parent in ast.walk(tree):
        if isinstance(parent, ast.ClassDef) and parent.name == "Meta" and node in ast.walk(parent):
            return True
        if (
            isinstance(parent, ast.Call)
            and isinstance(parent.func, ast.Name | ast.Attribute)
            and getattr(parent.func, "id", getattr(parent.func, "attr", "")).endswith("form_factory")
            and node in parent.keywords
        ):
            return True
    return False
