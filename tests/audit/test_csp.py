"""The Content-Security-Policy holds on every page: every HTML response of
every URL in the permission matrix, for every role, carries a policy that
allows no inline script or style, and no page or template contains any (a
policy with 'unsafe-inline' would be the only way to run it)."""

from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines

from tests.matrix import MATRIX, ROLES
from tests.test_accessibility import EXTRA_PAGES, MEMBER_ACCOUNT_PAGES

pytestmark = pytest.mark.audit

# Non-executable data blocks (json_script) are not scripts to the browser.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


class InlineFinder(HTMLParser):
    """Collects inline script, inline style, event-handler attributes and
    javascript: URLs from a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        line = self.getpos()[0]
        if tag == "script":
            executable = (attributes.get("type") or "").lower() not in DATA_SCRIPT_TYPES
            self._in_script = executable and "src" not in attributes
        if tag == "style":
            self.found.append(f"line {line}: <style> element")
        for name, value in attrs:
            if name == "style":
                self.found.append(f"line {line}: style attribute on <{tag}>")
            elif name.startswith("on"):
                self.found.append(f"line {line}: {name} handler on <{tag}>")
            elif name in {"href", "src", "action", "formaction"} and (
                value or ""
            ).strip().lower().startswith("javascript:"):
                self.found.append(f"line {line}: javascript: URL on <{tag}>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.found.append(f"line {self.getpos()[0]}: inline <script>")


def inline_code(html: str) -> list[str]:
    finder = InlineFinder()
    finder.feed(html)
    finder.close()
    return finder.found


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


def assert_strict_policy(response, where):
    policy = response.get("Content-Security-Policy")
    assert policy, f"{where}: no Content-Security-Policy header"
    parsed = directives(policy)
    for directive in ("script-src", "style-src"):
        sources = parsed.get(directive) or parsed.get("default-src")
        assert sources, f"{where}: no {directive}"
        assert "'unsafe-inline'" not in sources, f"{where}: {directive} allows inline"
        assert "'unsafe-eval'" not in sources, f"{where}: {directive} allows eval"
        assert "*" not in sources, f"{where}: {directive} allows any host"
    assert parsed.get("object-src") == ["'none'"], where
    assert parsed.get("base-uri") == ["'none'"], where


def is_html(response) -> bool:
    return response.get("Content-Type", "").startswith("text/html")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_every_matrix_response_carries_the_strict_policy(url_name, role, coalition, client_as):
    row = MATRIX[url_name]
    client = client_as(coalition.user(role))
    url = row.url(coalition)
    response = row.request(client, url, coalition, follow=row.method == "post")
    where = f"{row.method.upper()} {url} as {role} ({response.status_code})"

    assert_strict_policy(response, where)
    if is_html(response):
        assert inline_code(response.content.decode()) == [], where


@pytest.mark.parametrize("path", EXTRA_PAGES.values(), ids=EXTRA_PAGES.keys())
def test_account_and_error_pages_carry_the_strict_policy(path, client):
    response = client.get(path, follow=True)

    assert_strict_policy(response, path)
    assert inline_code(response.content.decode()) == []


@pytest.mark.parametrize("path", MEMBER_ACCOUNT_PAGES.values(), ids=MEMBER_ACCOUNT_PAGES.keys())
def test_a_members_account_pages_carry_the_strict_policy(path, coalition, client_as):
    response = client_as(coalition.wg_member).get(path, follow=True)

    assert_strict_policy(response, path)
    assert inline_code(response.content.decode()) == []


def template_files():
    folders = set()
    for engine in engines.all():
        folders.update(Path(folder) for folder in getattr(engine, "template_dirs", ()))
    base = Path(settings.BASE_DIR).resolve()
    for folder in sorted(folders):
        inside = base in folder.resolve().parents or folder.resolve() == base
        if inside and ".venv" not in folder.parts:
            yield from sorted(folder.rglob("*.html"))


def test_no_template_of_ours_holds_inline_script_or_style():
    files = list(template_files())
    assert len(files) > 50  # the project's templates were found

    found = {str(path): inline_code(path.read_text()) for path in files}

    assert {path: items for path, items in found.items() if items} == {}


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        "<p style='color:red'>x</p>",
        "<style>p{}</style>",
        "<button onclick='go()'>x</button>",
        "<a href='javascript:go()'>x</a>",
    ],
)
def test_the_finder_sees_inline_code(html):
    assert inline_code(html) != []


def test_the_finder_lets_script_files_and_data_blocks_be():
    html = (
        '<script src="/static/js/app.js" defer></script>'
        '<script id="d" type="application/json">{"a": 1}</script>'
    )
    assert inline_code(html) == []
