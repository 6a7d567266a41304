"""Issue papers: the list, the crosswalk, the paper, its comments and
co-authors, and its way from draft to adoption. Every view fetches and
authorises first (`access_paper`), then hands the write to `issues.services`.
The editor and the revisions are in `drafting`."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from issues import paper_editor, paper_text, permissions, selectors, services
from issues.enums import EDITABLE_STATES, PUBLIC_STATES, PaperState
from issues.forms import AdoptionForm, CoAuthorForm, PaperCommentForm
from issues.models import Implementer, PaperComment, PaperDraft
from issues.views.paper_access import (
    SAVED_FLAG,
    access_paper,
    number_from,
    refuse_with_message,
)
from workgroups.models import Workgroup

# Lists -----------------------------------------------------------------------


def paper_list(request):
    """Every paper this person may read; a workgroup's page loads its own
    papers from here as a fragment (htmx)."""
    can_see_drafts = permissions.can_see_drafts(request.user)
    states = PaperState.choices if can_see_drafts else PaperState.choices[2:]
    template = "issues/paper_list.html#papers" if request.htmx else "issues/paper_list.html"
    return render(
        request,
        template,
        {
            "papers": selectors.papers_visible_to(request.user, params=request.GET),
            "states": states if request.user.is_authenticated else [],
            "workgroups": Workgroup.objects.filter(is_core_group=False),
        },
    )


def crosswalk(request):
    return render(
        request,
        "issues/crosswalk.html",
        {
            "crosswalk": selectors.crosswalk(user=request.user, params=request.GET),
            "implementers": Implementer.objects.all(),
            "workgroups": Workgroup.objects.filter(is_core_group=False),
        },
    )


# The paper -------------------------------------------------------------------


@access_paper("read")
def detail(request, paper):
    user = request.user
    revision = selectors.paper_revision(pk=permissions.visible_revision_id(user, paper))
    context = {
        "paper": paper,
        "revision": revision,
        "text": paper_text.from_revision(revision),
        "insider": permissions.can_read_draft(user, paper),
        "saved_here": request.session.pop(SAVED_FLAG, None) == paper.pk,
        "draft_key": f"mhap-paper-{paper.pk}-{user.pk}" if user.is_authenticated else "",
    }
    if context["insider"]:
        context.update(_insider_context(request, paper, context["text"]))
    return render(request, "issues/paper_detail.html", context)


def _insider_context(request, paper, text) -> dict:
    """What the workgroup, the Core Group and admins see besides the text."""
    user = request.user
    comments = list(paper.comments.select_related("author", "resolved_by", "revision"))
    drafts = list(PaperDraft.objects.filter(paper=paper).select_related("person"))
    my_draft = next((d for d in drafts if d.person_id == user.pk), None)
    frozen = paper.state not in EDITABLE_STATES
    return {
        "can_edit": permissions.can_edit_paper(user, paper),
        "can_lead": permissions.can_lead_paper(user, paper),
        "can_review": permissions.can_run_review(user),
        "editable": not frozen,
        "on_record": paper.state in PUBLIC_STATES,
        "can_adopt": paper.state
        in (PaperState.SUBMITTED, PaperState.UNDER_REVIEW, PaperState.REVISING),
        "open_comments": [c for c in comments if c.resolved_at is None],
        "resolved_comments": [c for c in comments if c.resolved_at is not None],
        "co_authors": paper.co_authorships.select_related("person"),
        "comment_form": PaperCommentForm(
            recommendation_numbers=[item.number for item in text.recommendations]
        ),
        "co_author_form": CoAuthorForm(paper=paper),
        "my_draft": my_draft,
        "others_drafts": [d for d in drafts if d.person_id != user.pk],
        # Frozen before this person saved: their words, to copy out.
        "my_draft_text": paper_text.from_forms(
            *paper_editor.bound(paper_editor.as_query(my_draft.data))
        )
        if my_draft and frozen
        else None,
    }


@require_POST
def start(request, pk):
    try:
        issue = permissions.access_issue(request, pk)
    except permissions.LoginRequired as refusal:
        return refusal.response
    permissions.require(permissions.can_start_paper(request.user, issue))
    try:
        paper = services.start_paper(actor=request.user, issue=issue)
    except services.IssueError as error:
        messages.error(request, str(error))
        return redirect(issue)
    messages.success(request, "The paper is started: write its first draft.")
    return redirect("papers:edit", pk=paper.pk)


# Comments and co-authors -----------------------------------------------------


@require_POST
@access_paper("draft")
def comment(request, paper):
    numbers = list(
        paper.current_revision.recommendations.values_list("number", flat=True)
        if paper.current_revision
        else []
    )
    form = PaperCommentForm(request.POST, recommendation_numbers=numbers)
    if not form.is_valid():
        messages.error(request, "Write the comment first.")
        return redirect(paper)
    try:
        services.add_paper_comment(
            actor=request.user, paper=paper, body=form.cleaned_data["body"], **form.anchor_fields()
        )
    except services.IssueError as error:
        return refuse_with_message(request, paper, error)
    messages.success(request, "Comment added.")
    return redirect(reverse("papers:detail", kwargs={"pk": paper.pk}) + "#comments")


@require_POST
@access_paper("edit")
def resolve(request, paper, comment_pk):
    comment = get_object_or_404(PaperComment, paper=paper, pk=comment_pk)
    services.resolve_comment(actor=request.user, comment=comment)
    messages.success(request, "Comment resolved.")
    return redirect(reverse("papers:detail", kwargs={"pk": paper.pk}) + "#comments")


@require_POST
@access_paper("lead")
def add_co_author(request, paper):
    form = CoAuthorForm(request.POST, paper=paper)
    if not form.is_valid():
        return refuse_with_message(request, paper, "Choose a member of the workgroup to add.")
    try:
        services.add_co_author(actor=request.user, paper=paper, person=form.cleaned_data["person"])
    except services.IssueError as error:
        return refuse_with_message(request, paper, error)
    messages.success(request, f"{form.cleaned_data['person']} is a co-author now.")
    return redirect(paper)


@require_POST
@access_paper("lead")
def remove_co_author(request, paper, person_pk):
    person = get_object_or_404(get_user_model(), pk=person_pk)
    return _state_change(
        request,
        paper,
        lambda: services.remove_co_author(actor=request.user, paper=paper, person=person),
        f"{person} is no longer a co-author.",
    )


# From draft to adoption --------------------------------------------------------


def _state_change(request, paper, action, success):
    try:
        action()
    except services.IssueError as error:
        return refuse_with_message(request, paper, error)
    messages.success(request, success)
    return redirect(paper)


@require_POST
@access_paper("lead")
def submit(request, paper):
    version = number_from(request.POST.get("expected_version"), -1)
    return _state_change(
        request,
        paper,
        lambda: services.submit_for_review(
            actor=request.user, paper=paper, expected_version=version
        ),
        f"Revision {paper.version} is frozen and submitted for review.",
    )


@require_POST
@access_paper("review")
def start_review(request, paper):
    return _state_change(
        request,
        paper,
        lambda: services.start_review(actor=request.user, paper=paper),
        "The paper is under review: every member can read the submitted version.",
    )


@require_POST
@access_paper("lead")
def return_for_revision(request, paper):
    return _state_change(
        request,
        paper,
        lambda: services.return_for_revision(actor=request.user, paper=paper),
        "The paper is back with its authors for revision.",
    )


@require_POST
@access_paper("lead")
def withdraw(request, paper):
    return _state_change(
        request,
        paper,
        lambda: services.withdraw_submission(actor=request.user, paper=paper),
        "The submission is withdrawn: the paper is with its authors again.",
    )


@access_paper("review")
def adopt(request, paper):
    if paper.state not in services.ADOPTABLE:
        return refuse_with_message(
            request, paper, "Only a paper submitted, under review or revising is adopted."
        )
    form = AdoptionForm(request.POST or None, initial={"expected_version": paper.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.adopt_paper(actor=request.user, paper=paper, **form.cleaned_data)
        except services.IssueError as error:
            # Told, and shown the newer revision: the next press adopts it.
            form = AdoptionForm({**request.POST.dict(), "expected_version": paper.version})
            form.is_valid()
            form.add_error(None, str(error))
        else:
            messages.success(request, "The adoption is recorded; the paper is public now.")
            return redirect(paper)
    return render(
        request,
        "issues/paper_adopt.html",
        {"paper": paper, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
@access_paper("review")
def archive(request, paper):
    return _state_change(
        request,
        paper,
        lambda: services.archive_paper(actor=request.user, paper=paper),
        "The paper is archived.",
    )
