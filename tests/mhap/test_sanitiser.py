"""The Markdown sanitiser against public XSS payload lists.

Payloads (tests/mhap/xss_payloads.txt) come from the OWASP XSS Filter Evasion Cheat Sheet
(https://cheatsheetseries.owasp.org/cheatsheets/XSS_Filter_Evasion_Cheat_Sheet.html) and
PortSwigger's XSS cheat sheet as kept in SecLists, plus Markdown-specific ones. Each rendering is
parsed with html.parser and held against the module's allow-list, not searched for substrings.
"""

import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mhap.templatetags.mhap_text import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, render_markdown

PAYLOAD_FILE = Path(__file__).with_name("xss_payloads.txt")
SAFE_SCHEMES = {"http", "https", "mailto"}
URL_ATTRIBUTES = {"href", "src"}
SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
# nh3 adds rel="noopener noreferrer nofollow" to every link (link_rel).
PERMITTED = {tag: set(ALLOWED_ATTRIBUTES.get(tag, ())) for tag in ALLOWED_TAGS}
PERMITTED["a"].add("rel")


def load_payloads():
    lines = PAYLOAD_FILE.read_text(encoding="utf-8").splitlines()
    return [
        pytest.param(line.replace("↵", "\n"), id=f"L{number}")
        for number, line in enumerate(lines, start=1)
        if line.strip() and not line.startswith("#")
    ]


PAYLOADS = load_payloads()


def url_scheme(value):
    """The scheme a browser would see: HTMLParser has already unescaped the value."""
    kept = "".join(
        char
        for char in value
        if not char.isspace() and unicodedata.category(char) not in {"Cc", "Cf"}
    )
    match = SCHEME.match(kept.lower())
    return match.group(1) if match else None


class AllowListChecker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings = []
        self.tags = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag in {"script", "style"} or tag not in ALLOWED_TAGS:
            self.findings.append(f"tag <{tag}> is not allowed")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.findings.append(f"<{tag} {name}=...> can run script or style the page")
            elif name not in PERMITTED.get(tag, ()):
                self.findings.append(f"attribute {name!r} is not allowed on <{tag}>")
            scheme = url_scheme(value or "") if name in URL_ATTRIBUTES else None
            if scheme is not None and scheme not in SAFE_SCHEMES:
                self.findings.append(f"<{tag} {name}={value!r}> has scheme {scheme!r}")

    def handle_endtag(self, tag):
        if tag not in ALLOWED_TAGS:
            self.findings.append(f"end tag </{tag}> is not allowed")

    def handle_comment(self, data):  # comments, <!...>, <?...?> and <![...]> alike
        self.findings.append(f"markup {data!r} survived")

    handle_decl = handle_pi = unknown_decl = handle_comment


def check(html):
    checker = AllowListChecker()
    checker.feed(html)
    checker.close()
    return checker


def embedded(payload):
    return (
        "## Agenda\n\nIntro with [a link](https://example.org) and *emphasis*.\n\n"
        f"- first item\n- {payload}\n\n{payload}\n\n> quoted {payload}\n\nClosing words.\n"
    )


def test_payload_list_has_at_least_100_entries():
    assert len(PAYLOADS) >= 100


@pytest.mark.parametrize("payload", PAYLOADS)
def test_render_markdown_payload_alone_keeps_allow_list(payload):
    html = render_markdown(payload)
    assert check(html).findings == [], html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_render_markdown_payload_in_markdown_keeps_allow_list(payload):
    html = render_markdown(embedded(payload))
    checker = check(html)
    assert checker.findings == [], html
    # The Markdown before the payload still renders; a raw HTML block may swallow what follows.
    assert {"h2", "a", "em"} <= checker.tags, html


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        "<style>p{color:red}</style>",
        '<a href="javascript:alert(1)">x</a>',
        '<a href="jav&#x09;ascript:alert(1)">x</a>',
        '<a href=" &#14; JaVaScRiPt:alert(1)">x</a>',
        '<a href="vbscript:msgbox(1)">x</a>',
        '<img src="data:image/svg+xml,x">',
        '<p onclick="alert(1)">x</p>',
        '<p style="color:red">x</p>',
        '<a href="https://example.org" target="_blank">x</a>',
        "<!-- comment --><p>x</p>",
    ],
)
def test_checker_raw_html_reports_finding(html):
    assert check(html).findings


def test_checker_clean_html_reports_nothing():
    html = '<p><a href="https://example.org/a:b" title="t" rel="x">x</a><a href="#y">y</a></p>'
    assert check(html).findings == []


def test_render_markdown_generic_attributes_stay_off_other_tags():
    html = render_markdown('<p title="x" lang="en">x</p>\n\n- <em lang="en" title="y">z</em>')
    assert check(html).findings == [], html


def test_render_markdown_ordinary_markdown_keeps_allowed_tags():
    text = (
        "## Agenda\n\n### Items\n\nSee [the paper](https://example.org/paper) or "
        "[mail us](mailto:chair@example.org), **now**.\n\n"
        "- one\n- two\n\n1. first\n2. second\n\n> quoted\n\n"
        "| Item | Owner |\n|------|-------|\n| Budget | Chair |\n\n    code block\n"
    )
    html = render_markdown(text)
    checker = check(html)
    assert checker.findings == [], html
    expected = {"h2", "h3", "a", "strong", "ul", "ol", "li", "blockquote", "pre", "code"}
    assert expected | {"table", "thead", "tbody", "tr", "th", "td"} <= checker.tags, html
    assert 'href="https://example.org/paper"' in html
    assert 'href="mailto:chair@example.org"' in html
