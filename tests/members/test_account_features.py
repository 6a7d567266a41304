"""allauth's account features, through their real flows: sign-in by emailed code,
an authenticator app as a second factor, changing one's email, reauthentication.

Codes come from where a person gets them: the email in `mailoutbox`, or the
authenticator secret run through allauth's own TOTP functions.
"""

import html
import re
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.urls import reverse

from tests.factories import DEMO_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
REQUEST_CODE = "/accounts/login/code/"
CONFIRM_CODE = "/accounts/login/code/confirm/"
REAUTHENTICATE = "/accounts/reauthenticate/"
MFA_REAUTHENTICATE = "/accounts/2fa/reauthenticate/"
MFA_AUTHENTICATE = "/accounts/2fa/authenticate/"
TOTP_ACTIVATE = "/accounts/2fa/totp/activate/"
TOTP_DEACTIVATE = "/accounts/2fa/totp/deactivate/"
RECOVERY_CODES = "/accounts/2fa/recovery-codes/"
EMAIL = "/accounts/email/"

LOGIN_CODE_RE = re.compile(r"^\s*([A-Z0-9]{3,}(?:-[A-Z0-9]{3,})+)\s*$", re.MULTILINE)
CONFIRM_LINK_RE = re.compile(r"https?://[^/\s]+(/accounts/confirm-email/[^\s/]+/)")


@pytest.fixture(autouse=True)
def _one_step_of_clock_tolerance(settings):
    # A code computed just before a 30-second step ends is checked just after
    # it: one step either side keeps the tests from failing on that edge.
    settings.MFA_TOTP_TOLERANCE = 1


def signed_in_user_id(client) -> str | None:
    return client.session.get("_auth_user_id")


def sign_in_with_password(client, email):
    return client.post(LOGIN, {"login": email, "password": DEMO_PASSWORD})


def login_code_from(message) -> str:
    match = LOGIN_CODE_RE.search(message.body)
    assert match, message.body
    return match.group(1)


def a_different_code(code: str) -> str:
    wrong = "BBBB-BBBB"
    return wrong if code.replace("-", "") != wrong.replace("-", "") else "CCCC-CCCC"


def valid_totp_codes(secret: str) -> set[str]:
    """Every code allauth accepts right now, tolerance included."""
    step = int(time.time()) // mfa_settings.TOTP_PERIOD
    tolerance = mfa_settings.TOTP_TOLERANCE
    return {
        format_hotp_value(hotp_value(secret, counter))
        for counter in range(step - tolerance, step + tolerance + 1)
    }


def current_totp_code(secret: str) -> str:
    step = int(time.time()) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, step))


def wrong_totp_code(secret: str) -> str:
    valid = valid_totp_codes(secret)
    return next(code for code in (f"{n:06d}" for n in range(10)) if code not in valid)


def reauthenticate_with_password(client):
    response = client.post(REAUTHENTICATE, {"password": DEMO_PASSWORD})
    assert response.status_code == 302
    return response


def activate_totp(client) -> str:
    """The signed-in person sets up an authenticator app; returns its secret."""
    reauthenticate_with_password(client)
    page = client.get(TOTP_ACTIVATE)
    assert page.status_code == 200
    secret = page.context["form"].secret
    response = client.post(TOTP_ACTIVATE, {"code": current_totp_code(secret)})
    assert response.status_code == 302
    return secret


# Sign-in by emailed code ----------------------------------------------------


def test_login_code_from_the_email_signs_the_person_in(client, mailoutbox):
    rosa = UserFactory(email="rosa@example.org")

    requested = client.post(REQUEST_CODE, {"email": "rosa@example.org"})
    code = login_code_from(mailoutbox[-1])
    response = client.post(CONFIRM_CODE, {"code": code})

    assert requested.status_code == 302
    assert requested["Location"] == CONFIRM_CODE
    assert mailoutbox[-1].to == ["rosa@example.org"]
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert signed_in_user_id(client) == str(rosa.pk)


def test_login_code_page_names_the_address_the_code_went_to(client, mailoutbox):
    UserFactory(email="rosa@example.org")
    client.post(REQUEST_CODE, {"email": "rosa@example.org"})

    response = client.get(CONFIRM_CODE)

    content = response.content.decode()
    assert response.status_code == 200
    assert "<strong>rosa@example.org</strong>" in content


def test_login_code_that_is_wrong_is_refused_with_a_message(client, mailoutbox):
    UserFactory(email="rosa@example.org")
    client.post(REQUEST_CODE, {"email": "rosa@example.org"})
    code = login_code_from(mailoutbox[-1])

    response = client.post(CONFIRM_CODE, {"code": a_different_code(code)})

    assert response.status_code == 200
    assert "Incorrect code." in response.content.decode()
    assert signed_in_user_id(client) is None


# An authenticator app as a second factor -----------------------------------


def test_totp_activation_with_the_app_code_turns_two_factor_on(client):
    rosa = UserFactory(email="rosa@example.org")
    client.force_login(rosa)
    reauthenticate_with_password(client)
    secret = client.get(TOTP_ACTIVATE).context["form"].secret

    response = client.post(TOTP_ACTIVATE, {"code": current_totp_code(secret)})

    # The first factor comes with recovery codes, shown straight away.
    assert response.status_code == 302
    assert response["Location"] == RECOVERY_CODES
    types = set(Authenticator.objects.filter(user=rosa).values_list("type", flat=True))
    assert types == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}


def test_totp_activation_with_a_wrong_code_is_refused(client):
    rosa = UserFactory(email="rosa@example.org")
    client.force_login(rosa)
    reauthenticate_with_password(client)
    secret = client.get(TOTP_ACTIVATE).context["form"].secret

    response = client.post(TOTP_ACTIVATE, {"code": wrong_totp_code(secret)})

    assert response.status_code == 200
    assert "Incorrect code." in response.content.decode()
    assert not Authenticator.objects.filter(user=rosa).exists()


def test_totp_activation_page_shows_the_qr_code_and_the_secret_as_text(client):
    client.force_login(UserFactory())
    reauthenticate_with_password(client)

    response = client.get(TOTP_ACTIVATE)

    content = response.content.decode()
    secret = response.context["form"].secret
    assert re.search(r'<img[^>]+src="data:image/svg\+xml;base64,', content)
    assert 'alt="QR code that adds your MHAP Hub account to an authenticator app"' in content
    assert f'<code class="font-mono-md text-bold" id="authenticator_secret">{secret}</code>' in (
        content
    )


def test_password_sign_in_with_totp_asks_for_the_app_code_first(client):
    rosa = UserFactory(email="rosa@example.org")
    client.force_login(rosa)
    activate_totp(client)
    client.logout()

    response = sign_in_with_password(client, "rosa@example.org")

    assert response.status_code == 302
    assert response["Location"] == MFA_AUTHENTICATE
    assert signed_in_user_id(client) is None
    assert client.get(MFA_AUTHENTICATE).status_code == 200


def test_mfa_step_refuses_a_wrong_app_code(client):
    rosa = UserFactory(email="rosa@example.org")
    client.force_login(rosa)
    secret = activate_totp(client)
    client.logout()
    sign_in_with_password(client, "rosa@example.org")

    response = client.post(MFA_AUTHENTICATE, {"code": wrong_totp_code(secret)})

    assert response.status_code == 200
    assert "Incorrect code." in response.content.decode()
    assert signed_in_user_id(client) is None


def test_mfa_step_with_the_current_app_code_completes_the_sign_in(client):
    rosa = UserFactory(email="rosa@example.org")
    client.force_login(rosa)
    secret = activate_totp(client)
    client.logout()
    sign_in_with_password(client, "rosa@example.org")

    response = client.post(MFA_AUTHENTICATE, {"code": current_totp_code(secret)})

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert signed_in_user_id(client) == str(rosa.pk)


def test_recovery_codes_page_lists_the_unused_codes(client):
    rosa = UserFactory(email="rosa@example.org")
    client.force_login(rosa)
    activate_totp(client)
    codes = (
        Authenticator.objects.get(user=rosa, type=Authenticator.Type.RECOVERY_CODES)
        .wrap()
        .get_unused_codes()
    )

    response = client.get(RECOVERY_CODES)

    content = response.content.decode()
    assert response.status_code == 200
    assert len(codes) == mfa_settings.RECOVERY_CODE_COUNT
    assert all(code in content for code in codes)


def test_recovery_codes_download_is_a_text_file_of_the_unused_codes(client):
    rosa = UserFactory(email="rosa@example.org")
    client.force_login(rosa)
    activate_totp(client)
    codes = (
        Authenticator.objects.get(user=rosa, type=Authenticator.Type.RECOVERY_CODES)
        .wrap()
        .get_unused_codes()
    )

    response = client.get(f"{RECOVERY_CODES}download/")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="recovery-codes.txt"'
    assert response.content.decode().split() == codes


# Changing one's email --------------------------------------------------------


def test_new_email_stays_secondary_until_its_link_is_opened(client, mailoutbox):
    rosa = UserFactory(email="rosa@example.org")
    client.force_login(rosa)

    response = client.post(EMAIL, {"email": "rosa@new.example.org", "action_add": ""})

    assert response.status_code == 302
    rosa.refresh_from_db()
    assert rosa.email == "rosa@example.org"
    new = EmailAddress.objects.get(user=rosa, email="rosa@new.example.org")
    assert (new.verified, new.primary) == (False, False)
    assert EmailAddress.objects.get_primary(rosa).email == "rosa@example.org"
    assert [m.to for m in mailoutbox] == [["rosa@new.example.org"]]


def test_new_email_becomes_primary_once_its_verification_link_is_opened(client, mailoutbox):
    rosa = UserFactory(email="rosa@example.org")
    client.force_login(rosa)
    client.post(EMAIL, {"email": "rosa@new.example.org", "action_add": ""})
    link = CONFIRM_LINK_RE.search(mailoutbox[-1].body).group(1)

    page = client.get(link)
    response = client.post(link)

    assert page.status_code == 200
    assert response.status_code == 302
    rosa.refresh_from_db()
    assert rosa.email == "rosa@new.example.org"
    primary = EmailAddress.objects.get_primary(rosa)
    assert (primary.email, primary.verified) == ("rosa@new.example.org", True)
    # One address per person: the old one is gone.
    assert list(EmailAddress.objects.filter(user=rosa).values_list("email", flat=True)) == [
        "rosa@new.example.org"
    ]


def test_email_page_with_a_pending_change_offers_resend_and_cancel(client):
    rosa = UserFactory(email="rosa@example.org")
    client.force_login(rosa)
    client.post(EMAIL, {"email": "rosa@new.example.org", "action_add": ""})

    response = client.get(EMAIL)

    content = response.content.decode()
    assert "Changing to <strong>rosa@new.example.org</strong>" in content
    assert 'name="action_send"' in content
    assert 'name="action_remove"' in content
    assert "style=" not in content


def test_pending_email_change_can_be_cancelled(client):
    rosa = UserFactory(email="rosa@example.org")
    client.force_login(rosa)
    client.post(EMAIL, {"email": "rosa@new.example.org", "action_add": ""})

    response = client.post(EMAIL, {"email": "rosa@new.example.org", "action_remove": ""})

    assert response.status_code == 302
    assert list(EmailAddress.objects.filter(user=rosa).values_list("email", flat=True)) == [
        "rosa@example.org"
    ]


def test_email_change_with_two_factor_on_is_refused_with_a_message(client):
    # allauth's rule (MFA_ALLOW_UNVERIFIED_EMAIL is off): an unverified address
    # must not be added to an account that two-factor authentication protects.
    rosa = UserFactory(email="rosa@example.org")
    client.force_login(rosa)
    activate_totp(client)

    response = client.post(EMAIL, {"email": "rosa@new.example.org", "action_add": ""})

    assert response.status_code == 200
    assert "protected by two-factor authentication" in response.content.decode()
    assert not EmailAddress.objects.filter(email="rosa@new.example.org").exists()


# Reauthentication -------------------------------------------------------------


def test_totp_activation_opens_right_after_reauthenticating(client):
    client.force_login(UserFactory())
    reauthenticate_with_password(client)

    response = client.get(TOTP_ACTIVATE)

    assert response.status_code == 200


def test_totp_activation_redirects_to_reauthenticate_once_the_timeout_has_passed(client, settings):
    client.force_login(UserFactory())
    reauthenticate_with_password(client)
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 0

    response = client.get(TOTP_ACTIVATE)

    assert response.status_code == 302
    assert response["Location"] == f"{REAUTHENTICATE}?next={TOTP_ACTIVATE.replace('/', '%2F')}"


def test_reauthentication_with_the_password_returns_to_the_sensitive_page(client):
    client.force_login(UserFactory())
    redirect = client.get(TOTP_ACTIVATE)

    response = client.post(redirect["Location"], {"password": DEMO_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == TOTP_ACTIVATE


def test_reauthentication_with_a_wrong_password_is_refused(client):
    client.force_login(UserFactory())

    response = client.post(REAUTHENTICATE, {"password": "not-the-password"})

    assert response.status_code == 200
    assert "incorrect" in response.content.decode().lower()
    assert client.get(TOTP_ACTIVATE).status_code == 302


def test_reauthentication_with_totp_on_offers_the_authenticator_app(client, settings):
    rosa = UserFactory(email="rosa@example.org")
    client.force_login(rosa)
    secret = activate_totp(client)
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 0
    redirect = client.get(TOTP_DEACTIVATE)
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 300

    page = client.get(redirect["Location"])
    response = client.post(
        f"{MFA_REAUTHENTICATE}?next={TOTP_DEACTIVATE}", {"code": current_totp_code(secret)}
    )

    assert redirect["Location"].startswith(REAUTHENTICATE)
    assert f'href="{MFA_REAUTHENTICATE}?next=' in html.unescape(page.content.decode())
    assert response.status_code == 302
    assert response["Location"] == TOTP_DEACTIVATE
    assert client.get(TOTP_DEACTIVATE).status_code == 200


# Every page: the app's title, and nothing inline for the CSP to refuse ------

INLINE_SCRIPT_RE = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>")


def test_signed_in_account_pages_have_app_titles_and_nothing_inline(client):
    rosa = UserFactory(email="rosa@example.org")
    client.force_login(rosa)
    activate_totp(client)
    pages = {
        EMAIL: "Email address",
        "/accounts/password/change/": "Change password",
        "/accounts/2fa/": "Two-factor authentication",
        TOTP_DEACTIVATE: "Turn off the authenticator app",
        RECOVERY_CODES: "Recovery codes",
        "/accounts/2fa/recovery-codes/generate/": "Generate new recovery codes",
        REAUTHENTICATE: "Confirm it's you",
        MFA_REAUTHENTICATE: "Confirm it's you",
    }

    seen = {}
    for url in pages:
        response = client.get(url)
        content = response.content.decode()
        title = re.search(r"<title>(.*?)</title>", content, re.DOTALL).group(1)
        seen[url] = (
            response.status_code,
            html.unescape(" ".join(title.split())),
            "style=" in content,
            INLINE_SCRIPT_RE.findall(content),
        )

    assert seen == {url: (200, f"{name} — MHAP Hub", False, []) for url, name in pages.items()}


def test_sign_in_steps_have_app_titles_and_nothing_inline(client, mailoutbox):
    rosa = UserFactory(email="rosa@example.org")
    TOTP.activate(rosa, generate_totp_secret())
    pages = {
        REQUEST_CODE: "Sign in with a code",
        CONFIRM_CODE: "Enter your sign-in code",
        MFA_AUTHENTICATE: "Two-factor authentication",
    }

    seen = {}
    for url in pages:
        if url == CONFIRM_CODE:
            client.post(REQUEST_CODE, {"email": "rosa@example.org"})
        if url == MFA_AUTHENTICATE:
            client.logout()  # ends the pending sign-in by code
            sign_in_with_password(client, "rosa@example.org")
        response = client.get(url)
        content = response.content.decode()
        title = re.search(r"<title>(.*?)</title>", content, re.DOTALL).group(1)
        seen[url] = (
            response.status_code,
            html.unescape(" ".join(title.split())),
            "style=" in content,
            INLINE_SCRIPT_RE.findall(content),
        )

    assert seen == {url: (200, f"{name} — MHAP Hub", False, []) for url, name in pages.items()}
