"""The campaign's calendar: what one can still do on a given day.

Staff set the dates on the campaign (kit ordering opens and closes, petitions close,
letters must arrive, handover); every page and form asks this one place, so nothing
needs ticking or unticking on the day. A date is a day in Brussels, inclusive: kit
ordering that "closes on 20 December" takes orders all that day.
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone

if TYPE_CHECKING:
    from cases.models import Campaign


class Stage(enum.StrEnum):
    COMING = "coming"  # announced: kit ordering has not opened yet
    OPEN = "open"  # kits by post, petitions, letters: everything
    WRITING = "writing"  # kit ordering closed; letters (and maybe petitions) still welcome
    COUNTING = "counting"  # the letters deadline passed; the handover is ahead
    HANDED_OVER = "handed-over"  # letters and signatures are with the embassies


@dataclass(frozen=True)
class CampaignState:
    campaign: Campaign
    today: datetime.date

    @property
    def kit_ordering_not_yet(self) -> bool:
        opens_on = self.campaign.kit_ordering_opens_on
        return opens_on is not None and self.today < opens_on

    @property
    def kit_ordering_open(self) -> bool:
        return not self.kit_ordering_not_yet and self.today <= self.campaign.kit_ordering_closes_on

    @property
    def petitions_open(self) -> bool:
        return self.today <= self.campaign.petitions_close_on

    @property
    def letters_welcome(self) -> bool:
        return self.today <= self.campaign.letters_deadline

    @property
    def handed_over(self) -> bool:
        handover_on = self.campaign.handover_on
        return handover_on is not None and self.today >= handover_on

    @property
    def days_to_deadline(self) -> int:
        return (self.campaign.letters_deadline - self.today).days

    @property
    def stage(self) -> Stage:
        if self.handed_over:
            return Stage.HANDED_OVER
        if not self.letters_welcome:
            return Stage.COUNTING
        if self.kit_ordering_open:
            return Stage.OPEN
        if self.kit_ordering_not_yet:
            return Stage.COMING
        return Stage.WRITING


def state_of(campaign: Campaign, today: datetime.date | None = None) -> CampaignState:
    return CampaignState(campaign, today or timezone.localdate())


# The demo's season as the seed's 2021 campaign ran it: kits from 1 October to 20 December,
# letters and petitions until 11 January, the handover a month later.
DEADLINE_DAY = (1, 11)


def next_deadline(today: datetime.date) -> datetime.date:
    """The next 11 January after today."""
    deadline = datetime.date(today.year, *DEADLINE_DAY)
    return deadline if deadline > today else deadline.replace(year=today.year + 1)


def season_dates(deadline: datetime.date, *, today: datetime.date | None = None) -> dict:
    """A campaign's calendar around its letters deadline. With today, placed so that
    everything is open today (the demo a newcomer tries): kit ordering open from today
    at the latest and for at least two more weeks, within the deadline."""
    year = deadline.year - 1
    opens_on = datetime.date(year, 10, 1)
    closes_on = datetime.date(year, 12, 20)
    if today is not None:
        opens_on = min(opens_on, today)
        closes_on = max(closes_on, min(today + datetime.timedelta(days=14), deadline))
    return {
        "year": year,
        "kit_ordering_opens_on": opens_on,
        "kit_ordering_closes_on": closes_on,
        "petitions_close_on": deadline,
        "letters_deadline": deadline,
        "handover_on": datetime.date(deadline.year, 2, 10),
    }
