from __future__ import annotations

from collections.abc import Mapping

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe

from cases.countries import country_name
from marathon.context_processors import language_links, path_after_language
from marathon.lib.markup import render_markdown
from marathon.lib.stencil import Stencil

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


# The head's links (the page in other languages, style sheets, icons), the header (language
# switcher, navigation) and the footer are the same on every page of a language but for the
# page's own path in the links to its other languages: each is rendered once per process
# and what it shows (marathon.lib.stencil), and the page's path put in (they were ~2.5 ms and 16 reverse() of a
# case page's 11 ms). Everything the two templates read is in the key, so a campaign
# whose calendar or links change, or a new year, makes them again.
_page_parts = Stencil(kept=32)


def _shown(context: template.Context) -> tuple[tuple[str, object], ...]:
    # The context processor's campaign is lazy: no campaign reads as false.
    found = context.get("current_campaign")
    campaign = found if found else None
    state = campaign.state if campaign else None
    return (
        ("kit_ordering_open", bool(state and state.kit_ordering_open)),
        ("letters_welcome", bool(state and state.letters_welcome)),
        ("membership_url", campaign.membership_url if campaign else ""),
        ("donation_url", campaign.donation_url if campaign else ""),
        ("year", str(timezone.localdate().year)),
        ("organisation_name", context.get("organisation_name", "")),
        ("organisation_company_number", context.get("organisation_company_number", "")),
        ("privacy_contact_email", context.get("privacy_contact_email", "")),
        ("page_is_prefixed", bool(context.get("page_is_prefixed"))),
    )


def _page_part_for(context: template.Context, template_name: str) -> SafeString:
    language = translation.get_language() or settings.LANGUAGE_CODE
    request = context.get("request")
    rest = path_after_language(request.path) if request is not None else "/"
    shown = _shown(context)

    def render(holes: Mapping[str, str]) -> str:
        return render_to_string(
            template_name, {**dict(shown), "language_links": language_links(language, holes["path"])}
        )

    # The path escaped as the template would have; the rest is the template's own output.
    return mark_safe(_page_parts.fill((template_name, language, shown), render, {"path": rest}, html=True))  # noqa: S308


@register.simple_tag(takes_context=True)
def site_head(context: template.Context) -> SafeString:
    """The page's other languages, style sheets and icons."""
    return _page_part_for(context, "includes/site_head.html")


@register.simple_tag(takes_context=True)
def site_header(context: template.Context) -> SafeString:
    return _page_part_for(context, "includes/site_header.html")


@register.simple_tag(takes_context=True)
def site_footer(context: template.Context) -> SafeString:
    return _page_part_for(context, "includes/site_footer.html")
