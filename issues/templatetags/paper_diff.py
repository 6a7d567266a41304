"""{{ chunks|diff_html }}: a word diff as <del> and <ins>, with the words
"removed"/"added" for screen readers, so colour is never the only signal.
Built in Python so no template whitespace leaks into pre-wrapped text."""

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()

MARKS = {
    "delete": ('<del class="mhap-diff__del"><span class="usa-sr-only">[removed: </span>'
               '{}<span class="usa-sr-only">]</span></del>'),
    "insert": ('<ins class="mhap-diff__ins"><span class="usa-sr-only">[added: </span>'
               '{}<span class="usa-sr-only">]</span></ins>'),
    "equal": "{}",
}  # fmt: skip


@register.filter
def diff_html(chunks) -> str:
    return format_html_join("", "{}", ((format_html(MARKS[c.op], c.text),) for c in chunks))
