"""axe-core on every page the permission matrix knows: zero WCAG 2.2 A/AA violations.

Each URL is checked as the role that sees the most (the last role in the
matrix that gets 200) and, when the public sees it too, as the public: pages
show members more than the public. New matrix rows are covered with no extra
work. A few pages outside the matrix (sign in, not found) are listed below.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.matrix import MATRIX, ROLES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_22_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

# Pages outside the matrix: django-allauth's account pages and the errors.
EXTRA_PAGES = {
    "sign in": "/accounts/login/",
    "sign in with a code": "/accounts/login/code/",
    "password reset": "/accounts/password/reset/",
    "password reset sent": "/accounts/password/reset/done/",
    "password reset link used": "/accounts/password/reset/key/1-set-password/",
    "password reset done": "/accounts/password/reset/key/done/",
    "sign up closed": "/accounts/signup/",
    "account inactive": "/accounts/inactive/",
    "verification sent": "/accounts/confirm-email/",
    "not found": "/no-such-page/",
}
# The same, for a signed-in member.
MEMBER_ACCOUNT_PAGES = {
    "sign out": "/accounts/logout/",
    "email addresses": "/accounts/email/",
    "change password": "/accounts/password/change/",
    "confirm password": "/accounts/reauthenticate/",
    "two-factor": "/accounts/2fa/",
    "set up an authenticator": "/accounts/2fa/totp/activate/",
}


def visits():
    for url_name, row in sorted(MATRIX.items()):
        if not row.html or row.method != "get":
            continue
        statuses = row.statuses()
        allowed = [role for role in ROLES if statuses[role] == "200"]
        if not allowed:
            continue
        roles = {allowed[-1]}
        if statuses["public"] == "200":
            roles.add("public")
        for role in sorted(roles):
            yield pytest.param(url_name, role, id=f"{url_name}-as-{role}")


def format_violations(results) -> str:
    lines = []
    for violation in results.response["violations"]:
        targets = [", ".join(node["target"]) for node in violation["nodes"]][:5]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} -> {targets}")
    return "\n".join(lines)


def assert_accessible(page):
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_A_AA}})
    assert results.violations_count == 0, format_violations(results)


def record_console_errors(page) -> list[str]:
    """Console errors include every Content-Security-Policy refusal."""
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    return errors


def assert_page_accessible(page, path):
    """Open `path`: no WCAG violation and no console error (CSP refusals are
    console errors). Returns the response."""
    console_errors = record_console_errors(page)
    response = page.goto(path)
    assert_accessible(page)
    assert console_errors == []
    return response


@pytest.mark.parametrize(("url_name", "role"), list(visits()))
def test_page_has_no_wcag_violations(url_name, role, coalition, page_as):
    page = page_as(coalition.user(role))

    response = assert_page_accessible(page, MATRIX[url_name].url(coalition))

    assert response.status == 200


def test_axe_reports_a_page_with_violations(page_as):
    page = page_as(None)
    page.set_content('<html><body><img src="chart.png"><input type="text"></body></html>')

    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(page)


@pytest.mark.parametrize("path", EXTRA_PAGES.values(), ids=EXTRA_PAGES.keys())
def test_account_and_error_pages_have_no_wcag_violations(path, coalition, page_as):
    page = page_as(None)

    page.goto(path)

    assert_accessible(page)


@pytest.mark.parametrize("path", MEMBER_ACCOUNT_PAGES.values(), ids=MEMBER_ACCOUNT_PAGES.keys())
def test_a_members_account_pages_have_no_wcag_violations(path, coalition, page_as):
    assert_page_accessible(page_as(coalition.wg_member), path)


@pytest.fixture
def mfa_member(coalition):
    """A member with an authenticator app and recovery codes set up."""
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(coalition.wg_member, generate_totp_secret())
    RecoveryCodes.activate(coalition.wg_member)
    return coalition.wg_member


# Two-factor pages, as a member who has it set up. Pages that need a fresh
# sign-in first show the two-factor confirmation, which is checked too.
MFA_PAGES = {
    "two-factor, set up": "/accounts/2fa/",
    "recovery codes": "/accounts/2fa/recovery-codes/",
    "new recovery codes": "/accounts/2fa/recovery-codes/generate/",
    "turn off the authenticator": "/accounts/2fa/totp/deactivate/",
}


@pytest.mark.parametrize("path", MFA_PAGES.values(), ids=MFA_PAGES.keys())
def test_two_factor_pages_have_no_wcag_violations(path, mfa_member, page_as):
    assert_page_accessible(page_as(mfa_member), path)


def test_signing_in_with_two_factor_and_with_a_code_has_no_wcag_violations(mfa_member, page_as):
    from tests.factories import DEMO_PASSWORD

    page = page_as(None)
    console_errors = record_console_errors(page)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(mfa_member.email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/accounts/2fa/authenticate/")
    assert_accessible(page)  # the authenticator code asked at sign-in

    other = page_as(None)
    other.goto("/accounts/login/code/")
    other.get_by_label("Email").fill(mfa_member.email)
    other.get_by_role("button", name=re.compile("code", re.I)).click()
    other.wait_for_url("**/accounts/login/code/confirm/")
    assert_accessible(other)  # the emailed code's page
    assert console_errors == []
