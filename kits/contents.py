"""What goes in the box for an order: the one place these rules live."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from cases.models import Case
from kits.models import KitOrder

WRITERS_PER_FACT_SHEET_SET = 5
WRITERS_PER_HOW_TO_SHEET = 10
SHEETS_PER_RETURN_ENVELOPE = 50


@dataclass(frozen=True)
class KitContents:
    cases: int
    fact_sheet_sets: int
    youth_fact_sheets: bool
    letters_per_case: int
    postcards_per_case: int
    return_envelopes: int
    how_to_sheets: int
    teacher_guides: int

    @property
    def letters(self) -> int:
        return self.letters_per_case * self.cases

    @property
    def postcards(self) -> int:
        return self.postcards_per_case * self.cases

    def lines(self) -> list[tuple[str, int]]:
        """(what, how many) in packing order, for the confirmation page and the packing slip."""
        if self.youth_fact_sheets:
            sheets = _("Fact sheets for young readers (set of %(cases)s)") % {"cases": self.cases}
        else:
            sheets = _("Case fact sheets (set of %(cases)s)") % {"cases": self.cases}
        lines = [
            (sheets, self.fact_sheet_sets),
            (str(_("Model letters, for each case")), self.letters_per_case),
            (str(_("Solidarity postcards, for each case")), self.postcards_per_case),
            (str(_("Return envelopes for your letters")), self.return_envelopes),
            (str(_("How-to sheet")), self.how_to_sheets),
        ]
        if self.teacher_guides:
            lines.append((str(_("Teacher's guide")), self.teacher_guides))
        return lines


def kit_contents(*, kind: str, writers: int, age_band: str = "", cases: int) -> KitContents:
    """What goes in the box for this many writers. The one place these rules live.

    Everyone gets one model letter per case to copy or sign, and a postcard per case
    for every two writers (cards are shared around a table). Pupils of 10 to 14 get
    fact sheets written for their age, write letters in pairs and a card each. The
    letters and cards come back to the office in the return envelopes.
    """
    younger_pupils = kind == KitOrder.Kind.SCHOOL and age_band == KitOrder.AgeBand.YOUNGER
    if younger_pupils:
        letters_per_case, postcards_per_case = math.ceil(writers / 2), writers
    else:
        letters_per_case, postcards_per_case = writers, math.ceil(writers / 2)
    sheets_back = (letters_per_case + postcards_per_case) * cases
    return KitContents(
        cases=cases,
        fact_sheet_sets=math.ceil(writers / WRITERS_PER_FACT_SHEET_SET),
        youth_fact_sheets=younger_pupils,
        letters_per_case=letters_per_case,
        postcards_per_case=postcards_per_case,
        return_envelopes=max(1, math.ceil(sheets_back / SHEETS_PER_RETURN_ENVELOPE)),
        how_to_sheets=math.ceil(writers / WRITERS_PER_HOW_TO_SHEET),
        teacher_guides=1 if kind == KitOrder.Kind.SCHOOL else 0,
    )


def kit_order_contents(order: KitOrder, *, cases: int | None = None) -> KitContents:
    if cases is None:
        cases = Case.objects.published().filter(campaign_id=order.campaign_id).count()
    return kit_contents(kind=order.kind, writers=order.writers, age_band=order.age_band, cases=cases)
