from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from marathon.tally.forms import count_field_name
from marathon.tally.services import letter_batch_create
from tests.factories import make_campaign, make_case

PASSWORD = "a-long-password-42"


def counters_group() -> Group:
    """The group the migration made (made again after a test that flushed the database)."""
    group, _ = Group.objects.get_or_create(name="counters")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="tally", codename="use_counting_desk")
    )
    return group


def make_counter(username: str = "benevole", *, is_staff: bool = False):
    """A volunteer of the "counters" group: no staff account needed (the desk has its own sign-in)."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", PASSWORD, is_staff=is_staff
    )
    user.groups.add(counters_group())
    return user


def make_batch(*, campaign, recorded_by, counts: dict, received_on: datetime.date | None = None, **extra):
    batch, _ = letter_batch_create(
        campaign=campaign,
        recorded_by=recorded_by,
        received_on=received_on or timezone.localdate(),
        sender_kind=extra.pop("sender_kind", "individual"),
        counts={(case.pk, kind): n for (case, kind), n in counts.items()},
        **extra,
    )
    return batch


def desk_data(counts: dict | None = None, **fields) -> dict:
    """What the desk form posts: {(case, kind): "12"} for the grid, plus the other fields."""
    import uuid

    data = {
        "received_on": timezone.localdate().isoformat(),
        "sender_kind": "individual",
        "kit_order_reference": "",
        "note": "",
        "submission_key": str(uuid.uuid4()),
    }
    data.update({count_field_name(case.pk, kind): str(n) for (case, kind), n in (counts or {}).items()})
    data.update(fields)
    return data


@pytest.fixture
def campaign(db):
    """The current campaign, its deadline still ahead: letters received today are on time."""
    today = timezone.localdate()
    return make_campaign(year=today.year, letters_deadline=today + datetime.timedelta(days=30))


@pytest.fixture
def cases(campaign):
    return [
        make_case(campaign=campaign, person_name=name)
        for name in ("Zhang Zhan", "Bernardo Caal Xol", "Idris Khattak")
    ]


@pytest.fixture
def counter(db):
    return make_counter()


@pytest.fixture
def counter_client(client, counter):
    client.force_login(counter)
    return client
