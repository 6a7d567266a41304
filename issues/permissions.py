"""Who may do what with issues (PRODUCT.md): members read and propose; members
of the owning workgroup comment; its chairs edit; the Core Group and admins
triage everything (move between workgroups, merge, bulk)."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from issues.enums import PUBLIC_STATES
from issues.models import Issue
from workgroups.permissions import (
    can_manage_workgroup,
    is_core_or_admin,
    is_member,
    is_workgroup_chair,
    is_workgroup_member,
    roles_of,
)

# Fields only triage (the Core Group, admins) may change: moving an issue to
# another workgroup takes it out of the chairs' hands.
TRIAGE_ONLY_FIELDS = frozenset({"workgroup"})


def can_read_issues(user) -> bool:
    return is_member(user)


def can_propose_issue(user) -> bool:
    return is_member(user)


def can_triage(user) -> bool:
    return is_core_or_admin(user)


def can_edit_issue(user, issue: Issue) -> bool:
    return is_workgroup_chair(user, issue.workgroup) or can_triage(user)


def can_change_field(user, issue: Issue, field: str) -> bool:
    if field in TRIAGE_ONLY_FIELDS:
        return can_triage(user)
    return can_edit_issue(user, issue)


def can_comment(user, issue: Issue) -> bool:
    """The owning workgroup, triage, and whoever proposed the issue."""
    return (
        is_workgroup_member(user, issue.workgroup)
        or can_triage(user)
        or (is_member(user) and issue.proposed_by_id == user.pk)
    )


def can_manage_backlog(user, workgroup) -> bool:
    return can_manage_workgroup(user, workgroup)


def access_issue(request, pk: int) -> Issue:
    """Fetch an issue for a signed-in member. Raises a login redirect for the
    public (as an exception the view returns) and 404 for no such issue."""
    if not is_member(request.user):
        raise LoginRequired(request)
    return get_object_or_404(
        Issue.objects.select_related("workgroup", "owner", "proposed_by", "merged_into"), pk=pk
    )


class LoginRequired(Exception):
    def __init__(self, request):
        super().__init__("sign in first")
        self.response = redirect_to_login(request.get_full_path())


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


# Issue papers ---------------------------------------------------------------
#
# Authors are the workgroup's chairs plus the co-authors they add. Drafts are
# read by the workgroup, the Core Group and admins; the version under review
# by every member; the adopted paper by everyone.


def is_co_author(user, paper) -> bool:
    """Added by a chair, and still in the workgroup: leaving it ends the part."""
    if not is_workgroup_member(user, paper.issue.workgroup):
        return False
    ids = getattr(paper, "_co_author_ids", None)
    if ids is None:
        ids = set(paper.co_authorships.values_list("person_id", flat=True))
        paper._co_author_ids = ids
    return user.pk in ids


def forget_co_authors(paper) -> None:
    """Drop the co-authors read for this paper object, after a change to them."""
    paper.__dict__.pop("_co_author_ids", None)


def can_start_paper(user, issue: Issue) -> bool:
    return can_edit_issue(user, issue)


def can_read_draft(user, paper) -> bool:
    # Co-authors are members of the workgroup, so they are in already.
    return is_workgroup_member(user, paper.issue.workgroup) or is_core_or_admin(user)


def can_edit_paper(user, paper) -> bool:
    return can_lead_paper(user, paper) or is_co_author(user, paper)


def can_lead_paper(user, paper) -> bool:
    """The chair's part: add co-authors, freeze a version for review."""
    return is_workgroup_chair(user, paper.issue.workgroup) or is_core_or_admin(user)


def can_see_drafts(user) -> bool:
    """Whether any draft could be this person's to read: for the list's filters."""
    return is_core_or_admin(user) or bool(roles_of(user).member_of)


def can_comment_on_paper(user, paper) -> bool:
    return can_read_draft(user, paper)


def can_run_review(user) -> bool:
    """Put a paper under review, record an adoption, archive."""
    return is_core_or_admin(user)


def visible_revision_id(user, paper) -> int | None:
    """Which text of the paper this person reads, or None when they may not.

    Insiders read the latest revision; every member the version under review
    (or last reviewed) or adopted; the public only the adopted paper."""
    if can_read_draft(user, paper):
        return paper.current_revision_id
    if paper.state in PUBLIC_STATES:
        return paper.adopted_revision_id
    if is_member(user) and paper.review_revision_id:
        return paper.review_revision_id
    return None
