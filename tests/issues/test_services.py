import pytest

from issues import services
from issues.enums import Status
from issues.models import IssueChange
from tests.factories import IssueFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_every_triage_change_is_recorded_with_old_and_new(coalition):
    issue = IssueFactory(workgroup=coalition.workgroup, status="proposed", term="")

    services.change_issue(
        actor=coalition.core,
        issue=issue,
        changes={
            "status": Status.ACCEPTED,
            "term": "short",
            "workgroup": coalition.other_workgroup,
            "owner": coalition.wg_chair,
            "impact": 4,
            "momentum": 5,
        },
        reason="Triage of 12 November",
    )

    issue.refresh_from_db()
    assert (issue.status, issue.term, issue.workgroup, issue.impact, issue.momentum) == (
        "accepted",
        "short",
        coalition.other_workgroup,
        4,
        5,
    )
    assert issue.version == 2
    records = {c.field: (c.old_value, c.new_value, c.actor, c.reason) for c in issue.changes.all()}
    assert records == {
        "status": ("Proposed", "Accepted", coalition.core, "Triage of 12 November"),
        "term": ("", "Short term", coalition.core, "Triage of 12 November"),
        "workgroup": (
            "Medicaid & Workforce",
            "Criminal Justice",
            coalition.core,
            "Triage of 12 November",
        ),
        "owner": ("", "Cam Chair", coalition.core, "Triage of 12 November"),
        "impact": ("", "4", coalition.core, "Triage of 12 November"),
        "momentum": ("", "5", coalition.core, "Triage of 12 November"),
    }


def test_unchanged_values_record_nothing(coalition):
    issue = IssueFactory(workgroup=coalition.workgroup, status="accepted")

    services.change_issue(actor=coalition.core, issue=issue, changes={"status": "accepted"})

    assert not IssueChange.objects.exists()
    issue.refresh_from_db()
    assert issue.version == 1


def test_a_stale_edit_changes_nothing(coalition):
    issue = IssueFactory(workgroup=coalition.workgroup)
    services.change_issue(actor=coalition.core, issue=issue, changes={"impact": 3})

    with pytest.raises(services.StaleIssue):
        services.change_issue(
            actor=coalition.wg_chair, issue=issue, changes={"impact": 1}, expected_version=1
        )

    issue.refresh_from_db()
    assert issue.impact == 3
    assert IssueChange.objects.count() == 1


def test_chairs_edit_their_own_workgroups_issues_but_do_not_move_them(coalition):
    issue = IssueFactory(workgroup=coalition.workgroup)

    services.change_issue(actor=coalition.wg_chair, issue=issue, changes={"term": "medium"})
    with pytest.raises(services.NotAllowed):
        services.change_issue(
            actor=coalition.wg_chair, issue=issue, changes={"workgroup": coalition.other_workgroup}
        )
    with pytest.raises(services.NotAllowed):
        services.change_issue(actor=coalition.other_chair, issue=issue, changes={"term": "long"})
    with pytest.raises(services.NotAllowed):
        services.change_issue(actor=coalition.wg_member, issue=issue, changes={"term": "long"})

    issue.refresh_from_db()
    assert (issue.term, issue.workgroup) == ("medium", coalition.workgroup)


def test_bulk_change_is_triage_only_and_records_each_issue(coalition):
    issues = IssueFactory.create_batch(3, workgroup=coalition.workgroup)

    count = services.bulk_change(
        actor=coalition.core, issues=issues, changes={"status": "deferred"}, reason="Next year"
    )

    assert count == 3
    assert IssueChange.objects.filter(field="status", reason="Next year").count() == 3
    with pytest.raises(services.NotAllowed):
        services.bulk_change(actor=coalition.wg_chair, issues=issues, changes={"term": "long"})


def test_merging_keeps_comments_and_record_and_points_to_the_survivor(coalition):
    survivor = IssueFactory(workgroup=coalition.workgroup, title="988 funding")
    duplicate = IssueFactory(workgroup=coalition.workgroup, title="Fund 988")
    services.add_comment(actor=coalition.wg_member, issue=duplicate, body="Same as the other one?")

    services.merge_issue(actor=coalition.core, duplicate=duplicate, survivor=survivor)

    duplicate.refresh_from_db()
    assert duplicate.status == Status.MERGED
    assert duplicate.merged_into == survivor
    assert duplicate.comments.count() == 1
    assert duplicate.changes.get(field="status").new_value == "Merged"
    assert survivor.changes.get(field="merged").new_value == f"#{duplicate.pk} Fund 988"


def test_an_issue_is_not_merged_into_itself_or_into_a_merged_one(coalition):
    issue, other, merged = IssueFactory.create_batch(3, workgroup=coalition.workgroup)
    services.merge_issue(actor=coalition.core, duplicate=merged, survivor=other)

    with pytest.raises(services.IssueError):
        services.merge_issue(actor=coalition.core, duplicate=issue, survivor=issue)
    with pytest.raises(services.IssueError, match="itself merged"):
        services.merge_issue(actor=coalition.core, duplicate=issue, survivor=merged)


def test_only_the_owning_workgroup_and_triage_comment(coalition):
    issue = IssueFactory(workgroup=coalition.workgroup)

    services.add_comment(actor=coalition.wg_member, issue=issue, body="Yes.")
    services.add_comment(actor=coalition.core, issue=issue, body="Agreed.")
    with pytest.raises(services.NotAllowed):
        services.add_comment(actor=coalition.partner, issue=issue, body="Me too.")

    assert issue.comments.count() == 2


def test_backlog_order_moves_one_place_at_a_time(coalition):
    first, second, third = (
        IssueFactory(workgroup=coalition.workgroup, status="accepted", rank=n) for n in (1, 2, 3)
    )

    services.move_in_backlog(actor=coalition.wg_chair, issue=third, direction="up")

    ranks = {issue.pk: issue.rank for issue in type(first).objects.all()}
    assert ranks == {first.pk: 1, second.pk: 3, third.pk: 2}
    assert third.changes.get(field="rank").new_value == "2"
    with pytest.raises(services.NotAllowed):
        services.move_in_backlog(actor=coalition.wg_member, issue=first, direction="down")


def test_proposing_puts_the_issue_in_the_inbox(coalition):
    issue = services.propose_issue(
        actor=coalition.partner, title="Peer-run respite", workgroup=coalition.workgroup
    )

    assert issue.status == Status.PROPOSED
    assert issue.proposed_by == coalition.partner


def test_workgroup_member_may_not_edit(coalition):
    MembershipFactory(workgroup=coalition.workgroup, person=coalition.partner)
    issue = IssueFactory(workgroup=coalition.workgroup)

    with pytest.raises(services.NotAllowed):
        services.change_issue(actor=coalition.partner, issue=issue, changes={"status": "closed"})
