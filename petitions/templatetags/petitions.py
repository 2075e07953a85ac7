from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from cases.countries import names_version
from marathon.lib.stencil import Stencil
from petitions import counts
from petitions.consent import Consent
from petitions.forms import SignForm
from petitions.models import Petition

register = template.Library()


# The empty form, rendered once per what it shows (marathon.lib.stencil); it has no value
# of its own to put in: the page's CSRF token is outside it.
_blank_forms = Stencil(kept=32)


def _blank_sign_fields(submit_label: str, language: str, consent: Consent, names: tuple) -> SafeString:
    def render(_holes: object) -> str:
        context = {"form": SignForm(), "submit_label": submit_label, "consent": consent}
        return render_to_string("petitions/sign_fields.html", context)

    # The template's own output.
    return mark_safe(_blank_forms.fill((submit_label, language, consent, names), render, {}, html=True))  # noqa: S308


@register.simple_tag
def sign_fields(form: SignForm, submit_label: str) -> SafeString:
    """The form's fields, consent and button.

    An empty form is the same for everyone, so it is rendered once per process: crispy
    takes ~20 ms to render these six fields, too much for the busiest night. A form
    with errors is rendered each time.
    """
    if form.is_bound:
        context = {"form": form, "submit_label": submit_label, "consent": form.consent}
        return render_to_string("petitions/sign_fields.html", context)
    # Keyed on the countries' names too: the form lists them as staff name them.
    return _blank_sign_fields(
        str(submit_label), translation.get_language() or "", form.consent, names_version()
    )


def _petition_and_count(case) -> dict:
    # Case.objects.for_cards() joins the petition; a case without one has no count.
    petition = getattr(case, "petition", None)
    return {
        "petition": petition,
        "count": counts.counts_for([petition.pk])[petition.pk] if petition else None,
    }


@register.inclusion_tag("petitions/case_box.html", takes_context=True)
def petition_box(context: template.Context, case) -> dict:
    """The short sign form and count for a case's petition, or nothing if it has none."""
    return {
        **_petition_and_count(case),
        "form": SignForm(),
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
    }


@register.inclusion_tag("petitions/case_count.html")
def case_count(case) -> dict:
    """A case card's count."""
    return _petition_and_count(case)


@register.inclusion_tag("petitions/total.html")
def petitions_total(campaign) -> dict:
    """Confirmed online signatures of all a campaign's petitions, and those on paper."""
    ids = list(
        Petition.objects.filter(case__campaign=campaign, case__is_published=True).values_list("pk", flat=True)
    )
    return {
        "total": counts.PetitionCount.combined(counts.counts_for(ids).values()),
        "petition_count": len(ids),
    }
