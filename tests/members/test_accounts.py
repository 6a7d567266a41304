"""Signing in with django-allauth: email login, closed sign-up, the admin's login.
Rate limits and enumeration: tests/audit/test_login_protection.py."""

import pytest
from django.urls import reverse

from tests.factories import DEMO_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def sign_in(client, email, password=DEMO_PASSWORD):
    return client.post(LOGIN, {"login": email, "password": password})


def test_member_signs_in_with_email_and_password(client):
    UserFactory(email="rosa@example.org")

    response = sign_in(client, "rosa@example.org")

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.get(reverse("home")).context["user"].email == "rosa@example.org"


def test_email_is_matched_without_regard_to_case(client):
    UserFactory(email="rosa@example.org")

    response = sign_in(client, "Rosa@Example.org")

    assert response.status_code == 302


def test_wrong_password_is_refused_next_to_the_form_keeping_the_email(client):
    UserFactory(email="rosa@example.org")

    response = sign_in(client, "rosa@example.org", "not-the-password")

    content = response.content.decode()
    assert response.status_code == 200
    assert "not correct" in content
    assert 'value="rosa@example.org"' in content


def test_deactivated_person_cannot_sign_in(client):
    UserFactory(email="gone@example.org", is_active=False)

    response = sign_in(client, "gone@example.org")

    assert "_auth_user_id" not in client.session
    assert response.status_code in {200, 302}
    if response.status_code == 302:
        assert response["Location"] == reverse("account_inactive")


def test_sign_up_is_closed_to_the_public(client):
    response = client.get(reverse("account_signup"))

    assert response.status_code == 200
    assert "closed" in response.content.decode().lower()
    assert client.post(reverse("account_signup"), {"email": "x@example.org"}).status_code != 302


def test_django_admin_login_goes_through_allauth(client):
    response = client.get("/django-admin/login/")

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_django_admin_refuses_signed_in_non_staff(client):
    client.force_login(UserFactory())

    response = client.get("/django-admin/login/")

    assert response.status_code == 403
