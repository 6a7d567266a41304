"""The Core Group's triage page, driven as a person would, in Chromium."""

import csv
import io
from pathlib import Path

import pytest

from issues.models import Issue, IssueChange
from tests.factories import IssueFactory
from tests.test_accessibility import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def inbox(coalition):
    titles = ["988 call centre funding", "Mobile crisis teams", "Crisis stabilisation centres",
              "Parity audits", "Telehealth permanence"]  # fmt: skip
    return [
        IssueFactory(workgroup=coalition.workgroup, title=title, term="short", status="proposed")
        for title in titles
    ] + [IssueFactory(workgroup=coalition.other_workgroup, title="Jail diversion", term="long")]


def test_core_member_filters_edits_inline_bulk_changes_and_exports(coalition, page_as, inbox):
    page = page_as(coalition.core)
    page.goto("/issues/")

    # Filter: htmx replaces the results as the select changes.
    page.locator("form.mhap-filters").get_by_label("Term").select_option(label="Short term")
    page.get_by_text("5 issues.").wait_for()
    assert "term=short" in page.url

    # Inline edit of one row, without a page reload (the marker would be gone).
    page.evaluate("window.triageMarker = 'still here'")
    first = inbox[0]
    page.get_by_role("link", name=f"Edit #{first.pk}").click()
    row = page.locator(f"#issue-{first.pk}")
    row.get_by_label("Status").select_option(label="Accepted")
    row.get_by_label("Impact").select_option("5")
    row.get_by_role("button", name=f"Save #{first.pk}").click()
    page.locator(f"#issue-{first.pk}.mhap-triage__row--saved").wait_for()
    assert "Accepted" in page.locator(f"#issue-{first.pk}").inner_text()
    assert "term=short" in page.url  # still the filtered list: no reload
    first.refresh_from_db()
    assert (first.status, first.impact) == ("accepted", 5)

    # Bulk change of three selected rows, with a reason.
    for issue in inbox[1:4]:
        page.get_by_label(f"Select #{issue.pk}").check()
    bulk = page.locator("#bulk-form")
    bulk.get_by_label("Status").select_option(label="Deferred")
    bulk.get_by_label("Reason (optional)").fill("After the 2026 session")
    bulk.get_by_role("button", name="Apply to selected").click()
    page.get_by_text("3 issues changed.").wait_for()
    assert set(Issue.objects.filter(status="deferred")) == set(inbox[1:4])
    assert IssueChange.objects.filter(reason="After the 2026 session").count() == 3
    assert page.evaluate("window.triageMarker") == "still here"

    # Export what is on screen.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export these as CSV").click()
    content = Path(download_info.value.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert sorted(row["title"] for row in rows) == sorted(issue.title for issue in inbox[:5])


def test_keyboard_moves_between_rows_and_opens_the_edit_controls(coalition, page_as, inbox):
    page = page_as(coalition.core)
    page.goto("/issues/?sort=title")

    page.locator("main").click(position={"x": 5, "y": 5})
    page.keyboard.press("j")
    page.keyboard.press("j")
    focused = page.evaluate("document.activeElement.id")
    page.keyboard.press("e")
    page.locator(f"#{focused} form").wait_for()
    assert page.evaluate("document.activeElement.tagName") == "SELECT"
    assert_accessible(page)

    page.keyboard.press("Escape")
    page.locator(f"#{focused} form").wait_for(state="detached")


def test_a_chair_cannot_edit_another_workgroups_issue(coalition, page_as, inbox):
    page = page_as(coalition.wg_chair)
    page.goto("/issues/")

    mine, theirs = inbox[0], inbox[-1]
    assert page.get_by_role("link", name=f"Edit #{mine.pk}").count() == 1
    assert page.get_by_role("link", name=f"Edit #{theirs.pk}").count() == 0
