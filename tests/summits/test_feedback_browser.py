"""A partner gives summit feedback in Chromium, as a person would."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from issues import services as issue_services
from summits.models import Feedback, RoundPaper
from tests.factories import paper_in_state
from tests.keyboard import FOCUSED, assert_visibly_focused, focus_matches, skip_to_main, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_partner_gives_feedback_on_two_papers_and_edits_one(coalition, page_as):
    second = paper_in_state(
        workgroup=coalition.other_workgroup,
        chair=coalition.other_chair,
        core=coalition.core,
        state="submitted",
    )
    feedback_round = coalition.feedback_round()
    # A second paper in the same round, from another workgroup.
    second = issue_services.start_review(actor=coalition.core, paper=second)
    RoundPaper.objects.create(round=feedback_round, revision=second.review_revision, position=1)
    page = page_as(coalition.partner)

    page.goto("/summits/")
    page.get_by_text("you have answered 0 of 2 papers").wait_for()
    page.get_by_role("link", name=f"{feedback_round.summit.title}: Before the summit").click()
    titles = [rp.revision.title for rp in feedback_round.round_papers.select_related("revision")]

    for title, stance in zip(titles, ["Support with changes", "Oppose"], strict=True):
        page.get_by_role("link", name=f"Give feedback on {title}").click()
        page.locator("label", has_text=stance).first.click()
        page.get_by_label("Comments").fill(f"Thoughts on {title}.")
        page.get_by_role("button", name="Submit my feedback").click()
        page.get_by_text(f"Your feedback on “{title}” is recorded.").wait_for()

    page.get_by_role("link", name=f"Change it on {titles[1]}").click()
    page.locator("label", has_text="Concerns").first.click()
    page.get_by_role("button", name="Submit my feedback").click()
    page.get_by_text(f"Your feedback on “{titles[1]}” is recorded.").wait_for()

    assert sorted(Feedback.objects.values_list("stance", flat=True)) == [
        "concerns",
        "support_with_changes",
    ]
    page.goto("/summits/")
    page.get_by_text("you have answered 2 of 2 papers").wait_for()


# Keyboard only: the person below never clicks, fills or focuses anything.
# (The same helpers as in tests/issues/test_triage_browser.py.)


def test_partner_gives_feedback_on_a_recommendation_with_the_keyboard_alone(coalition, page_as):
    feedback_round = coalition.feedback_round()
    revision = feedback_round.revisions.get()
    round_url = reverse("summits:round", kwargs={"pk": feedback_round.pk})
    form_url = reverse(
        "summits:give_feedback", kwargs={"pk": feedback_round.pk, "paper_pk": revision.paper_id}
    )
    page = page_as(coalition.partner)
    page.goto(round_url)

    skip_to_main(page)
    tab_to(page, f'a[href="{form_url}"]', f"Give feedback on {revision.title}")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlsplit(url).path == form_url)

    skip_to_main(page)
    # Tab enters the stance radios at the first; the arrow keys move and choose.
    tab_to(page, "#id_stance_0", "Stance: Support")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert focus_matches(page, "#id_stance_2:checked"), page.evaluate(FOCUSED)
    assert_visibly_focused(page, "Stance: Concerns")
    tab_to(page, "#id_recommendation_number", "About", limit=1)
    page.keyboard.press("ArrowDown")  # The whole paper -> Recommendation 1
    tab_to(page, "#id_comments", "Comments", limit=1)
    page.keyboard.type("Who pays once the federal grant ends?")
    tab_to(page, "#id_suggested_changes", "Suggested changes", limit=1)
    page.keyboard.type("Name the fee in the recommendation.")
    tab_to(page, "#id_organisation_position", "Organisation's position", limit=1)
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit]", "Submit my feedback", limit=1)
    page.keyboard.press("Space")

    # The skip link's #main-content rides along through the redirect.
    page.wait_for_url(lambda url: urlsplit(url).path == round_url)
    feedback = Feedback.objects.get(person=coalition.partner, revision=revision)
    assert (
        feedback.stance,
        feedback.recommendation_number,
        feedback.comments,
        feedback.suggested_changes,
        feedback.organisation_position,
    ) == (
        "concerns",
        1,
        "Who pays once the federal grant ends?",
        "Name the fee in the recommendation.",
        True,
    )
    # The confirmation is a status message, and the focus is on it: it is read
    # out, and the next Tab carries on from there rather than the page's top.
    confirmation = page.get_by_role("status").filter(
        has_text=f"Your feedback on “{revision.title}” is recorded."
    )
    confirmation.wait_for()
    assert focus_matches(page, ".mhap-messages"), page.evaluate(FOCUSED)
    assert_visibly_focused(page, "The confirmation")
    tab_to(page, ".usa-breadcrumb__link", "The first link after the confirmation", limit=1)
    assert "Answered: concerns." in page.get_by_role("row", name=revision.title).inner_text()
