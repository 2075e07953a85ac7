from __future__ import annotations

from django import template
from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe

from cases.countries import country_name
from marathon.lib.markup import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    # render_markdown sanitises with nh3, which is what makes mark_safe right here.
    return mark_safe(render_markdown(text))  # noqa: S308


@register.filter
def absolute(url: str, request) -> str:
    return request.build_absolute_uri(url) if request else url


@register.filter
def country_fr(country) -> str:
    """A country as the site writes it (staff's CountryName, else the library's name)."""
    return country_name(getattr(country, "code", country) or "") if country else ""


@register.filter
def file_size(size: int | None) -> str:
    """A file's size as French readers write it: "850 Ko", "2,4 Mo" (not Django's "Kio")."""
    size = size or 0
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} Ko"
    return f"{number_format(size / (1024 * 1024), 1)} Mo"


@register.inclusion_tag("includes/share_meta.html", takes_context=True)
def share_meta(context, case=None, results: bool = False) -> dict:
    """The share card of the page (og:image, twitter:image): the case's, the results', or
    the campaign's for any other page."""
    from marathon import share  # Pillow and the tally's snapshot only where a page is rendered

    # The context processor's campaign is lazy: no campaign reads as false.
    found = context.get("current_campaign")
    campaign = found if found else None
    if case is not None and case.campaign.is_current:
        card = share.case_card(case)
    elif results:
        card = share.results_card(campaign)
    else:
        card = share.campaign_card(campaign)
    return {"card": card, "request": context.get("request")}
