"""Who may do what with summits (PRODUCT.md): every member sees them and
registers; the Core Group and admins create and run them."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from summits.models import Feedback, FeedbackRound, RoundPaper, Summit
from workgroups.permissions import is_core_or_admin, is_member, is_workgroup_chair, roles_of


def can_see_summits(user) -> bool:
    return is_member(user)


def can_run_summits(user) -> bool:
    return is_core_or_admin(user)


def can_register(user, summit: Summit, *, now) -> bool:
    return is_member(user) and summit.ends_at > now


def access_summit(*, slug: str) -> Summit:
    return get_object_or_404(Summit, slug=slug)


def _in_range(*numbers) -> None:
    # Past what the database's integer holds, no row can match: 404, not an error.
    if any(not 0 < n < 2**31 for n in numbers):
        raise Http404


def access_round(*, pk: int) -> FeedbackRound:
    _in_range(pk)
    return get_object_or_404(FeedbackRound.objects.select_related("summit"), pk=pk)


def access_round_paper(*, pk: int, paper_pk: int):
    """The round and the frozen version of the paper it covers, or 404."""
    _in_range(paper_pk)
    feedback_round = access_round(pk=pk)
    round_paper = get_object_or_404(
        RoundPaper.objects.select_related("revision__paper__issue__workgroup"),
        round=feedback_round,
        revision__paper_id=paper_pk,
    )
    return feedback_round, round_paper.revision


def can_read_individual_feedback(user, paper) -> bool:
    """Every comment with its giver: the paper's chairs, the Core Group, admins."""
    return is_workgroup_chair(user, paper.issue.workgroup) or is_core_or_admin(user)


def can_dispose(user, paper) -> bool:
    return can_read_individual_feedback(user, paper)


def can_read_results(user, feedback_round, *, now) -> bool:
    """A round's aggregate results: chairs, the Core Group and admins at any
    time; every member once it closes, or while open if the round says so."""
    if not is_member(user):
        return False
    if is_core_or_admin(user) or roles_of(user).chair_of:
        return True
    return feedback_round.results_while_open or feedback_round.closes_at <= now


def access_feedback(*, pk: int) -> Feedback:
    _in_range(pk)
    return get_object_or_404(
        Feedback.objects.select_related("revision__paper__issue__workgroup", "person"), pk=pk
    )
