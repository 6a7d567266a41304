"""Logging a contact in Chromium: a member records a meeting with two
legislators about two papers, where one was supportive and the other opposed,
and the papers' pages and the overview show it."""

import pytest
from django.urls import reverse

from issues.models import Contact
from tests.factories import IssueFactory, LegislatorFactory, paper_in_state
from tests.test_accessibility import assert_accessible, record_console_errors

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def adopted_paper(coalition, title):
    issue = IssueFactory(workgroup=coalition.workgroup, status="prioritised", title=title)
    return paper_in_state(
        workgroup=coalition.workgroup,
        chair=coalition.wg_chair,
        core=coalition.core,
        state="adopted",
        issue=issue,
    )


def tick(page, text):
    # USWDS draws its own box over the input: a person clicks the label.
    page.locator(".usa-checkbox__label, .usa-radio__label", has_text=text).click()


def test_member_logs_a_meeting_with_two_legislators_about_two_papers(coalition, page_as):
    first = adopted_paper(coalition, "Fund 988")
    second = adopted_paper(coalition, "Mobile crisis teams")
    holmgren = LegislatorFactory(full_name="Karen Holmgren", party="R", district=3)
    amundsen = LegislatorFactory(
        full_name="Kathleen Amundsen", chamber="senate", party="D", district=26
    )
    not_met = LegislatorFactory(full_name="Lena Notmet", district=9)
    page = page_as(coalition.wg_member)
    console_errors = record_console_errors(page)

    page.goto(reverse("advocacy:log_contact"))
    page.get_by_label("Date", exact=True).fill("2025-03-04")
    tick(page, "Meeting")
    tick(page, "Karen Holmgren")
    tick(page, "Kathleen Amundsen")
    tick(page, first.title)
    tick(page, second.title)
    page.get_by_label("The ask").fill("Co-sponsor the 988 fee and the mobile crisis grants.")
    tick(page, "Supportive")
    # She was not: only the ticked legislators offer a response of their own.
    page.locator("summary", has_text="They did not all respond alike").click()
    page.get_by_label(f"Response of {amundsen}").select_option(label="Opposed")
    assert page.get_by_label(f"Response of {holmgren}").is_visible()
    assert not page.get_by_label(f"Response of {not_met}").is_visible()
    page.get_by_label("Notes").fill("Both asked for the fiscal note.")
    follow_up = page.get_by_role("group", name="Follow-up 1")
    follow_up.get_by_label("What is to be done").fill("Send the fiscal note to both offices")
    follow_up.get_by_label("Due date").fill("2025-03-11")
    page.get_by_role("button", name="Log the contact").click()
    page.get_by_text("The contact is logged.").wait_for()

    contact = Contact.objects.get()
    assert {row.legislator: row.response for row in contact.responses.all()} == {
        holmgren: "supportive",
        amundsen: "opposed",
    }
    assert set(contact.papers.all()) == {first, second}
    assert (contact.kind, contact.logged_by) == ("meeting", coalition.wg_member)
    assert contact.follow_ups.get().description == "Send the fiscal note to both offices"

    # The first paper's advocacy page shows both legislators and their responses.
    page.goto(reverse("advocacy:paper", kwargs={"pk": first.pk}))
    latest = page.locator("table", has_text="Latest response")
    for legislator, response in ((holmgren, "Supportive"), (amundsen, "Opposed")):
        row = latest.locator("tr", has_text=legislator.full_name)
        row.wait_for()
        assert response in row.inner_text()
    page.get_by_text("Send the fiscal note to both offices").wait_for()

    # The overview counts both legislators reached on each paper, and the follow-up.
    page.goto(reverse("advocacy:overview"))
    glance = page.locator("table", has_text="On its committees")
    for paper in (first, second):
        cells = glance.locator("tr", has_text=paper.title).locator("td").all_inner_texts()
        # Reached; on its committees (none named); supportive, undecided, opposed,
        # no response; the follow-up, due in March 2025 and so overdue by now.
        assert cells == ["2", "0 of 0", "1", "0", "1", "0", "1 open (1 of them overdue)"]
    assert_accessible(page)
    assert console_errors == []


def test_a_contact_sent_back_starts_at_the_error_summary_whose_links_reach_the_fields(
    coalition, page_as
):
    adopted_paper(coalition, "Fund 988")
    LegislatorFactory(full_name="Karen Holmgren")
    page = page_as(coalition.wg_member)

    page.goto(reverse("advocacy:log_contact"))
    page.get_by_label("Notes").fill("Typed before forgetting the legislators.")
    page.get_by_role("button", name="Log the contact").click()
    summary = page.locator(".mhap-error-summary")
    summary.wait_for()

    # The summary has the focus; a keyboard user tabs from it to its first link.
    assert page.evaluate("document.activeElement.classList.contains('mhap-error-summary')")
    links = summary.get_by_role("link")
    assert links.all_inner_texts() == ["Legislators met", "Papers discussed", "Response"]
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.name") == "legislators"
    assert page.get_by_label("Notes").input_value() == "Typed before forgetting the legislators."
    assert_accessible(page)


def test_the_form_offers_the_bills_of_the_papers_ticked(coalition, page_as):
    from tests.factories import BillFactory

    crisis, schools = adopted_paper(coalition, "Fund 988"), adopted_paper(coalition, "Schools")
    BillFactory(number="AB 118", title="A 988 fee").papers.add(crisis)
    BillFactory(number="AB 167", title="School grants").papers.add(schools)
    BillFactory(number="LRB 12", title="Not tied to a paper yet")
    page = page_as(coalition.wg_member)
    console_errors = record_console_errors(page)

    page.goto(reverse("advocacy:log_contact"))
    bills = page.get_by_role("group", name="Bills discussed")
    for number in ("AB 118", "AB 167", "LRB 12"):
        assert bills.get_by_text(number, exact=False).is_visible()
    papers = page.get_by_role("group", name="Papers discussed")
    papers.get_by_text(crisis.title, exact=True).click()

    assert bills.get_by_text("AB 118", exact=False).is_visible()
    assert not bills.get_by_text("AB 167", exact=False).is_visible()
    assert bills.get_by_text("LRB 12", exact=False).is_visible()
    bills.get_by_text("The bills that carry the papers ticked: 2 of 3.").wait_for()
    papers.get_by_text(schools.title, exact=True).click()
    assert bills.get_by_text("AB 167", exact=False).is_visible()
    assert console_errors == []
