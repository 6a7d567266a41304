"""Drafting an issue paper in Chromium: two authors at once, nothing lost."""

import pytest
from django.conf import settings

from issues import services
from issues.models import IssuePaper, PaperDraft
from tests.factories import IssueFactory, paper_in_state
from tests.test_accessibility import assert_accessible, record_console_errors

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def box(page, name):
    return page.get_by_role("textbox", name=name)


def test_chair_drafts_co_author_conflicts_and_chair_compares(coalition, page_as):
    issue = IssueFactory(workgroup=coalition.workgroup, status="prioritised", title="Fund 988")
    chair = page_as(coalition.wg_chair)

    # The chair starts the paper from the issue and writes a first draft.
    chair.goto(issue.get_absolute_url())
    chair.get_by_role("button", name="Start the issue paper").click()
    chair.get_by_role("heading", name="Edit the paper").wait_for()
    # The heading shows while the page still loads; typing before htmx has
    # started would fire no preview (CI once typed that early).
    chair.wait_for_load_state()
    box(chair, "Summary").fill("Fund **988** from a dedicated fee.")
    preview = chair.locator("#paper-preview")
    preview.locator("strong", has_text="988").wait_for()  # the live preview, rendered
    chair.get_by_label("Recommendation", exact=True).first.fill("Create a 988 fee.")
    # USWDS draws its own box over the input: a person clicks the label.
    chair.locator("label[for=id_rec-0-legislative]").click()
    chair.get_by_role("button", name="Add a recommendation").click()
    chair.get_by_label("Recommendation", exact=True).nth(1).fill("Train counselors.")
    chair.get_by_role("button", name="Save as revision 2").click()
    chair.get_by_text("Saved as revision 2.").wait_for()
    paper = IssuePaper.objects.get(issue=issue)
    assert paper.legislative is True
    services.add_co_author(actor=coalition.wg_chair, paper=paper, person=coalition.wg_member)

    # Both open the editor; the chair saves first, then the co-author.
    co_author = page_as(coalition.wg_member)
    co_author.goto(f"/papers/{paper.pk}/edit/")
    chair.goto(f"/papers/{paper.pk}/edit/")
    box(chair, "The problem").fill("Funding is renegotiated every budget.")
    box(chair, "Summary").fill("Fund 988 from a fee on phone lines.")
    box(co_author, "Background").fill("988 launched in July 2022.")
    box(co_author, "Summary").fill("Fund 988 from a phone fee, as 911 is.")
    chair.get_by_role("button", name="Save as revision 3").click()
    chair.get_by_text("Saved as revision 3.").wait_for()
    co_author.get_by_role("button", name="Save as revision 3").click()

    # The co-author keeps their text; what only the chair changed is taken in;
    # where both changed the summary, the chair's change is shown to fold in.
    co_author.get_by_role("heading", name="Someone else saved while you were editing").wait_for()
    alert = co_author.locator("#conflict").inner_text()
    assert (
        "Brought in from revision 3, where their changes did not touch yours: The problem." in alert
    )
    assert "Changed by both of you in the same place: Summary." in alert
    co_author.locator(".mhap-conflict ins", has_text="phone lines").first.wait_for()
    assert box(co_author, "Background").input_value() == "988 launched in July 2022."
    assert box(co_author, "The problem").input_value() == "Funding is renegotiated every budget."
    assert box(co_author, "Summary").input_value() == "Fund 988 from a phone fee, as 911 is."
    box(co_author, "Summary").fill("Fund 988 from a dedicated fee on phone lines, as 911 is.")
    co_author.get_by_role("button", name="Save as revision 4").click()
    co_author.get_by_text("Saved as revision 4.").wait_for()
    paper.refresh_from_db()
    saved = paper.current_revision
    assert (saved.summary, saved.background, saved.problem) == (
        "Fund 988 from a dedicated fee on phone lines, as 911 is.",
        "988 launched in July 2022.",
        "Funding is renegotiated every budget.",
    )

    # The chair compares revision 2 with 4, side by side.
    chair.goto(f"/papers/{paper.pk}/revisions/")
    chair.locator("label[for=a-2]").click()
    chair.locator("label[for=b-4]").click()
    chair.locator("label[for=view-side]").click()
    chair.get_by_role("button", name="Compare").click()
    chair.get_by_role("heading", name="Revision 2 compared with revision 4").wait_for()
    chair.locator(".mhap-compare ins", has_text="988 launched in July 2022.").first.wait_for()
    assert chair.locator(".mhap-compare .grid-row").count() > 0  # two columns


def test_closed_tab_and_ended_session_lose_nothing(coalition, page_as):
    paper = paper_in_state(
        workgroup=coalition.workgroup, chair=coalition.wg_chair, core=coalition.core
    )
    chair = page_as(coalition.wg_chair)
    chair.goto(f"/papers/{paper.pk}/edit/")

    # Typing is kept on the server; a closed tab then loses nothing.
    box(chair, "Fiscal note").fill("About $12 million a year.")
    chair.get_by_text("Kept for you at").wait_for()
    assert PaperDraft.objects.get().data["fiscal_note"] == ["About $12 million a year."]
    chair.close()
    again = page_as(coalition.wg_chair)
    again.goto(f"/papers/{paper.pk}/edit/")
    again.get_by_text("This is the text you had typed and not saved").wait_for()
    assert box(again, "Fiscal note").input_value() == "About $12 million a year."

    # The session ends mid-typing: the browser keeps the words and offers them back.
    again.context.clear_cookies(name=settings.SESSION_COOKIE_NAME)
    box(again, "References").fill("- DHS 34")
    again.get_by_text("You are signed out").wait_for()
    again.context.add_cookies(page_as(coalition.wg_chair).context.cookies())
    again.reload()
    again.get_by_text("This browser holds text you typed").wait_for()
    again.get_by_role("button", name="Put it back in the form").click()
    assert box(again, "References").input_value() == "- DHS 34"
    assert box(again, "Fiscal note").input_value() == "About $12 million a year."


def test_public_reads_adopted_paper_and_crosswalk_accessibly(coalition, page_as):
    paper = paper_in_state(
        workgroup=coalition.workgroup,
        chair=coalition.wg_chair,
        core=coalition.core,
        state="adopted",
    )
    page = page_as(None)
    errors = record_console_errors(page)

    page.goto(paper.get_absolute_url())
    page.get_by_role("heading", name="Decision").wait_for()
    assert_accessible(page)
    page.emulate_media(media="print")
    assert not page.locator("header.usa-header").is_visible()  # the print stylesheet
    assert page.get_by_role("heading", name="Recommendations").is_visible()
    page.emulate_media(media="screen")

    page.goto("/papers/crosswalk/")
    page.get_by_text("2 recommendations").wait_for()
    assert_accessible(page)

    page.goto(f"/papers/{paper.pk}/compare/")
    assert page.url.endswith(f"/accounts/login/?next=/papers/{paper.pk}/compare/")
    assert errors == []


def test_editor_conflict_view_is_accessible(coalition, page_as):
    paper = paper_in_state(
        workgroup=coalition.workgroup, chair=coalition.wg_chair, core=coalition.core
    )
    page = page_as(coalition.wg_chair)
    errors = record_console_errors(page)
    page.goto(f"/papers/{paper.pk}/edit/")
    services.save_revision(
        actor=coalition.core,
        paper=paper,
        content={"title": paper.title, "summary": "Changed underneath."},
        recommendations=[],
        expected_version=2,
    )
    box(page, "Summary").fill("Mine.")
    page.get_by_role("button", name="Save as revision 3").click()
    page.get_by_role("heading", name="Someone else saved while you were editing").wait_for()

    assert_accessible(page)
    # The page itself answers 409 Conflict, which Chromium logs; nothing else may.
    assert [e for e in errors if "409 (Conflict)" not in e] == []
