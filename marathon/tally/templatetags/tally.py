from __future__ import annotations

from django import template

from cases.models import Campaign
from marathon.tally.services import results_snapshot

register = template.Library()


@register.inclusion_tag("includes/tally_live_total.html")
def tally_live_total(campaign: Campaign | None) -> dict:
    """The home page's live count, from the cached results (no query when warm)."""
    results = results_snapshot()
    counted = (
        results["campaign"] is not None and campaign is not None and results["campaign"]["id"] == campaign.pk
    )
    return {"total": results["total"] if counted else 0, "campaign": campaign}


@register.inclusion_tag("includes/tally_goals.html")
def tally_goals(campaign: Campaign | None) -> dict:
    """Progress toward the goals staff set for the campaign, from the cached results."""
    if campaign is None:
        return {"goals": []}
    results = results_snapshot()
    counted = results["campaign"] is not None and results["campaign"]["id"] == campaign.pk
    goals = []
    for kind, goal in (("signatures", campaign.signatures_goal), ("letters", campaign.letters_goal)):
        if goal:
            count = results[kind] if counted else 0
            goals.append(
                {"kind": kind, "count": count, "goal": goal, "percent": min(100, 100 * count // goal)}
            )
    return {"goals": goals}
