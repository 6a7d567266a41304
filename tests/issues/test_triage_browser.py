"""The Core Group's triage page, driven as a person would, in Chromium."""

import csv
import io
from pathlib import Path

import pytest

from issues.models import Issue, IssueChange
from tests.factories import IssueFactory
from tests.keyboard import FOCUSED, assert_visibly_focused, focus_matches, skip_to_main, tab_to
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


# Keyboard only: the person below never clicks, fills or focuses anything.


def test_core_member_triages_an_issue_inline_with_the_keyboard_alone(coalition, page_as, inbox):
    issue, next_by_title = inbox[2], inbox[-1]  # Crisis stabilisation, then Jail diversion
    page = page_as(coalition.core)
    page.goto("/issues/?sort=title")

    skip_to_main(page)

    # Past the filters, the bulk form and the rows above, to this row's Edit.
    tab_to(page, f"#issue-{issue.pk} a.mhap-edit-row", f"Edit #{issue.pk}")
    page.keyboard.press("Enter")
    page.locator(f"#issue-{issue.pk} form").wait_for()
    assert focus_matches(page, f"#row{issue.pk}_term"), page.evaluate(FOCUSED)
    assert_visibly_focused(page, "Term, after the edit controls open")

    page.keyboard.press("ArrowDown")  # Short term -> Medium term
    tab_to(page, f"#row{issue.pk}_status", "Status", limit=1)
    page.keyboard.type("Acc")  # a select's type-ahead
    tab_to(page, f"#row{issue.pk}_workgroup", "Workgroup", limit=1)
    page.keyboard.type("Crim")
    tab_to(page, f"#row{issue.pk}_impact", "Impact", limit=2)
    page.keyboard.type("4")
    tab_to(page, f"#row{issue.pk}_reason", "Reason", limit=2)
    page.keyboard.type("Agreed at the Core Group")
    tab_to(page, f"#issue-{issue.pk} button[type=submit]", f"Save #{issue.pk}", limit=1)
    page.keyboard.press("Enter")

    row = page.locator(f"#issue-{issue.pk}.mhap-triage__row--saved")
    row.wait_for()
    for shown in ("Medium term", "Accepted", "Criminal Justice", "4"):
        assert shown in row.locator("td").all_inner_texts()
    issue.refresh_from_db()
    assert (issue.term, issue.status, issue.workgroup, issue.impact) == (
        "medium", "accepted", coalition.other_workgroup, 4
    )  # fmt: skip
    assert IssueChange.objects.filter(issue=issue, reason="Agreed at the Core Group").exists()

    # The focus stays on the saved row, from where j / k and e carry on.
    assert focus_matches(page, f"#issue-{issue.pk}"), page.evaluate(FOCUSED)
    assert_visibly_focused(page, "The saved row")
    page.keyboard.press("j")
    assert focus_matches(page, f"#issue-{next_by_title.pk}"), page.evaluate(FOCUSED)
