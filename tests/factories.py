"""Small helpers that make valid objects, with keyword overrides."""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

from cases.models import Authority, Campaign, Case, Embassy

_seq = itertools.count(1)


def make_campaign(**overrides) -> Campaign:
    """A campaign in full swing on any day the tests run: everything open until its
    deadline, 45 days ahead, unless the test says otherwise."""
    deadline = overrides.get("letters_deadline") or timezone.localdate() + datetime.timedelta(days=45)
    values = {
        "year": 2021,
        "title": "Écrivez, signez, changez des vies",
        "letters_deadline": deadline,
        "kit_ordering_closes_on": deadline,
        "petitions_close_on": deadline,
        "return_address": "Marathon des lettres\nChaussée de Wavre 169\n1050 Bruxelles",
        "is_current": True,
    }
    values.update(overrides)
    return Campaign.objects.create(**values)


def make_authority(**overrides) -> Authority:
    n = next(_seq)
    values = {
        "country": "GT",
        "name": f"Autorité {n}",
        "title": "Président de la République",
        "postal_address": f"Palais national {n}\nGuatemala City",
        "salutation": "Monsieur le Président,",
    }
    values.update(overrides)
    return Authority.objects.create(**values)


def make_embassy(**overrides) -> Embassy:
    values = {"country": "GT", "name": "Ambassade du Guatemala", "address": "Avenue Louise 1\n1050 Bruxelles"}
    values.update(overrides)
    return Embassy.objects.create(**values)


def make_case(**overrides) -> Case:
    n = next(_seq)
    values = {
        "order": n,
        "slug": f"personne-{n}",
        "person_name": f"Personne {n}",
        "country": "GT",
        "headline": f"Emprisonnée pour avoir défendu une rivière ({n}).",
        "summary": "Une enseignante qui défend sa communauté.",
        "story": "Elle a défendu **pacifiquement** sa communauté.",
        "ask": f"Libérez la personne {n} immédiatement.",
        "model_letter": "Je vous demande de libérer cette personne.",
        "postcard_message": "Courage !",
        "postcard_address": "Aux bons soins de la section\n1050 Bruxelles",
        "is_published": True,
    }
    values.update(overrides)
    if "campaign" not in values:
        values["campaign"] = Campaign.objects.current() or make_campaign()
    if "authority" not in values:
        values["authority"] = make_authority(country=values["country"])
    return Case.objects.create(**values)


def in_admin_form(model, data: dict) -> dict:
    """Form data for the admin of `model`: each text staff write in three languages has a
    field per language there; plain names here are its French one."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        translated = translator.get_options_for_model(model).all_fields
    except NotRegistered:
        translated = set()
    return {(f"{key}_fr" if key in translated else key): value for key, value in data.items()}
