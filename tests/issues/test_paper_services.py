import datetime

import pytest

from issues import services
from issues.enums import Legislative, PaperState, Status
from issues.models import Issue, IssueChange, IssuePaper, PaperComment, PaperDraft, PaperRevision
from tests.factories import IssueFactory, paper_in_state

pytestmark = pytest.mark.django_db


def text(n=1, legislative=False):
    return services.RecommendationText(text=f"Do thing {n}.", legislative=legislative)


def save(paper, actor, *, summary="Fund it.", recommendations=None, version=None, **content):
    return services.save_revision(
        actor=actor,
        paper=paper,
        content={"title": "Fund 988", "summary": summary, **content},
        recommendations=recommendations if recommendations is not None else [text()],
        expected_version=paper.version if version is None else version,
    )


@pytest.fixture
def draft(coalition):
    return paper_in_state(
        workgroup=coalition.workgroup, chair=coalition.wg_chair, core=coalition.core
    )


# Starting -------------------------------------------------------------------


def test_start_paper_by_chair_moves_issue_to_paper_in_progress(coalition):
    issue = IssueFactory(workgroup=coalition.workgroup, status="accepted", title="Fund 988")

    paper = services.start_paper(actor=coalition.wg_chair, issue=issue)

    issue.refresh_from_db()
    assert (paper.state, paper.version, paper.title) == (PaperState.DRAFT, 1, "Fund 988")
    assert paper.current_revision.number == 1
    assert issue.status == Status.PAPER_IN_PROGRESS
    assert issue.changes.filter(field="status", new_value="Paper in progress").exists()


@pytest.mark.parametrize("role", ["wg_member", "other_chair", "partner"])
def test_start_paper_by_others_is_refused(coalition, role):
    issue = IssueFactory(workgroup=coalition.workgroup, status="prioritised")

    with pytest.raises(services.NotAllowed):
        services.start_paper(actor=coalition.user(role), issue=issue)

    assert not IssuePaper.objects.exists()


def test_start_paper_for_proposed_issue_is_refused(coalition):
    issue = IssueFactory(workgroup=coalition.workgroup, status="proposed")

    with pytest.raises(services.IssueError, match="accepted or prioritised"):
        services.start_paper(actor=coalition.wg_chair, issue=issue)


def test_start_paper_twice_is_refused(coalition, draft):
    with pytest.raises(services.IssueError, match="has its paper already"):
        services.start_paper(actor=coalition.wg_chair, issue=draft.issue)

    assert IssuePaper.objects.count() == 1


# Saving -----------------------------------------------------------------------


def test_save_revision_appends_revision_with_numbered_recommendations(coalition, draft):
    revision = save(draft, coalition.wg_chair, recommendations=[text(1), text(2, True)])

    draft.refresh_from_db()
    assert revision.number == 3
    assert draft.version == 3
    assert draft.current_revision == revision
    assert [(r.number, r.text, r.legislative) for r in revision.recommendations.all()] == [
        (1, "Do thing 1.", False),
        (2, "Do thing 2.", True),
    ]
    assert draft.legislative is True


def test_save_revision_sets_issue_legislative_flag_from_recommendations(coalition, draft):
    save(draft, coalition.wg_chair, recommendations=[text(1, False)])

    issue = Issue.objects.get(pk=draft.issue_id)
    assert issue.legislative == Legislative.NO
    assert IssueChange.objects.filter(issue=issue, field="legislative", new_value="Non-legislative")


def test_save_revision_on_stale_version_raises_conflict_and_saves_nothing(coalition, draft):
    stale = draft.version
    save(draft, coalition.wg_chair, summary="The chair's words.", version=stale)

    with pytest.raises(services.PaperConflict) as conflict:
        save(draft, coalition.core, summary="Core's words.", version=stale)

    assert conflict.value.paper.version == stale + 1
    assert PaperRevision.objects.filter(paper=draft).count() == stale + 1
    draft.refresh_from_db()
    assert draft.current_revision.summary == "The chair's words."


def test_save_revision_keeps_earlier_revisions_unchanged(coalition, draft):
    before = PaperRevision.objects.get(paper=draft, number=2)

    save(draft, coalition.wg_chair, summary="Rewritten entirely.")

    after = PaperRevision.objects.get(pk=before.pk)
    assert (after.summary, after.created_at) == (before.summary, before.created_at)
    assert after.recommendations.count() == 2


def test_save_revision_by_co_author_is_allowed_and_by_other_member_refused(coalition, draft):
    with pytest.raises(services.NotAllowed):
        save(draft, coalition.wg_member)

    services.add_co_author(actor=coalition.wg_chair, paper=draft, person=coalition.wg_member)
    revision = save(draft, coalition.wg_member)

    assert revision.author == coalition.wg_member


def test_save_revision_deletes_the_savers_draft_only(coalition, draft):
    services.keep_draft(
        actor=coalition.wg_chair, paper=draft, data={"title": ["x"]}, base_version=2
    )
    services.keep_draft(actor=coalition.core, paper=draft, data={"title": ["y"]}, base_version=2)

    save(draft, coalition.wg_chair)

    assert list(PaperDraft.objects.values_list("person", flat=True)) == [coalition.core.pk]


def test_keep_draft_echo_after_own_save_is_ignored(coalition, draft):
    save(draft, coalition.wg_chair, version=2, background="Typed.")
    echo = {"title": ["Fund 988"], "summary": ["Fund it."], "background": ["Typed."]}

    kept = services.keep_draft(actor=coalition.wg_chair, paper=draft, data=echo, base_version=2)

    assert kept is None
    assert not PaperDraft.objects.exists()


def test_keep_draft_of_new_words_over_own_older_version_is_kept(coalition, draft):
    save(draft, coalition.wg_chair, version=2)
    other_tab = {"title": ["Fund 988"], "summary": ["Words from another tab."]}

    kept = services.keep_draft(
        actor=coalition.wg_chair, paper=draft, data=other_tab, base_version=2
    )

    assert kept.data == other_tab


def test_keep_draft_over_someone_elses_newer_save_is_kept(coalition, draft):
    save(draft, coalition.wg_chair, version=2)

    kept = services.keep_draft(
        actor=coalition.core, paper=draft, data={"title": ["mine"]}, base_version=2
    )

    assert kept.data == {"title": ["mine"]}


# From draft to adoption -----------------------------------------------------------


def test_submit_freezes_the_current_revision(coalition, draft):
    services.submit_for_review(actor=coalition.wg_chair, paper=draft, expected_version=2)

    draft.refresh_from_db()
    assert draft.state == PaperState.SUBMITTED
    assert draft.submitted_revision.number == 2
    assert draft.review_revision is None  # members read it once it is under review
    assert draft.submitted_by == coalition.wg_chair
    assert Issue.objects.get(pk=draft.issue_id).status == Status.PAPER_IN_PROGRESS


def test_submitted_paper_refuses_saves(coalition, draft):
    services.submit_for_review(actor=coalition.wg_chair, paper=draft, expected_version=2)

    with pytest.raises(services.IssueError, match="frozen"):
        save(draft, coalition.wg_chair, version=2)

    assert PaperRevision.objects.filter(paper=draft).count() == 2


def test_submit_without_summary_or_recommendations_is_refused(coalition, draft):
    save(draft, coalition.wg_chair, summary="", recommendations=[])

    with pytest.raises(services.IssueError, match="summary and at least one recommendation"):
        services.submit_for_review(actor=coalition.wg_chair, paper=draft, expected_version=3)


def test_submit_of_a_version_someone_has_since_replaced_is_refused(coalition, draft):
    save(draft, coalition.core, version=2)

    with pytest.raises(services.IssueError, match="revision 3"):
        services.submit_for_review(actor=coalition.wg_chair, paper=draft, expected_version=2)

    draft.refresh_from_db()
    assert draft.state == PaperState.DRAFT


def test_submit_by_co_author_is_refused(coalition, draft):
    services.add_co_author(actor=coalition.wg_chair, paper=draft, person=coalition.wg_member)

    with pytest.raises(services.NotAllowed):
        services.submit_for_review(actor=coalition.wg_member, paper=draft, expected_version=2)


def test_start_review_moves_issue_under_review_and_only_core_may(coalition):
    paper = paper_in_state(
        workgroup=coalition.workgroup, chair=coalition.wg_chair, core=coalition.core,
        state="submitted",
    )  # fmt: skip
    with pytest.raises(services.NotAllowed):
        services.start_review(actor=coalition.wg_chair, paper=paper)

    services.start_review(actor=coalition.admin, paper=paper)

    assert paper.state == PaperState.UNDER_REVIEW
    assert Issue.objects.get(pk=paper.issue_id).status == Status.UNDER_REVIEW


def test_start_review_twice_is_refused(coalition):
    paper = paper_in_state(
        workgroup=coalition.workgroup, chair=coalition.wg_chair, core=coalition.core,
        state="under_review",
    )  # fmt: skip

    with pytest.raises(services.IssueError, match="Only a submitted paper"):
        services.start_review(actor=coalition.core, paper=paper)


def test_frozen_version_never_changes_through_revising(coalition):
    paper = paper_in_state(
        workgroup=coalition.workgroup, chair=coalition.wg_chair, core=coalition.core,
        state="revising",
    )  # fmt: skip
    reviewed = paper.review_revision
    reviewed_text = (
        reviewed.summary,
        list(reviewed.recommendations.values_list("text", flat=True)),
    )

    save(paper, coalition.wg_chair, summary="Revised after the summit.", recommendations=[text(9)])

    paper.refresh_from_db()
    reviewed.refresh_from_db()
    assert paper.review_revision_id == reviewed.pk
    assert paper.current_revision.summary == "Revised after the summit."
    assert (
        reviewed.summary,
        list(reviewed.recommendations.values_list("text", flat=True)),
    ) == reviewed_text


def test_adopt_records_decision_and_adopts_the_latest_revision(coalition):
    paper = paper_in_state(
        workgroup=coalition.workgroup, chair=coalition.wg_chair, core=coalition.core,
        state="revising",
    )  # fmt: skip
    revised = save(paper, coalition.wg_chair, summary="Revised.")

    services.adopt_paper(
        actor=coalition.core,
        paper=paper,
        expected_version=paper.version,
        adopted_on=datetime.date(2024, 10, 17),
        adopted_at_event="Fall Summit 2024",
        decision="Adopted.",
    )

    assert paper.state == PaperState.ADOPTED
    assert paper.adopted_revision == revised
    assert (paper.adopted_on, paper.adopted_at_event, paper.adopted_by) == (
        datetime.date(2024, 10, 17),
        "Fall Summit 2024",
        coalition.core,
    )
    assert Issue.objects.get(pk=paper.issue_id).status == Status.ADOPTED


def test_adopt_by_chair_is_refused(coalition):
    paper = paper_in_state(
        workgroup=coalition.workgroup, chair=coalition.wg_chair, core=coalition.core,
        state="under_review",
    )  # fmt: skip

    with pytest.raises(services.NotAllowed):
        services.adopt_paper(
            actor=coalition.wg_chair,
            paper=paper,
            expected_version=paper.version,
            adopted_on=datetime.date(2024, 10, 17),
            adopted_at_event="Fall Summit",
            decision="",
        )


def test_adopt_a_draft_is_refused(coalition, draft):
    with pytest.raises(services.IssueError, match="Only a paper submitted"):
        services.adopt_paper(
            actor=coalition.core,
            paper=draft,
            expected_version=draft.version,
            adopted_on=datetime.date(2024, 10, 17),
            adopted_at_event="Fall Summit",
            decision="",
        )


def test_archive_closes_the_issue(coalition):
    paper = paper_in_state(
        workgroup=coalition.workgroup, chair=coalition.wg_chair, core=coalition.core,
        state="archived",
    )  # fmt: skip

    assert paper.state == PaperState.ARCHIVED
    assert Issue.objects.get(pk=paper.issue_id).status == Status.CLOSED


def test_return_for_revision_reopens_editing(coalition):
    paper = paper_in_state(
        workgroup=coalition.workgroup, chair=coalition.wg_chair, core=coalition.core,
        state="under_review",
    )  # fmt: skip

    services.return_for_revision(actor=coalition.wg_chair, paper=paper)
    revision = save(paper, coalition.wg_chair)

    assert paper.state == PaperState.REVISING
    assert revision.number == 3
    assert Issue.objects.get(pk=paper.issue_id).status == Status.UNDER_REVIEW


# Comments and co-authors -----------------------------------------------------------


def test_comment_on_a_recommendation_by_workgroup_member(coalition, draft):
    comment = services.add_paper_comment(
        actor=coalition.wg_member, paper=draft, body="Name the fund.", recommendation_number=2
    )

    assert (comment.section, comment.recommendation_number, comment.anchor) == (
        "recommendations",
        2,
        "Recommendation 2",
    )
    assert comment.revision == draft.current_revision


def test_comment_on_missing_recommendation_is_refused(coalition, draft):
    with pytest.raises(services.IssueError, match="no recommendation 7"):
        services.add_paper_comment(
            actor=coalition.wg_member, paper=draft, body="?", recommendation_number=7
        )


@pytest.mark.parametrize("role", ["partner", "other_chair"])
def test_comment_by_outsider_is_refused(coalition, draft, role):
    with pytest.raises(services.NotAllowed):
        services.add_paper_comment(actor=coalition.user(role), paper=draft, body="Hi")


def test_comment_on_adopted_paper_is_refused(coalition):
    paper = paper_in_state(
        workgroup=coalition.workgroup, chair=coalition.wg_chair, core=coalition.core,
        state="adopted",
    )  # fmt: skip

    with pytest.raises(services.IssueError, match="comments are closed"):
        services.add_paper_comment(actor=coalition.wg_member, paper=paper, body="Late")


def test_resolve_comment_by_author_only(coalition, draft):
    comment = services.add_paper_comment(actor=coalition.wg_member, paper=draft, body="Cite it.")

    with pytest.raises(services.NotAllowed):
        services.resolve_comment(actor=coalition.wg_member, comment=comment)
    services.resolve_comment(actor=coalition.wg_chair, comment=comment)

    comment.refresh_from_db()
    assert comment.resolved_by == coalition.wg_chair
    assert comment.resolved_at is not None


def test_add_co_author_who_is_not_in_the_workgroup_is_refused(coalition, draft):
    with pytest.raises(services.IssueError, match="not a member"):
        services.add_co_author(actor=coalition.wg_chair, paper=draft, person=coalition.partner)


def test_add_co_author_twice_is_refused(coalition, draft):
    services.add_co_author(actor=coalition.wg_chair, paper=draft, person=coalition.wg_member)

    with pytest.raises(services.IssueError, match="co-author already"):
        services.add_co_author(actor=coalition.wg_chair, paper=draft, person=coalition.wg_member)


def test_removed_co_author_can_no_longer_edit(coalition, draft):
    services.add_co_author(actor=coalition.wg_chair, paper=draft, person=coalition.wg_member)
    services.remove_co_author(actor=coalition.wg_chair, paper=draft, person=coalition.wg_member)
    paper = IssuePaper.objects.get(pk=draft.pk)

    with pytest.raises(services.NotAllowed):
        save(paper, coalition.wg_member)


def test_comments_stay_when_paper_is_revised(coalition, draft):
    services.add_paper_comment(actor=coalition.wg_member, paper=draft, body="Keep me.")

    save(draft, coalition.wg_chair)

    assert PaperComment.objects.get().revision.number == 2


@pytest.mark.django_db(transaction=True)
def test_two_saves_at_the_same_moment_one_wins_one_conflicts(coalition):
    """Real concurrency: two connections save over the same version at once."""
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers with a file lock; PostgreSQL runs this on CI")
    paper = paper_in_state(
        workgroup=coalition.workgroup, chair=coalition.wg_chair, core=coalition.core
    )
    barrier = threading.Barrier(2)
    outcomes = []

    def attempt(actor, summary):
        try:
            barrier.wait()
            save(IssuePaper.objects.get(pk=paper.pk), actor, summary=summary, version=2)
            outcomes.append("saved")
        except services.PaperConflict:
            outcomes.append("conflict")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=attempt, args=(coalition.wg_chair, "Chair")),
        threading.Thread(target=attempt, args=(coalition.core, "Core")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["conflict", "saved"]
    assert PaperRevision.objects.filter(paper=paper).count() == 3
