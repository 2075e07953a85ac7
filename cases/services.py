from __future__ import annotations

import datetime
import hashlib
import json
import os
from collections.abc import Iterable

from django.core.files.base import ContentFile
from django.db import transaction

from cases import signals
from cases.illustrations import drawn_portrait
from cases.models import Campaign, Case, ImpactFigure
from marathon.lib.languages import all_languages

# Part of each drawing's file name: a new drawing style draws every portrait again.
ILLUSTRATION_VERSION = 1


def placeholder_portrait(*, name: str, size: int = 1200, hair: str = "") -> ContentFile:
    """A drawn portrait as an uploaded file would be (a JPEG), for stories and tests."""
    return ContentFile(drawn_portrait(seed=name, size=size, hair=hair))


def case_illustration_ensure(*, case: Case) -> None:
    """A case without a photo has its drawn portrait, drawn again when its themes change.

    Named after what it is drawn from, so an unchanged case is never drawn twice; the
    previous drawing's file is deleted once the change is committed.
    """
    if case.photo:
        return
    themes = list(case.themes.order_by("pk").values_list("slug", flat=True)) if case.pk else []
    drawn = [case.slug, themes, case.drawn_hair, ILLUSTRATION_VERSION]
    key = hashlib.sha256(json.dumps(drawn).encode()).hexdigest()[:12]
    stem = f"{case.slug}-{key}"
    if case.illustration and os.path.basename(case.illustration.name).startswith(stem):
        return
    previous = case.illustration.name
    portrait = drawn_portrait(seed=case.slug, themes=themes, hair=case.drawn_hair)
    case.illustration.save(f"{stem}.jpg", ContentFile(portrait), save=False)
    case.save(update_fields=["illustration"])
    if previous:
        storage = case.illustration.storage
        transaction.on_commit(lambda: storage.delete(previous))


@transaction.atomic
def case_saved(*, case: Case, previous_campaign_id: int | None = None) -> None:
    """Announce a saved case (its petition is made, its campaign's kits are made again)."""
    case_illustration_ensure(case=case)
    signals.case_saved.send(sender=Case, case=case)
    campaign_content_changed(campaign_ids=[case.campaign_id, previous_campaign_id])


def campaign_content_changed(*, campaign_ids: Iterable[int | None]) -> None:
    """Announce that these campaigns' printed or shown content changed."""
    ids = {pk for pk in campaign_ids if pk}
    if ids:
        signals.campaign_content_changed.send(sender=Case, campaign_ids=ids)


class NextYearExists(Exception):
    """The campaign of the following year is already there."""


def _a_year_later(day: datetime.date | None) -> datetime.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


CAMPAIGN_COPIED = [
    "title",
    "intro",
    "return_address",
    "donation_url",
    "membership_url",
    "signatures_goal",
    "letters_goal",
]
CALENDAR = [
    "kit_ordering_opens_on",
    "kit_ordering_closes_on",
    "petitions_close_on",
    "letters_deadline",
    "handover_on",
]
CASE_COPIED = [
    "order",
    "slug",
    "person_name",
    "country",
    "country_label",
    "headline",
    "summary",
    "story",
    "ask",
    "photo_alt",
    "photo_credit",
    "authority_id",
    "model_letter",
    "postcard_message",
    "postcard_address",
    "drawn_hair",
]


@transaction.atomic
def campaign_prepare_next(*, campaign: Campaign) -> Campaign:
    """Next year's campaign from this one, for staff to rework: its calendar a year on,
    its texts, links, goals, impact figures and cases (with their authorities, themes and
    portraits) copied, every case an unpublished draft; not current until staff say so.
    Authorities and embassies are shared between years and stay as they are."""
    year = campaign.year + 1
    if Campaign.objects.filter(year=year).exists():
        raise NextYearExists(year)
    following = Campaign.objects.create(
        year=year,
        is_current=False,
        # Every language's version of the texts, not only the one being read.
        **{name: getattr(campaign, name) for name in all_languages(Campaign, CAMPAIGN_COPIED)},
        **{name: _a_year_later(getattr(campaign, name)) for name in CALENDAR},
    )
    for figure in campaign.impact_figures.all():
        following.impact_figures.create(
            order=figure.order,
            **{name: getattr(figure, name) for name in all_languages(ImpactFigure, ["value", "label"])},
        )
    for case in campaign.cases.prefetch_related("themes"):
        draft = Case(
            campaign=following,
            is_published=False,
            **{name: getattr(case, name) for name in all_languages(Case, CASE_COPIED)},
        )
        if case.photo and case.photo.storage.exists(case.photo.name):
            # Its own file: deleting either year's case must not take the other's portrait.
            with case.photo.open("rb") as source:
                draft.photo.save(os.path.basename(case.photo.name), ContentFile(source.read()), save=False)
        draft.save()
        draft.themes.set(case.themes.all())
        case_saved(case=draft)
    return following


@transaction.atomic
def campaign_make_current(*, campaign: Campaign) -> None:
    """The campaign the public site shows from now on (one at a time)."""
    # Saved (not updated in bulk) so that the pages showing either are made again.
    for previous in Campaign.objects.filter(is_current=True).exclude(pk=campaign.pk):
        previous.is_current = False
        previous.save(update_fields=["is_current", "updated_at"])
    campaign.is_current = True
    campaign.save(update_fields=["is_current", "updated_at"])
    campaign_content_changed(campaign_ids=[campaign.pk])
