"""Guessing passwords and probing addresses: the sixth failed login for an
account within five minutes is refused even with the right password, wherever
the attempts come from; nothing tells whether an address has an account."""

import re
import time

import pytest
from django.core import mail
from django.urls import reverse

from members.models import JoinRequest
from tests.factories import DEMO_PASSWORD, UserFactory

pytestmark = [pytest.mark.audit, pytest.mark.django_db]

LOGIN = "/accounts/login/"


def sign_in(client, email, password=DEMO_PASSWORD, ip="198.51.100.1"):
    return client.post(LOGIN, {"login": email, "password": password}, REMOTE_ADDR=ip)


class Clock:
    """allauth's rate limits read time.time(); this one can be moved on."""

    def __init__(self):
        self.now = time.time()

    def time(self):
        return self.now

    def __getattr__(self, name):
        return getattr(time, name)


CSRF = re.compile(rb'("X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+')


def page(response) -> bytes:
    """The page as anyone would see it, less the per-request CSRF token."""
    return CSRF.sub(rb"\1(token)", response.content)


@pytest.fixture
def clock(monkeypatch):
    import allauth.core.internal.ratelimit as ratelimit

    fake = Clock()
    monkeypatch.setattr(ratelimit, "time", fake)
    return fake


def failed_logins(client, email, count):
    for n in range(count):
        response = sign_in(client, email, f"guess-{n}", ip=f"203.0.113.{n + 1}")
        assert "not correct" in response.content.decode()


def test_the_sixth_attempt_is_refused_even_with_the_right_password_from_anywhere(client, clock):
    UserFactory(email="rosa@example.org")
    failed_logins(client, "rosa@example.org", 5)  # five networks, one account

    response = sign_in(client, "rosa@example.org", ip="192.0.2.77")

    assert response.status_code == 200
    content = response.content.decode()
    assert "Too many failed login attempts. Try again later." in content
    assert 'value="rosa@example.org"' in content  # the typed address is kept
    assert "_auth_user_id" not in client.session


def test_the_lock_is_the_accounts_own(client, clock):
    UserFactory(email="rosa@example.org")
    UserFactory(email="ana@example.org")
    failed_logins(client, "rosa@example.org", 5)

    response = sign_in(client, "ana@example.org")

    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_five_failures_leave_the_right_password_working(client, clock):
    UserFactory(email="rosa@example.org")
    failed_logins(client, "rosa@example.org", 4)

    assert sign_in(client, "rosa@example.org").status_code == 302


def test_the_account_opens_again_after_five_minutes(client, clock):
    UserFactory(email="rosa@example.org")
    failed_logins(client, "rosa@example.org", 5)
    assert sign_in(client, "rosa@example.org").status_code == 200

    clock.now += 5 * 60 + 1

    assert sign_in(client, "rosa@example.org").status_code == 302


def test_password_reset_shows_the_same_for_known_and_unknown_addresses(client):
    UserFactory(email="rosa@example.org")
    url = reverse("account_reset_password")

    known = client.post(url, {"email": "rosa@example.org"}, follow=True)
    unknown = client.post(url, {"email": "nobody@example.org"}, follow=True)

    assert known.redirect_chain == unknown.redirect_chain
    assert page(known) == page(unknown)
    # Each address hears only about itself.
    assert sorted(m.to[0] for m in mail.outbox) == ["nobody@example.org", "rosa@example.org"]


def test_the_join_request_form_shows_the_same_for_known_and_unknown_addresses(client):
    UserFactory(email="known@example.org")
    data = {
        "full_name": "Maya Jensen",
        "organisation_name": "Fox Valley Family Voices",
        "reason": "Family peer support.",
    }
    url = reverse("members:join_request")

    unknown = client.post(url, {**data, "email": "maya@example.org"}, follow=True)
    known = client.post(url, {**data, "email": "known@example.org"}, follow=True)

    assert known.redirect_chain == unknown.redirect_chain
    assert page(known) == page(unknown)
    assert JoinRequest.objects.count() == 1  # the known address is not asked in twice
