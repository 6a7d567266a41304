"""Markdown from members, rendered and sanitised.

    {% load mhap_text %}
    {{ meeting.agenda|markdown }}

Markdown turns the text into HTML; nh3 (the Ammonia sanitiser) then keeps only
the tags below, so nothing a member types can run script or style a page.
"""

import html

import markdown as markdown_lib
import nh3
from django import template
from django.utils.safestring import mark_safe

register = template.Library()

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "del", "em", "h2", "h3", "h4", "hr", "li",
    "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
# "*": nothing on other tags (Ammonia would otherwise keep title and lang everywhere).
ALLOWED_ATTRIBUTES = {"*": set(), "a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}


def render_markdown(text: str) -> str:
    html = markdown_lib.markdown(text or "", extensions=["extra", "sane_lists"])
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


@register.filter(name="markdown")
def markdown_filter(text: str) -> str:
    return mark_safe(render_markdown(text))  # noqa: S308 -- sanitised by nh3 just above


@register.filter(name="markdown_plain")
def markdown_plain_filter(text: str) -> str:
    """The words of a Markdown text without its markup, for one table cell."""
    # nh3 answers escaped text; unescape it so autoescaping escapes it once.
    return html.unescape(nh3.clean(render_markdown(text), tags=set()))
