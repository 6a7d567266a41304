"""allauth's account pages in Chromium: no WCAG 2.2 A/AA violations (axe) and no
console errors, which include every Content-Security-Policy refusal.

The two-factor set-up page sits behind reauthentication, so that test signs in
and confirms the password through the real forms, as a person would, and
checks the page it lands on is the set-up page itself.
"""

import re

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from tests.factories import DEMO_PASSWORD, UserFactory
from tests.members.test_account_features import current_totp_code
from tests.test_accessibility import assert_accessible, record_console_errors

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIGNED_IN_PAGES = {
    "email": "/accounts/email/",
    "password change": "/accounts/password/change/",
    "two-factor": "/accounts/2fa/",
    "reauthenticate": "/accounts/reauthenticate/",
}


@pytest.fixture(autouse=True)
def _one_step_of_clock_tolerance(settings):
    # The live server runs in this process: a code typed just as its 30-second
    # step ends is still accepted.
    settings.MFA_TOTP_TOLERANCE = 1


def sign_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile(r"/$|/accounts/2fa/authenticate/$"))


def image_is_drawn(page, selector) -> bool:
    return page.eval_on_selector(selector, "img => img.complete && img.naturalWidth > 0")


@pytest.mark.parametrize("path", SIGNED_IN_PAGES.values(), ids=SIGNED_IN_PAGES.keys())
def test_signed_in_account_page_is_accessible(path, page_as):
    page = page_as(UserFactory())
    console_errors = record_console_errors(page)

    response = page.goto(path)

    assert response.status == 200
    assert page.url.endswith(path)
    assert_accessible(page)
    assert console_errors == []


def test_totp_activation_and_recovery_code_pages_are_accessible(page_as):
    UserFactory(email="rosa@example.org")
    page = page_as(None)
    console_errors = record_console_errors(page)
    sign_in(page, "rosa@example.org")

    page.goto("/accounts/2fa/totp/activate/")
    page.wait_for_url(re.compile(r"/accounts/reauthenticate/"))
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(re.compile(r"/accounts/2fa/totp/activate/$"))

    page.get_by_role("heading", name="Set up an authenticator app", level=1).wait_for()
    qr_code = page.get_by_role("img", name=re.compile("QR code"))
    assert qr_code.is_visible()
    assert image_is_drawn(page, "img[src^='data:image/svg+xml']")
    assert_accessible(page)

    secret = page.locator("#authenticator_secret").inner_text().strip()
    page.get_by_label("6-digit code from the app").fill(current_totp_code(secret))
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    page.wait_for_url(re.compile(r"/accounts/2fa/recovery-codes/$"))
    page.get_by_role("heading", name="Recovery codes", level=1).wait_for()
    assert_accessible(page)
    assert console_errors == []


def test_two_factor_pages_with_the_app_on_are_accessible(page_as):
    rosa = UserFactory(email="rosa@example.org")
    secret = generate_totp_secret()
    TOTP.activate(rosa, secret)
    RecoveryCodes.activate(rosa)
    page = page_as(rosa)
    console_errors = record_console_errors(page)

    # Reauthentication offers the authenticator app as well as the password.
    page.goto("/accounts/2fa/totp/deactivate/")
    page.wait_for_url(re.compile(r"/accounts/reauthenticate/"))
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("authenticator app")).click()
    page.wait_for_url(re.compile(r"/accounts/2fa/reauthenticate/"))
    assert_accessible(page)
    page.get_by_label("Authenticator or recovery code").fill(current_totp_code(secret))
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(re.compile(r"/accounts/2fa/totp/deactivate/$"))
    page.get_by_role("heading", name="Turn off the authenticator app", level=1).wait_for()
    assert_accessible(page)
    for path, heading in [
        ("/accounts/2fa/", "Two-factor authentication"),
        ("/accounts/2fa/recovery-codes/generate/", "Generate new recovery codes"),
    ]:
        page.goto(path)
        assert page.url.endswith(path)
        page.get_by_role("heading", name=heading, level=1).wait_for()
        assert_accessible(page)
    assert console_errors == []


def test_mfa_step_of_signing_in_is_accessible(page_as):
    rosa = UserFactory(email="rosa@example.org")
    TOTP.activate(rosa, generate_totp_secret())
    page = page_as(None)
    console_errors = record_console_errors(page)

    sign_in(page, "rosa@example.org")

    assert page.url.endswith("/accounts/2fa/authenticate/")
    page.get_by_label("Authenticator or recovery code").wait_for()
    assert_accessible(page)
    assert console_errors == []


def test_login_code_pages_are_accessible(page_as, mailoutbox):
    UserFactory(email="rosa@example.org")
    page = page_as(None)
    console_errors = record_console_errors(page)

    response = page.goto("/accounts/login/code/")
    assert response.status == 200
    assert_accessible(page)
    page.get_by_label("Email").fill("rosa@example.org")
    page.get_by_role("button", name="Email me a code").click()
    page.wait_for_url(re.compile(r"/accounts/login/code/confirm/$"))

    page.get_by_label("Code").wait_for()
    assert_accessible(page)
    assert console_errors == []


def test_email_page_with_a_pending_change_is_accessible(page_as, mailoutbox):
    page = page_as(UserFactory(email="rosa@example.org"))
    console_errors = record_console_errors(page)
    page.goto("/accounts/email/")

    page.get_by_label("New email address").fill("rosa@new.example.org")
    page.get_by_role("button", name="Change email").click()

    page.get_by_role("button", name="Cancel change").wait_for()
    assert_accessible(page)
    assert console_errors == []
