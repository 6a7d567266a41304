"""A partner gives summit feedback in Chromium, as a person would."""

import pytest

from issues import services as issue_services
from summits.models import Feedback, RoundPaper
from tests.factories import paper_in_state

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
