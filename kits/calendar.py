"""A public marathon as an iCalendar event (RFC 5545), for "add to my calendar"."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar, Event

from kits.models import OrganisedMarathon
from marathon.lib.mail import site_domain

BRUSSELS = ZoneInfo("Europe/Brussels")


def marathon_ics(marathon: OrganisedMarathon, *, site_url: str) -> bytes:
    """Its day (all day) or its hours; its place and contact only if the organiser chose
    to publish them."""
    calendar = Calendar()
    calendar.add("prodid", "-//Marathon des lettres//FR")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"marathon-{marathon.pk}@{site_domain()}")
    event.add("dtstamp", timezone.now())
    event.add("summary", f"Marathon des lettres — {marathon.public_name}, {marathon.town}")
    details = marathon.details_public
    if details and marathon.starts_at:
        start = datetime.datetime.combine(marathon.date, marathon.starts_at, tzinfo=BRUSSELS)
        end_time = marathon.ends_at or (start + datetime.timedelta(hours=2)).time()
        event.add("dtstart", start)
        event.add("dtend", datetime.datetime.combine(marathon.date, end_time, tzinfo=BRUSSELS))
    else:
        event.add("dtstart", marathon.date)
        event.add("dtend", marathon.date + datetime.timedelta(days=1))
    place = [marathon.town]
    lines = ["Écrire ensemble pour des personnes en danger.", site_url]
    if details:
        place = [part for part in (marathon.venue, marathon.address, marathon.town) if part]
        lines += [part for part in (marathon.accessibility, marathon.public_contact) if part]
    event.add("location", ", ".join(place))
    event.add("description", "\n".join(lines))
    calendar.add_component(event)
    return calendar.to_ical()
