"""Issue papers: the list, the crosswalk, the paper, its editor and its way
from draft to adoption. Every view fetches and authorises first (through
`_access`), then hands the write to `issues.services`."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from issues import diff, paper_editor, paper_text, permissions, selectors, services
from issues.enums import EDITABLE_STATES, PUBLIC_STATES, PaperState
from issues.forms import AdoptionForm, CoAuthorForm, PaperCommentForm
from issues.models import Implementer, IssuePaper, PaperComment, PaperDraft, PaperRevision
from workgroups.models import Workgroup
from workgroups.permissions import is_member

SAVED_FLAG = "paper_saved"  # in the session: clear this browser's copy of the text
SIGNED_OUT = (
    "You are signed out. What you type is kept in this browser: sign in again in "
    "another tab, then reload this page to put your text back and save it."
)
NOT_YOURS = "You can no longer edit this paper: nothing more is kept."


def _preview_message(request, message: str, status: int):
    """The editor's keep-as-you-type request refused: say why in the status
    line, keep the preview, and the words stay in the browser."""
    context = {"message": message, "oob": True}
    response = render(request, "issues/paper_form.html#status", context, status=status)
    response["HX-Reswap"] = "none"
    return response


def _access(need: str):
    """Fetch the paper named by `pk` and check `need`: "read" (the text this
    person may read), "draft" (the working text), "edit", "lead" or "review".
    The public get a login redirect, members without the right a 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, pk, *args, **kwargs):
            paper = get_object_or_404(
                IssuePaper.objects.select_related("issue__workgroup", "current_revision"), pk=pk
            )
            user = request.user
            allowed = {
                "read": lambda: permissions.visible_revision_id(user, paper) is not None,
                "draft": lambda: permissions.can_read_draft(user, paper),
                "edit": lambda: permissions.can_edit_paper(user, paper),
                "lead": lambda: permissions.can_lead_paper(user, paper),
                "review": lambda: permissions.can_run_review(user),
            }[need]()
            if not allowed:
                if request.htmx:
                    if not is_member(user):
                        return _preview_message(request, SIGNED_OUT, 401)
                    return _preview_message(request, NOT_YOURS, 403)
                if not is_member(user):
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied
            return view(request, paper, *args, **kwargs)

        return wrapped

    return decorator


def _error(request, paper, error):
    messages.error(request, str(error))
    return redirect(paper)


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


@_access("read")
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


# The editor ------------------------------------------------------------------


def _editor(request, paper, form, formset, **extra):
    status = extra.pop("status", 200)
    extra.setdefault("preview", paper_text.from_forms(form, formset))
    return render(
        request,
        "issues/paper_form.html",
        {
            "paper": paper,
            "form": form,
            "formset": formset,
            "draft_key": f"mhap-paper-{paper.pk}-{request.user.pk}",
            **extra,
        },
        status=status,
    )


@_access("edit")
def edit(request, paper):
    if paper.state not in EDITABLE_STATES:
        if request.method == "POST":
            # Frozen while this person typed: keep their words, which the
            # paper's page then shows them to copy out.
            _keep(request, paper, paper_editor.bound(request.POST)[0])
        messages.error(
            request, f"This paper is {paper.get_state_display().lower()}: its text is frozen."
        )
        return redirect(paper)
    if request.method == "POST":
        return _save(request, paper)
    if draft := PaperDraft.objects.filter(paper=paper, person=request.user).first():
        # Pick up where the person left off: their unsaved text, against the
        # version they typed over (a newer save is then shown as a conflict).
        form, formset = paper_editor.from_draft(draft.data)
        preview = paper_text.from_forms(*paper_editor.bound(paper_editor.as_query(draft.data)))
        return _editor(request, paper, form, formset, restored=draft, preview=preview)
    revision = selectors.paper_revision(pk=paper.current_revision_id)
    form, formset = paper_editor.unbound(revision, paper.version)
    return _editor(request, paper, form, formset, preview=paper_text.from_revision(revision))


def _save(request, paper):
    data = request.POST
    if "add_recommendation" in data:
        data = paper_editor.with_one_more_recommendation(data)
    form, formset = paper_editor.bound(data)
    if "add_recommendation" in data or "preview" in data:
        _keep(request, paper, form)
        return _editor(request, paper, form, formset)
    if not (form.is_valid() and formset.is_valid()):
        _keep(request, paper, form)
        return _editor(request, paper, form, formset, status=400)
    try:
        revision = services.save_revision(
            actor=request.user,
            paper=paper,
            content=form.cleaned_data,
            recommendations=formset.recommendations(),
            expected_version=form.cleaned_data["expected_version"],
            note=form.cleaned_data["note"],
        )
    except services.NothingChanged as unchanged:
        services.discard_draft(actor=request.user, paper=paper)
        request.session[SAVED_FLAG] = paper.pk
        messages.info(request, str(unchanged))
        return redirect(paper)
    except services.PaperConflict as conflict:
        return _conflict(request, paper, form, conflict)
    except services.IssueError as error:
        _keep(request, paper, form)
        return _editor(request, paper, form, formset, error=str(error), status=409)
    request.session[SAVED_FLAG] = paper.pk
    messages.success(request, f"Saved as revision {revision.number}.")
    return redirect(paper)


def _keep(request, paper, form):
    return services.keep_draft(
        actor=request.user,
        paper=paper,
        data=paper_editor.typed(request),
        base_version=paper_editor.base_version(form, paper.version),
    )


def _conflict(request, paper, form, conflict):
    """Someone saved since this person opened the editor: keep their text,
    take in what only the other person changed, show where both did."""
    base_version = form.cleaned_data["expected_version"]
    _keep(request, paper, form)
    base = PaperRevision.objects.filter(paper=paper, number=base_version).first()
    base = selectors.paper_revision(pk=base.pk) if base else None
    newest = selectors.paper_revision(pk=conflict.paper.current_revision_id)
    data, merge = paper_editor.resolve_conflict(
        request.POST, base=base, newest=newest, version=conflict.paper.version
    )
    theirs = (*merge.taken, *merge.clashes)
    changes = [s for s in diff.compare_revisions(base, newest) if s.field in theirs] if base else []
    form, formset = paper_editor.bound(data)
    return _editor(
        request,
        paper,
        form,
        formset,
        conflict=conflict,
        merge=merge,
        base=base,
        newest=newest,
        changes=changes,
        status=409,
    )


@require_POST
@_access("edit")
def autosave(request, paper):
    """Keep the typing as this person's draft and answer with the live preview."""
    if paper.state not in EDITABLE_STATES:
        return _preview_message(request, "The paper is frozen now: nothing more is kept.", 409)
    form, formset = paper_editor.bound(request.POST)
    kept = _keep(request, paper, form)
    return render(
        request,
        "issues/paper_form.html#autosaved",
        {"preview": paper_text.from_forms(form, formset), "kept": kept, "oob": True},
    )


@require_POST
@_access("edit")
def discard_draft(request, paper):
    services.discard_draft(actor=request.user, paper=paper)
    messages.success(request, "Your unsaved text is discarded.")
    if paper.state in EDITABLE_STATES:
        return redirect("papers:edit", pk=paper.pk)
    return redirect(paper)


# Revisions -------------------------------------------------------------------


@_access("draft")
def revisions(request, paper):
    return render(
        request,
        "issues/paper_revisions.html",
        {
            "paper": paper,
            "revisions": paper.revisions.select_related("author"),
        },
    )


def _revision_or_404(paper, number):
    try:
        return selectors.paper_revision(paper=paper, number=number)
    except PaperRevision.DoesNotExist as exc:
        raise Http404("No such revision") from exc


@_access("draft")
def revision(request, paper, number):
    revision = _revision_or_404(paper, number)
    return render(
        request,
        "issues/paper_revision.html",
        {"paper": paper, "revision": revision, "text": paper_text.from_revision(revision)},
    )


def _number(value, default: int) -> int:
    """A revision or version number from a request, or `default` if it is none."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if 0 <= number < 2**31 else default


@_access("draft")
def compare(request, paper):
    numbers = sorted(paper.revisions.values_list("number", flat=True))
    a = _number(request.GET.get("a"), numbers[-2] if len(numbers) > 1 else numbers[-1])
    b = _number(request.GET.get("b"), numbers[-1])
    old = _revision_or_404(paper, min(a, b))
    new = _revision_or_404(paper, max(a, b))
    return render(
        request,
        "issues/paper_compare.html",
        {
            "paper": paper,
            "old": old,
            "new": new,
            "numbers": numbers,
            "layout": "side" if request.GET.get("view") == "side" else "inline",
            "sections": diff.compare_revisions(old, new),
        },
    )


# Comments and co-authors -----------------------------------------------------


@require_POST
@_access("draft")
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
        return _error(request, paper, error)
    messages.success(request, "Comment added.")
    return redirect(reverse("papers:detail", kwargs={"pk": paper.pk}) + "#comments")


@require_POST
@_access("edit")
def resolve(request, paper, comment_pk):
    comment = get_object_or_404(PaperComment, paper=paper, pk=comment_pk)
    services.resolve_comment(actor=request.user, comment=comment)
    messages.success(request, "Comment resolved.")
    return redirect(reverse("papers:detail", kwargs={"pk": paper.pk}) + "#comments")


@require_POST
@_access("lead")
def add_co_author(request, paper):
    form = CoAuthorForm(request.POST, paper=paper)
    if not form.is_valid():
        return _error(request, paper, "Choose a member of the workgroup to add.")
    try:
        services.add_co_author(actor=request.user, paper=paper, person=form.cleaned_data["person"])
    except services.IssueError as error:
        return _error(request, paper, error)
    messages.success(request, f"{form.cleaned_data['person']} is a co-author now.")
    return redirect(paper)


@require_POST
@_access("lead")
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
        return _error(request, paper, error)
    messages.success(request, success)
    return redirect(paper)


@require_POST
@_access("lead")
def submit(request, paper):
    version = _number(request.POST.get("expected_version"), -1)
    return _state_change(
        request,
        paper,
        lambda: services.submit_for_review(
            actor=request.user, paper=paper, expected_version=version
        ),
        f"Revision {paper.version} is frozen and submitted for review.",
    )


@require_POST
@_access("review")
def start_review(request, paper):
    return _state_change(
        request,
        paper,
        lambda: services.start_review(actor=request.user, paper=paper),
        "The paper is under review: every member can read the submitted version.",
    )


@require_POST
@_access("lead")
def return_for_revision(request, paper):
    return _state_change(
        request,
        paper,
        lambda: services.return_for_revision(actor=request.user, paper=paper),
        "The paper is back with its authors for revision.",
    )


@require_POST
@_access("lead")
def withdraw(request, paper):
    return _state_change(
        request,
        paper,
        lambda: services.withdraw_submission(actor=request.user, paper=paper),
        "The submission is withdrawn: the paper is with its authors again.",
    )


@_access("review")
def adopt(request, paper):
    if paper.state not in services.ADOPTABLE:
        return _error(
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
@_access("review")
def archive(request, paper):
    return _state_change(
        request,
        paper,
        lambda: services.archive_paper(actor=request.user, paper=paper),
        "The paper is archived.",
    )
