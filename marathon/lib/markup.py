"""Markdown written by staff, made safe for public pages and PDFs."""

from __future__ import annotations

import functools

import markdown
import nh3

# No <img>: an image in case text would be fetched by every reader's browser
# and by the PDF renderer, which is how tracking pixels and exfiltration work.
ALLOWED_TAGS = {
    "p",
    "br",
    "em",
    "strong",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "h3",
    "h4",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


# A pure function of the text, and Python-Markdown takes milliseconds a call: the same
# stories are shown on every page view, so each process keeps the last few hundred.
@functools.lru_cache(maxsize=512)
def render_markdown(text: str) -> str:
    html = markdown.markdown(text or "", extensions=["sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
