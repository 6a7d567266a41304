import re

import pytest
from django.test import Client
from django.urls import reverse

from issues import services
from issues.models import IssuePaper, PaperDraft, PaperRevision
from tests.factories import IssueFactory, paper_in_state
from tests.matrix import EVERYONE, MEMBERS, OWN_WORKGROUP, ROLES
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db

# Who reads a paper, by its state (PRODUCT.md): drafts the workgroup, the Core
# Group and admins; the version under review every member; adopted, everyone.
READERS = {
    "draft": OWN_WORKGROUP,
    "submitted": OWN_WORKGROUP,
    "under_review": MEMBERS,
    "revising": MEMBERS,
    "adopted": EVERYONE,
    "archived": EVERYONE,
}


def make(coalition, state="draft", **kwargs):
    return paper_in_state(
        workgroup=coalition.workgroup,
        chair=coalition.wg_chair,
        core=coalition.core,
        state=state,
        **kwargs,
    )


def editor_data(paper, **overrides):
    """The editor's fields as a browser would post them, with two recommendations."""
    data = {
        "expected_version": str(paper.version),
        "title": "Fund 988",
        "summary": "Fund the line.",
        "background": "",
        "problem": "",
        "fiscal_note": "",
        "references": "",
        "note": "",
        "rec-TOTAL_FORMS": "2",
        "rec-INITIAL_FORMS": "0",
        "rec-MIN_NUM_FORMS": "0",
        "rec-MAX_NUM_FORMS": "1000",
        "rec-0-text": "Create a 988 fee.",
        "rec-0-legislative": "on",
        "rec-0-ORDER": "1",
        "rec-1-text": "Train counselors.",
        "rec-1-ORDER": "2",
        "save": "1",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", sorted(READERS))
def test_paper_page_by_state_and_role(coalition, client_as, state, role):
    paper = make(coalition, state)

    response = client_as(coalition.user(role)).get(paper.get_absolute_url())

    expected = dict(zip(ROLES, READERS[state].split(), strict=True))[role]
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == int(expected)


def test_member_reads_the_reviewed_version_while_authors_revise(coalition, client_as):
    paper = make(coalition, "revising")
    services.save_revision(
        actor=coalition.wg_chair,
        paper=paper,
        content={"title": "Revised title", "summary": "Words after the summit."},
        recommendations=[services.RecommendationText(text="A new ask.")],
        expected_version=paper.version,
    )

    partner_page = client_as(coalition.partner).get(paper.get_absolute_url())
    chair_page = client_as(coalition.wg_chair).get(paper.get_absolute_url())

    assert "Words after the summit." not in partner_page.content.decode()
    assert partner_page.context["revision"].pk == paper.review_revision_id
    assert "Words after the summit." in chair_page.content.decode()


def test_public_list_and_crosswalk_show_only_adopted_papers(coalition, client):
    adopted = make(coalition, "adopted")
    draft = make(coalition, "draft")
    services.save_revision(
        actor=coalition.wg_chair,
        paper=draft,
        content={"title": "Secret draft", "summary": "x"},
        recommendations=[services.RecommendationText(text="Secret recommendation.")],
        expected_version=draft.version,
    )

    listing = client.get(reverse("papers:list")).content.decode()
    crosswalk = client.get(reverse("papers:crosswalk")).content.decode()

    assert adopted.title in listing
    assert "Secret draft" not in listing
    assert "Recommendation 1 of the paper." in crosswalk
    assert "Secret recommendation." not in crosswalk
    assert "2 recommendations" in crosswalk


def test_crosswalk_filters_by_legislative_and_lever(coalition, client_as):
    make(coalition, "adopted")

    response = client_as(coalition.partner).get(
        reverse("papers:crosswalk"), {"legislative": "yes", "lever": "payment"}
    )

    assert [row.text for row in response.context["crosswalk"].recommendations] == [
        "Recommendation 1 of the paper."
    ]


def test_paper_list_queries_do_not_grow(coalition, client_as):
    def add(n):
        for _ in range(n):
            make(coalition, "adopted")
            make(coalition, "draft")

    assert_constant_queries(client_as(coalition.wg_member), reverse("papers:list"), add, 1, 4)


def test_crosswalk_queries_do_not_grow(coalition, client_as):
    def add(n):
        for _ in range(n):
            make(coalition, "under_review", recommendations=3)

    assert_constant_queries(client_as(coalition.partner), reverse("papers:crosswalk"), add, 1, 4)


# The editor -------------------------------------------------------------------


def test_editor_save_makes_a_revision(coalition, client_as):
    paper = make(coalition)
    client = client_as(coalition.wg_chair)

    response = client.post(reverse("papers:edit", kwargs={"pk": paper.pk}), editor_data(paper))

    assert response.status_code == 302
    revision = PaperRevision.objects.get(paper=paper, number=3)
    assert [(r.number, r.text, r.legislative) for r in revision.recommendations.all()] == [
        (1, "Create a 988 fee.", True),
        (2, "Train counselors.", False),
    ]
    assert client.session["paper_saved"] == paper.pk
    assert client.get(response["Location"]).context["saved_here"] is True
    assert "paper_saved" not in client.session  # told the browser once


def test_editor_reorders_and_removes_recommendations(coalition, client_as):
    paper = make(coalition)
    data = editor_data(
        paper,
        **{"rec-0-ORDER": "3", "rec-1-ORDER": "1", "rec-TOTAL_FORMS": "3", "rec-2-text": "Gone",
           "rec-2-DELETE": "on"},
    )  # fmt: skip

    client_as(coalition.wg_chair).post(reverse("papers:edit", kwargs={"pk": paper.pk}), data)

    revision = PaperRevision.objects.get(paper=paper, number=3)
    assert list(revision.recommendations.values_list("text", flat=True)) == [
        "Train counselors.",
        "Create a 988 fee.",
    ]


def test_editor_bad_input_keeps_typed_text_and_says_why(coalition, client_as):
    paper = make(coalition)
    data = editor_data(paper, title="", summary="My careful summary.", **{"rec-1-text": ""})
    data["rec-1-legislative"] = "on"

    response = client_as(coalition.wg_chair).post(
        reverse("papers:edit", kwargs={"pk": paper.pk}), data
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "My careful summary." in page
    assert "This field is required." in page
    assert "Write the recommendation, or tick Remove" in page
    assert PaperDraft.objects.get(person=coalition.wg_chair).data["summary"] == [
        "My careful summary."
    ]
    assert PaperRevision.objects.filter(paper=paper).count() == 2


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_editor_conflict_keeps_second_text_and_shows_what_changed(coalition):
    paper = make(coalition)
    services.add_co_author(actor=coalition.wg_chair, paper=paper, person=coalition.wg_member)
    chair, co_author = signed_in(coalition.wg_chair), signed_in(coalition.wg_member)
    url = reverse("papers:edit", kwargs={"pk": paper.pk})
    co_author_form = co_author.get(url).context["form"]
    assert co_author_form.initial["expected_version"] == 2

    chair.post(url, editor_data(paper, summary="The chair's new summary."))
    response = co_author.post(url, editor_data(paper, summary="The co-author's summary."))

    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved while you were editing" in page
    assert "The co-author&#x27;s summary." in page  # their text, in the form
    assert re.search(r"<ins[^>]*>.*chair", page, re.S)  # what changed underneath
    assert response.context["form"]["expected_version"].value() == "3"
    assert PaperDraft.objects.get(person=coalition.wg_member).data["summary"] == [
        "The co-author's summary."
    ]

    merged = editor_data(paper, summary="Both summaries, merged.", expected_version="3")
    assert co_author.post(url, merged).status_code == 302
    paper.refresh_from_db()
    assert paper.current_revision.summary == "Both summaries, merged."
    assert paper.current_revision.number == 4


def test_editor_offers_back_the_unsaved_draft(coalition, client_as):
    paper = make(coalition)
    client = client_as(coalition.wg_chair)
    client.post(
        reverse("papers:autosave", kwargs={"pk": paper.pk}),
        editor_data(paper, summary="Typed, never saved."),
    )

    response = client.get(reverse("papers:edit", kwargs={"pk": paper.pk}))

    assert response.context["restored"] is not None
    assert "Typed, never saved." in response.content.decode()


def test_autosave_answers_with_the_preview_sanitised(coalition, client_as):
    paper = make(coalition)

    response = client_as(coalition.wg_chair).post(
        reverse("papers:autosave", kwargs={"pk": paper.pk}),
        editor_data(paper, summary="**Bold** <script>alert(1)</script>"),
        headers={"HX-Request": "true"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "<strong>Bold</strong>" in page
    assert "<script" not in page
    assert "Kept for you" in page


def test_autosave_when_signed_out_says_text_is_kept_in_browser(coalition, client):
    paper = make(coalition)

    response = client.post(
        reverse("papers:autosave", kwargs={"pk": paper.pk}),
        editor_data(paper),
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 401
    assert "kept in this browser" in response.content.decode()


def test_editor_add_recommendation_without_javascript(coalition, client_as):
    paper = make(coalition)
    data = editor_data(paper, add_recommendation="1")
    del data["save"]

    response = client_as(coalition.wg_chair).post(
        reverse("papers:edit", kwargs={"pk": paper.pk}), data
    )

    assert response.status_code == 200
    assert len(response.context["formset"].forms) == 3
    assert PaperRevision.objects.filter(paper=paper).count() == 2


def test_editor_of_submitted_paper_sends_back_to_the_paper(coalition, client_as):
    paper = make(coalition, "submitted")

    response = client_as(coalition.wg_chair).get(reverse("papers:edit", kwargs={"pk": paper.pk}))

    assert response.status_code == 302
    assert response["Location"] == paper.get_absolute_url()


# Revisions, comparison, adoption -------------------------------------------------


@pytest.mark.parametrize("layout", ["inline", "side"])
def test_compare_highlights_changed_words(coalition, client_as, layout):
    paper = make(coalition)
    services.save_revision(
        actor=coalition.wg_chair,
        paper=paper,
        content={"title": paper.title, "summary": "Fund the crisis line from a state fee."},
        recommendations=[services.RecommendationText(text="Recommendation 1 of the paper.")],
        expected_version=2,
    )

    response = client_as(coalition.wg_member).get(
        reverse("papers:compare", kwargs={"pk": paper.pk}), {"a": 2, "b": 3, "view": layout}
    )

    page = response.content.decode()
    assert re.search(r"<del[^>]*>(<span[^>]*>[^<]*</span>)?dedicated", page)
    assert re.search(r"<ins[^>]*>(<span[^>]*>[^<]*</span>)?state", page)


def test_adopt_with_bad_input_keeps_text_and_says_why(coalition, client_as):
    paper = make(coalition, "under_review")

    response = client_as(coalition.core).post(
        reverse("papers:adopt", kwargs={"pk": paper.pk}),
        {"adopted_on": "17/10/2024x", "adopted_at_event": "Fall Summit", "decision": "Kept words"},
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter a valid date." in page
    assert "Kept words" in page
    assert IssuePaper.objects.get(pk=paper.pk).state == "under_review"


def test_start_paper_from_issue_page(coalition, client_as):
    issue = IssueFactory(workgroup=coalition.workgroup, status="prioritised")
    client = client_as(coalition.wg_chair)
    assert "Start the issue paper" in client.get(issue.get_absolute_url()).content.decode()

    response = client.post(reverse("issues:start_paper", kwargs={"pk": issue.pk}))

    paper = IssuePaper.objects.get(issue=issue)
    assert response["Location"] == reverse("papers:edit", kwargs={"pk": paper.pk})


def test_paper_page_links_print_stylesheet(coalition, client):
    paper = make(coalition, "adopted")

    page = client.get(paper.get_absolute_url()).content.decode()

    assert 'href="/static/css/print.css" media="print"' in page or "print.css" in page
    assert "Decision" in page
    assert "Adopted with the workgroup" in page


def test_conflict_takes_in_sections_only_the_other_person_changed(coalition):
    paper = make(coalition)
    services.add_co_author(actor=coalition.wg_chair, paper=paper, person=coalition.wg_member)
    chair, co_author = signed_in(coalition.wg_chair), signed_in(coalition.wg_member)
    url = reverse("papers:edit", kwargs={"pk": paper.pk})
    chair.post(url, editor_data(paper))  # revision 3: what both start from
    paper.refresh_from_db()
    chair.post(
        url,
        editor_data(paper, fiscal_note="About $12 million.", **{"rec-1-text": "Train 988 staff."}),
    )

    response = co_author.post(url, editor_data(paper, background="Since July 2022."))

    merge = response.context["merge"]
    assert (merge.taken, merge.clashes) == (("recommendations", "fiscal_note"), ())
    form, formset = response.context["form"], response.context["formset"]
    assert form["fiscal_note"].value() == "About $12 million."
    assert form["background"].value() == "Since July 2022."
    assert formset.forms[1]["text"].value() == "Train 988 staff."
    assert "Nothing clashes" in response.content.decode()

    co_author.post(url, response.context["form"].data)
    paper.refresh_from_db()
    revision = paper.current_revision
    assert (revision.fiscal_note, revision.background) == ("About $12 million.", "Since July 2022.")
    assert revision.number == 5
    assert list(revision.recommendations.values_list("text", "legislative")) == [
        ("Create a 988 fee.", True),
        ("Train 988 staff.", False),
    ]


def test_save_without_changes_makes_no_revision(coalition, client_as):
    paper = make(coalition)
    client = client_as(coalition.wg_chair)
    url = reverse("papers:edit", kwargs={"pk": paper.pk})
    client.post(url, editor_data(paper, background="Same.\r\nTwo lines."))
    paper.refresh_from_db()

    response = client.post(url, editor_data(paper, background="Same.\r\nTwo lines."), follow=True)

    assert "Nothing changed since revision 3" in response.content.decode()
    assert PaperRevision.objects.filter(paper=paper).count() == 3
    assert not PaperDraft.objects.exists()


@pytest.mark.parametrize(
    ("orders", "expected"),
    [
        (["1", "2", "1"], ["C", "A", "B"]),  # the third, numbered 1, goes first
        (["3", "2", "3"], ["B", "C", "A"]),  # the first, numbered 3, goes after the third
        (["1", "2", "0"], ["C", "A", "B"]),
        (["1", "", "2"], ["A", "C", "B"]),  # no number: at the end
    ],
)
def test_editor_position_numbers_reorder_as_typed(coalition, client_as, orders, expected):
    paper = make(coalition)
    data = editor_data(paper, **{"rec-TOTAL_FORMS": "3"})
    for index, (text, order) in enumerate(zip("ABC", orders, strict=True)):
        data[f"rec-{index}-text"], data[f"rec-{index}-ORDER"] = text, order

    client_as(coalition.wg_chair).post(reverse("papers:edit", kwargs={"pk": paper.pk}), data)

    revision = PaperRevision.objects.get(paper=paper, number=3)
    assert list(revision.recommendations.values_list("text", flat=True)) == expected


def test_frozen_paper_shows_the_unsaved_text_to_copy(coalition, client_as):
    paper = make(coalition)
    services.add_co_author(actor=coalition.wg_chair, paper=paper, person=coalition.wg_member)
    services.keep_draft(
        actor=coalition.wg_member,
        paper=paper,
        data={
            "title": ["T"],
            "summary": ["My unsaved words."],
            "rec-TOTAL_FORMS": ["0"],
            "rec-INITIAL_FORMS": ["0"],
        },
        base_version=2,
    )
    chair_page = client_as(coalition.wg_chair).get(paper.get_absolute_url()).content.decode()
    assert "Typing in the editor, not saved yet:" in chair_page
    services.submit_for_review(actor=coalition.wg_chair, paper=paper, expected_version=2)
    client = client_as(coalition.wg_member)

    page = client.get(paper.get_absolute_url()).content.decode()
    response = client.post(reverse("papers:discard_draft", kwargs={"pk": paper.pk}))

    assert "Your unsaved text" in page
    assert "My unsaved words." in page
    assert response["Location"] == paper.get_absolute_url()
    assert not PaperDraft.objects.exists()


def test_adoption_in_the_future_is_refused(coalition, client_as):
    paper = make(coalition, "under_review")

    response = client_as(coalition.core).post(
        reverse("papers:adopt", kwargs={"pk": paper.pk}),
        {"adopted_on": "2099-01-01", "adopted_at_event": "Summit", "decision": "Yes"},
    )

    assert response.status_code == 400
    assert "not a future date" in response.content.decode()


def test_co_authors_of_an_adopted_paper_are_on_record(coalition):
    paper = make(coalition, "adopted")

    with pytest.raises(services.IssueError, match="on record"):
        services.add_co_author(actor=coalition.core, paper=paper, person=coalition.wg_member)


def test_co_author_choices_leave_out_chairs(coalition):
    from issues.forms import CoAuthorForm

    paper = make(coalition)

    choices = list(CoAuthorForm(paper=paper).fields["person"].queryset)

    assert choices == [coalition.wg_member]


def test_workgroup_page_fragment_lists_what_the_reader_may_see(coalition, client):
    adopted = make(coalition, "adopted")
    draft = make(coalition)

    response = client.get(
        reverse("papers:list"),
        {"workgroup": coalition.workgroup.slug},
        headers={"HX-Request": "true"},
    )

    page = response.content.decode()
    assert "<html" not in page
    assert adopted.title in page
    assert f'href="/papers/{draft.pk}/"' not in page


def test_printed_draft_says_it_is_not_policy(coalition, client_as):
    paper = make(coalition)

    page = client_as(coalition.wg_chair).get(paper.get_absolute_url()).content.decode()

    assert "Draft — not" in page
    assert "mhap-print-only" in page


# Review findings ------------------------------------------------------------------


def test_comment_on_the_references_section(coalition, client_as):
    paper = make(coalition)

    response = client_as(coalition.wg_member).post(
        reverse("papers:comment", kwargs={"pk": paper.pk}),
        {"anchor": "references", "body": "Cite DHS 34."},
    )

    assert response.status_code == 302
    assert paper.comments.get().anchor == "References"


@pytest.mark.parametrize("anchor", ["recommendation-99", "rX", "recommendation-x"])
def test_comment_with_unknown_anchor_is_refused_with_a_message(coalition, client_as, anchor):
    paper = make(coalition)

    response = client_as(coalition.wg_member).post(
        reverse("papers:comment", kwargs={"pk": paper.pk}), {"anchor": anchor, "body": "Hi"}
    )

    assert response.status_code == 302
    assert not paper.comments.exists()


def test_withdrawn_submission_stays_out_of_members_sight(coalition, client_as):
    paper = make(coalition, "submitted")

    client_as(coalition.wg_chair).post(reverse("papers:withdraw", kwargs={"pk": paper.pk}))

    paper.refresh_from_db()
    assert (paper.state, paper.submitted_revision_id) == ("draft", None)
    assert client_as(coalition.partner).get(paper.get_absolute_url()).status_code == 403


def test_members_keep_reading_the_reviewed_version_while_a_revision_waits(coalition, client_as):
    paper = make(coalition, "revising")
    reviewed = paper.review_revision_id
    services.save_revision(
        actor=coalition.wg_chair,
        paper=paper,
        content={"title": "Renamed in revision", "summary": "Revised."},
        recommendations=[services.RecommendationText(text="Revised ask.")],
        expected_version=paper.version,
    )
    services.submit_for_review(actor=coalition.wg_chair, paper=paper, expected_version=3)
    client = client_as(coalition.partner)

    page = client.get(paper.get_absolute_url())
    listing = client.get(reverse("papers:list")).content.decode()
    services.withdraw_submission(actor=coalition.wg_chair, paper=paper)

    assert page.context["revision"].pk == reviewed
    assert "Renamed in revision" not in listing
    assert f"Paper on {paper.issue.title}" in listing
    assert IssuePaper.objects.get(pk=paper.pk).state == "revising"


def test_adoption_of_a_version_someone_has_since_replaced_is_refused(coalition, client_as):
    paper = make(coalition, "revising")
    client = client_as(coalition.core)
    shown_version = (
        client.get(reverse("papers:adopt", kwargs={"pk": paper.pk}))
        .context["form"]["expected_version"]
        .value()
    )
    services.save_revision(
        actor=coalition.wg_chair,
        paper=paper,
        content={"title": paper.title, "summary": "Unseen change."},
        recommendations=[services.RecommendationText(text="Unseen.")],
        expected_version=paper.version,
    )

    response = client.post(
        reverse("papers:adopt", kwargs={"pk": paper.pk}),
        {"expected_version": shown_version, "adopted_on": "2024-10-17",
         "adopted_at_event": "Fall Summit", "decision": "Adopted."},
    )  # fmt: skip

    assert response.status_code == 400
    assert "was saved since you opened this page" in response.content.decode()
    assert IssuePaper.objects.get(pk=paper.pk).state == "revising"


@pytest.mark.parametrize(
    "overrides",
    [
        {"add_recommendation": "1", "rec-TOTAL_FORMS": "x"},
        {"expected_version": "1.0"},
        {"expected_version": str(10**20)},
        {"rec-TOTAL_FORMS": "1000000"},
        {"rec-TOTAL_FORMS": "", "rec-INITIAL_FORMS": ""},
    ],
)
def test_editor_malformed_posts_answer_without_error(coalition, client_as, overrides):
    paper = make(coalition)
    client = client_as(coalition.wg_chair)
    data = editor_data(paper, **overrides)

    saved = client.post(reverse("papers:edit", kwargs={"pk": paper.pk}), data)
    kept = client.post(reverse("papers:autosave", kwargs={"pk": paper.pk}), data)

    assert saved.status_code in {200, 302, 400, 409}  # "1.0" is version 1: a conflict
    assert kept.status_code == 200
    if saved.status_code != 302:
        assert len(saved.context["formset"].forms) <= 60


@pytest.mark.parametrize("query", [{"a": "abc", "b": "2"}, {"a": "99"}, {"a": str(10**20)}])
def test_compare_with_bad_numbers_never_errors(coalition, client_as, query):
    paper = make(coalition)

    response = client_as(coalition.wg_member).get(
        reverse("papers:compare", kwargs={"pk": paper.pk}), query
    )

    assert response.status_code in {200, 404}


def test_keep_on_a_frozen_paper_keeps_the_preview_and_says_so(coalition, client_as):
    paper = make(coalition, "submitted")

    response = client_as(coalition.wg_chair).post(
        reverse("papers:autosave", kwargs={"pk": paper.pk}),
        editor_data(paper),
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 409
    assert response["HX-Reswap"] == "none"
    assert 'id="preview-status"' in response.content.decode()
    assert "frozen" in response.content.decode()


def test_keep_by_a_removed_co_author_says_so_in_the_status_line(coalition, client_as):
    paper = make(coalition)

    response = client_as(coalition.wg_member).post(
        reverse("papers:autosave", kwargs={"pk": paper.pk}),
        editor_data(paper),
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 403
    assert "no longer edit this paper" in response.content.decode()


def test_former_co_author_who_left_the_workgroup_cannot_edit(coalition, client_as):
    from workgroups import services as workgroup_services

    paper = make(coalition)
    services.add_co_author(actor=coalition.wg_chair, paper=paper, person=coalition.wg_member)
    workgroup_services.end_membership(
        actor=coalition.admin, membership=coalition.wg_member.memberships.get()
    )

    response = client_as(coalition.wg_member).get(reverse("papers:edit", kwargs={"pk": paper.pk}))

    assert response.status_code == 403


def test_paper_save_does_not_reopen_a_merged_issue(coalition):
    paper = make(coalition)
    survivor = IssueFactory(workgroup=coalition.workgroup)
    services.merge_issue(actor=coalition.core, duplicate=paper.issue, survivor=survivor)

    services.save_revision(
        actor=coalition.wg_chair,
        paper=paper,
        content={"title": paper.title, "summary": "Still writing."},
        recommendations=[],
        expected_version=paper.version,
    )

    paper.issue.refresh_from_db()
    assert paper.issue.status == "merged"


def test_save_over_a_version_with_no_revision_shows_the_conflict(coalition, client_as):
    paper = make(coalition)

    response = client_as(coalition.wg_chair).post(
        reverse("papers:edit", kwargs={"pk": paper.pk}),
        editor_data(paper, expected_version="99999"),
    )

    assert response.status_code == 409
    assert response.context["merge"].clashes  # no common base: every difference is shown


def test_save_after_the_paper_froze_keeps_the_words_for_the_paper_page(coalition, client_as):
    paper = make(coalition, "submitted")
    client = client_as(coalition.wg_chair)

    client.post(
        reverse("papers:edit", kwargs={"pk": paper.pk}),
        editor_data(paper, summary="Typed as it froze."),
    )

    assert "Typed as it froze." in client.get(paper.get_absolute_url()).content.decode()


def test_adopt_page_of_a_draft_sends_back_with_a_message(coalition, client_as):
    paper = make(coalition)

    response = client_as(coalition.core).get(
        reverse("papers:adopt", kwargs={"pk": paper.pk}), follow=True
    )

    assert "Only a paper submitted, under review or revising is adopted." in (
        response.content.decode()
    )


def test_adoption_refused_as_stale_goes_through_on_the_next_press(coalition, client_as):
    paper = make(coalition, "revising")
    client = client_as(coalition.core)
    data = {"expected_version": "2", "adopted_on": "2024-10-17",
            "adopted_at_event": "Fall Summit", "decision": "Adopted."}  # fmt: skip
    services.save_revision(
        actor=coalition.wg_chair,
        paper=paper,
        content={"title": paper.title, "summary": "Revised."},
        recommendations=[services.RecommendationText(text="Revised.")],
        expected_version=2,
    )
    url = reverse("papers:adopt", kwargs={"pk": paper.pk})

    refused = client.post(url, data)
    adopted = client.post(url, refused.context["form"].data)

    assert refused.status_code == 400
    assert adopted.status_code == 302
    assert IssuePaper.objects.get(pk=paper.pk).adopted_revision.number == 3


def test_restored_draft_opens_without_error_messages(coalition, client_as):
    paper = make(coalition)
    services.keep_draft(
        actor=coalition.wg_chair,
        paper=paper,
        data={"expected_version": ["2"], "title": [""], "summary": ["Half written"],
              "rec-TOTAL_FORMS": ["1"], "rec-0-text": ["An ask"], "rec-0-legislative": ["on"]},
        base_version=2,
    )  # fmt: skip

    response = client_as(coalition.wg_chair).get(reverse("papers:edit", kwargs={"pk": paper.pk}))

    page = response.content.decode()
    assert "This field is required" not in page
    assert "Half written" in page
    assert response.context["formset"].initial == [
        {"text": "An ask", "legislative": True, "implementers": [], "levers": [], "ORDER": ""}
    ]


def test_crosswalk_marks_recommendations_of_drafts(coalition, client_as):
    make(coalition)

    page = client_as(coalition.wg_member).get(reverse("papers:crosswalk")).content.decode()

    assert 'mhap-tag--state">Draft</span>' in page
