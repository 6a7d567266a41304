import pytest

from tests.factories import DEMO_PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_person_signs_in_from_the_home_page_and_out_again(page_as):
    UserFactory(email="rosa@example.org", full_name="Rosa Delgado")
    page = page_as(None)
    page.goto("/")

    page.get_by_role("link", name="Sign in to the Hub").click()
    page.get_by_label("Email").fill("rosa@example.org")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign In").click()

    page.get_by_role("heading", name="Welcome, Rosa").wait_for()
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("link", name="Sign in to the Hub").wait_for()


def test_wrong_password_shows_the_error_by_the_form_and_keeps_the_email(page_as):
    UserFactory(email="rosa@example.org")
    page = page_as(None)
    page.goto("/accounts/login/")

    page.get_by_label("Email").fill("rosa@example.org")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Sign In").click()

    page.get_by_text("not correct").wait_for()
    assert page.get_by_label("Email").input_value() == "rosa@example.org"


def test_keyboard_user_reaches_the_skip_link_first(page_as):
    page = page_as(None)
    page.goto("/")

    page.keyboard.press("Tab")

    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
