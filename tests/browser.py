"""Playwright driving Debian's Chromium, for the flows a person does with a mouse.

On CI (CI=true) a missing Chromium fails the run: browser tests are never
skipped there. On a laptop without Chromium they are skipped with a message.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


def chromium_path() -> str | None:
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured if Path(configured).exists() else None
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if executable is None:
        message = (
            "Browser tests need Chromium: install Debian's package (apt-get install chromium) "
            "or set CHROMIUM_PATH to a Chromium binary."
        )
        if os.environ.get("CI"):
            pytest.fail(f"{message} CI must run the browser tests.")
        pytest.skip(message)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is a dev dependency
        pytest.fail("playwright is not installed: run `make test`, which installs it.")
    # Playwright's sync API runs an event loop in this thread; the live server
    # and the ORM calls in the test are still synchronous Django.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page_as(browser, live_server):
    """page_as(user) -> a Playwright page whose session is signed in as that person.

    Each page gets a session of its own, so two people can be signed in at once.
    """
    from django.test import Client

    contexts = []

    def open_page(user=None):
        context = browser.new_context(base_url=live_server.url)
        if user is not None and user.is_authenticated:
            client = Client()
            client.force_login(user)
            session_cookie = client.cookies[settings_session_cookie_name()]
            context.add_cookies(
                [
                    {
                        "name": session_cookie.key,
                        "value": session_cookie.value,
                        "url": live_server.url,
                    }
                ]
            )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


def settings_session_cookie_name() -> str:
    from django.conf import settings

    return settings.SESSION_COOKIE_NAME
