from __future__ import annotations

from django import template

from petitions import counts
from petitions.consent import CONSENT_TEXT
from petitions.forms import SignForm
from petitions.models import Petition

register = template.Library()


@register.simple_tag
def petitions_consent_text() -> str:
    return CONSENT_TEXT


@register.inclusion_tag("petitions/case_box.html", takes_context=True)
def petition_box(context: template.Context, case) -> dict:
    """The short sign form and count for a case's petition, or nothing if it has none."""
    petition = Petition.objects.filter(case=case).first()
    return {
        "petition": petition,
        "form": SignForm(),
        "count": counts.counts_for([petition.pk])[petition.pk] if petition else None,
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
    }


@register.inclusion_tag("petitions/total.html")
def petitions_total(campaign) -> dict:
    """Confirmed online signatures of all a campaign's petitions."""
    ids = list(
        Petition.objects.filter(case__campaign=campaign, case__is_published=True).values_list("pk", flat=True)
    )
    online = sum(count.online for count in counts.counts_for(ids).values())
    return {"total": counts.PetitionCount(online=online), "petition_count": len(ids)}
