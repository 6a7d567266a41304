"""Each role opens the Hub in Chromium and finds, on the first page, what needs
them, and nothing they may not see."""

import datetime

import pytest
from django.utils import timezone

from issues import services as issue_services
from tests.factories import ActionItemFactory, MeetingFactory
from workgroups.models import WorkgroupUpdate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SOON = timezone.timedelta(days=2)

# What each role must see on its home page, and what it must not.
EXPECTED = {
    "partner": (["Where to start", "Feedback rounds open to you"],
                ["Medicaid monthly", "Criminal Justice monthly", "Papers you are writing",
                 "Call the county", "Your update for the Core Group"]),
    "wg_member": (["Medicaid monthly", "Call the county", "Feedback rounds open to you"],
                  ["Criminal Justice monthly", "Papers you are writing",
                   "Your update for the Core Group", "Triage the issues"]),
    "wg_chair": (["Medicaid monthly", "Papers you are writing", "1 comment waiting",
                  "Your update for the Core Group"],
                 ["Criminal Justice monthly", "Call the county", "Triage the issues"]),
    "core": (["Core Group check-in", "Triage the issues", "Feedback rounds open to you"],
             ["Medicaid monthly", "Criminal Justice monthly", "Papers you are writing"]),
    "admin": (["Triage the issues", "The coalition at a glance"],
              ["Medicaid monthly", "Core Group check-in", "Call the county"]),
}  # fmt: skip


def _meeting(workgroup, title):
    start = timezone.now() + SOON
    return MeetingFactory(workgroup=workgroup, title=title, starts_at=start,
                          ends_at=start + datetime.timedelta(hours=1))  # fmt: skip


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_finds_what_needs_them_on_the_first_page(coalition, page_as, role):
    _meeting(coalition.workgroup, "Medicaid monthly")
    _meeting(coalition.other_workgroup, "Criminal Justice monthly")
    _meeting(coalition.core_group, "Core Group check-in")
    ActionItemFactory(workgroup=coalition.workgroup, owner=coalition.wg_member,
                      description="Call the county")  # fmt: skip
    paper = coalition.feedback_round().revisions.get().paper  # a round open to every member
    draft = coalition.paper("draft")
    issue_services.add_paper_comment(actor=coalition.core, paper=draft, body="Cite it.")
    WorkgroupUpdate.objects.create(workgroup=coalition.other_workgroup, happened="x",
                                   next_steps="y")  # fmt: skip
    assert paper  # the round's paper is under review

    page = page_as(coalition.user(role))
    page.goto("/")
    main = page.locator("main")
    main.get_by_role("heading", level=1).wait_for()

    seen, unseen = EXPECTED[role]
    text = main.inner_text()
    for words in seen:
        assert words in text, f"{role} should see {words!r}"
    for words in unseen:
        assert words not in text, f"{role} should not see {words!r}"
