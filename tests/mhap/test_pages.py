import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import permission_denied

pytestmark = pytest.mark.django_db


def test_home_names_the_coalition_for_the_public(client):
    response = client.get(reverse("home"))

    content = response.content.decode()
    assert settings.COALITION_NAME in content
    assert "Sign in to the Hub" in content


def test_home_greets_a_member_and_lists_their_workgroups(coalition, client_as):
    content = client_as(coalition.wg_member).get(reverse("home")).content.decode()

    assert "Welcome, Wren" in content
    assert 'href="/workgroups/medicaid-workforce/"' in content
    assert "Sign out" in content


def test_every_page_carries_a_strict_content_security_policy(client):
    policy = client.get(reverse("home"))["Content-Security-Policy"]

    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy


def test_layout_has_skip_link_landmarks_and_labelled_navigation(client):
    content = client.get(reverse("home")).content.decode()

    assert '<a class="usa-skipnav" href="#main-content">' in content
    assert '<main id="main-content"' in content
    assert '<nav aria-label="Primary"' in content
    assert "<footer" in content


def test_403_page_speaks_in_the_apps_look(rf):
    request = rf.get("/")
    request.user = AnonymousUser()

    response = permission_denied(request, PermissionDenied())

    assert response.status_code == 403
    assert "have access to this page" in response.content.decode()


def test_500_page_renders_without_a_request():
    # Django renders 500.html with an empty context: nothing in it may need one.
    content = render_to_string("500.html")

    assert "Something went wrong on our side" in content


def test_healthz_answers_ok(client):
    response = client.get(reverse("healthz"))

    assert response.content == b"ok"


def test_dates_show_in_the_persons_time_zone(coalition, client_as):
    from django.utils import timezone

    coalition.partner.time_zone = "America/New_York"
    coalition.partner.save(update_fields=["time_zone"])
    seen = {}

    from members.middleware import UserTimezoneMiddleware

    def view(request):
        seen["zone"] = timezone.get_current_timezone_name()
        return None

    request = RequestFactory().get("/")
    request.user = coalition.partner
    UserTimezoneMiddleware(view)(request)

    assert seen["zone"] == "America/New_York"


def test_an_actions_address_reached_by_get_says_so_and_changes_nothing(coalition, client_as):
    from tests.factories import BillFactory

    bill = BillFactory(status="introduced")
    url = reverse("advocacy:bill_status", kwargs={"pk": bill.pk})

    response = client_as(coalition.core).get(url)

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    page = response.content.decode()
    assert "This address only takes a form sent from its page" in page
    assert "Nothing was changed." in page
    bill_page = reverse("advocacy:bill", kwargs={"pk": bill.pk})
    assert f'href="{bill_page}">Go to the page this form belongs to' in page
    assert "Content-Security-Policy" in response.headers
    bill.refresh_from_db()
    assert bill.status == "introduced"


def test_an_htmx_405_stays_bare(coalition, client_as):
    from tests.factories import BillFactory

    url = reverse("advocacy:bill_status", kwargs={"pk": BillFactory().pk})

    response = client_as(coalition.core).get(url, headers={"HX-Request": "true"})

    assert response.status_code == 405
    assert response.content == b""
