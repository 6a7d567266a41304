"""Issue papers: the list, the crosswalk, the paper, its editor and its way
from draft to adoption. Every view fetches and authorises first (through
`_access`), then hands the write to `issues.services`."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from issues import diff, paper_text, permissions, selectors, services
from issues.enums import EDITABLE_STATES, REVIEWED_STATES, TEXT_SECTIONS, PaperState
from issues.forms import (
    AdoptionForm,
    CoAuthorForm,
    PaperCommentForm,
    PaperForm,
    RecommendationFormSet,
)
from issues.models import Implementer, IssuePaper, PaperComment, PaperDraft, PaperRevision
from workgroups.models import Workgroup
from workgroups.permissions import is_core_or_admin, is_member, roles_of

SAVED_FLAG = "paper_saved"  # in the session: clear this browser's copy of the text
SIGNED_OUT = (
    '<div id="paper-preview"><p class="mhap-preview__status" role="status">'
    "You are signed out. What you type is kept in this browser: sign in again in "
    "another tab, then reload this page to put your text back and save it.</p></div>"
)


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
                if not is_member(user):
                    if request.htmx:
                        # The editor's keep-as-you-type request: say so where
                        # the preview was, and keep the text in the browser.
                        return HttpResponse(SIGNED_OUT, status=401)
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied
            return view(request, paper, *args, **kwargs)

        return wrapped

    return decorator


def _error(request, paper, error):
    messages.error(request, str(error))
    return redirect(paper)


# Lists -----------------------------------------------------------------------


def can_see_drafts(user) -> bool:
    return is_core_or_admin(user) or bool(roles_of(user).member_of)


def paper_list(request):
    """Every paper this person may read; a workgroup's page loads its own
    papers from here as a fragment (htmx)."""
    papers = selectors.papers_visible_to(request.user, params=request.GET)
    template = "issues/paper_list.html#papers" if request.htmx else "issues/paper_list.html"
    return render(
        request,
        template,
        {
            "papers": papers,
            "states": PaperState.choices
            if can_see_drafts(request.user)
            else [(state.value, state.label) for state in REVIEWED_STATES],
            "workgroups": Workgroup.objects.filter(is_core_group=False),
        },
    )


def crosswalk(request):
    levers, recommendations = selectors.crosswalk(request.user, request.GET)
    return render(
        request,
        "issues/crosswalk.html",
        {
            "levers": levers,
            "recommendations": recommendations,
            "lever_totals": [
                sum(1 for row in recommendations if lever.pk in row.lever_ids) for lever in levers
            ],
            "implementers": Implementer.objects.all(),
            "workgroups": Workgroup.objects.filter(is_core_group=False),
        },
    )


# The paper -------------------------------------------------------------------


@_access("read")
def detail(request, paper):
    user = request.user
    revision = selectors.paper_revision(permissions.visible_revision_id(user, paper))
    insider = permissions.can_read_draft(user, paper)
    context = {
        "paper": paper,
        "revision": revision,
        "text": paper_text.from_revision(revision),
        "insider": insider,
        "saved_here": request.session.pop(SAVED_FLAG, None) == paper.pk,
        "draft_key": f"mhap-paper-{paper.pk}-{user.pk}" if user.is_authenticated else "",
    }
    if insider:
        comments = list(paper.comments.select_related("author", "resolved_by", "revision"))
        context.update(
            {
                "can_edit": permissions.can_edit_paper(user, paper),
                "can_lead": permissions.can_lead_paper(user, paper),
                "can_review": permissions.can_run_review(user),
                "editable": paper.state in EDITABLE_STATES,
                "open_comments": [c for c in comments if c.resolved_at is None],
                "resolved_comments": [c for c in comments if c.resolved_at is not None],
                "co_authors": paper.co_authorships.select_related("person"),
                "comment_form": PaperCommentForm(
                    recommendation_numbers=[r.number for r in context["text"].recommendations]
                ),
                "co_author_form": CoAuthorForm(paper=paper),
            }
        )
        drafts = list(PaperDraft.objects.filter(paper=paper).select_related("person"))
        context["my_draft"] = next((d for d in drafts if d.person_id == user.pk), None)
        context["others_drafts"] = [d for d in drafts if d.person_id != user.pk]
        if context["my_draft"] and paper.state not in EDITABLE_STATES:
            # Frozen before this person saved: show their words to copy out.
            context["my_draft_text"] = paper_text.from_forms(
                *_bound(_as_query(context["my_draft"]))
            )
    return render(request, "issues/paper_detail.html", context)


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


def _initial(revision, version: int):
    """The editor's starting values: `revision`'s text, typed over `version`."""
    form = {
        "expected_version": version,
        "title": revision.title,
        **{name: getattr(revision, name) for name in TEXT_SECTIONS},
    }
    recommendations = [
        {
            "text": item.text,
            "legislative": item.legislative,
            "implementers": [str(row.pk) for row in item.implementers.all()],
            "levers": [str(row.pk) for row in item.levers.all()],
            "ORDER": item.number,
        }
        for item in revision.recommendations.all()
    ]
    return form, recommendations


def _as_query(draft) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, values in draft.data.items():
        data.setlist(key, values)
    return data


def _bound(data):
    return PaperForm(data), RecommendationFormSet(data, prefix="rec")


def _typed(request) -> dict:
    """The editor's fields as typed, to keep as the person's draft."""
    return {key: values for key, values in request.POST.lists() if key != "csrfmiddlewaretoken"}


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
        messages.error(
            request, f"This paper is {paper.get_state_display().lower()}: its text is frozen."
        )
        return redirect(paper)
    if request.method == "POST":
        return _save(request, paper)
    draft = PaperDraft.objects.filter(paper=paper, person=request.user).first()
    if draft:
        # Pick up where the person left off: their unsaved text, against the
        # version they typed over (a newer save is then shown as a conflict).
        form, formset = _bound(_as_query(draft))
        return _editor(request, paper, form, formset, restored=draft)
    revision = selectors.paper_revision(paper.current_revision_id)
    initial, recommendations = _initial(revision, paper.version)
    form = PaperForm(initial=initial)
    formset = RecommendationFormSet(initial=recommendations, prefix="rec")
    return _editor(request, paper, form, formset, preview=paper_text.from_revision(revision))


def _save(request, paper):
    data = request.POST.copy()
    if "add_recommendation" in data:
        data["rec-TOTAL_FORMS"] = str(int(data.get("rec-TOTAL_FORMS") or 0) + 1)
    form, formset = _bound(data)
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
        request.session[SAVED_FLAG] = paper.pk
        messages.info(request, str(unchanged))
        return redirect(paper)
    except services.PaperConflict as conflict:
        return _conflict(request, paper, data, conflict)
    except services.IssueError as error:
        _keep(request, paper, form)
        return _editor(request, paper, form, formset, error=str(error), status=409)
    request.session[SAVED_FLAG] = paper.pk
    messages.success(request, f"Saved as revision {revision.number}.")
    return redirect(paper)


def _keep(request, paper, form):
    base = form["expected_version"].value()
    try:
        base = int(base)
    except (TypeError, ValueError):
        base = paper.version
    services.keep_draft(actor=request.user, paper=paper, data=_typed(request), base_version=base)


def _conflict(request, paper, data, conflict):
    """Someone saved since this person opened the editor. Keep their text;
    take in the sections only the other person changed; show the sections both
    changed side by side with what changed, for the person to merge; and let
    the next save go through against the version they have now seen."""
    current = conflict.paper
    base_version = int(data.get("expected_version") or 0)
    services.keep_draft(
        actor=request.user, paper=paper, data=_typed(request), base_version=base_version
    )
    base = PaperRevision.objects.filter(paper=paper, number=base_version).first()
    base = selectors.paper_revision(base.pk) if base else None
    newest = selectors.paper_revision(current.current_revision_id)
    form, formset = _bound(data)
    mine = paper_text.from_forms(form, formset)
    merge = diff.three_way(
        base=paper_text.from_revision(base) if base else None,
        mine=mine,
        theirs=paper_text.from_revision(newest),
    )
    theirs_form, theirs_recommendations = _initial(newest, current.version)
    for name in merge.taken:
        if name == "recommendations":
            for key in [key for key in data if key.startswith("rec-")]:
                del data[key]
            for key, values in _formset_data(theirs_recommendations).items():
                data.setlist(key, values)
        else:
            data[name] = theirs_form[name]
    data["expected_version"] = str(current.version)
    form, formset = _bound(data)
    changes = []
    if base:
        changes = [
            section
            for section in diff.compare_revisions(base, newest)
            if section.field in merge.clashes
        ]
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


def _formset_data(recommendations) -> dict[str, list[str]]:
    """Recommendations as the editor would post them."""
    data = {
        "rec-TOTAL_FORMS": [str(len(recommendations))],
        "rec-INITIAL_FORMS": ["0"],
        "rec-MIN_NUM_FORMS": ["0"],
        "rec-MAX_NUM_FORMS": ["1000"],
    }
    for index, item in enumerate(recommendations):
        prefix = f"rec-{index}-"
        data[prefix + "text"] = [item["text"]]
        data[prefix + "ORDER"] = [str(item["ORDER"])]
        data[prefix + "implementers"] = item["implementers"]
        data[prefix + "levers"] = item["levers"]
        if item["legislative"]:
            data[prefix + "legislative"] = ["on"]
    return data


@require_POST
@_access("edit")
def autosave(request, paper):
    """Keep the typing as this person's draft and answer with the live preview."""
    form, formset = _bound(request.POST)
    if paper.state not in EDITABLE_STATES:
        return HttpResponse("The paper is frozen: nothing is kept.", status=409)
    _keep(request, paper, form)
    return render(
        request,
        "issues/paper_form.html#preview",
        {"paper": paper, "preview": paper_text.from_forms(form, formset), "kept": True},
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


@_access("draft")
def revision(request, paper, number):
    revision = get_object_or_404(PaperRevision, paper=paper, number=number)
    revision = selectors.paper_revision(revision.pk)
    return render(
        request,
        "issues/paper_revision.html",
        {"paper": paper, "revision": revision, "text": paper_text.from_revision(revision)},
    )


@_access("draft")
def compare(request, paper):
    numbers = sorted(paper.revisions.values_list("number", flat=True))
    try:
        a = int(request.GET.get("a") or (numbers[-2] if len(numbers) > 1 else numbers[-1]))
        b = int(request.GET.get("b") or numbers[-1])
    except ValueError:
        a, b = numbers[0], numbers[-1]
    old = get_object_or_404(PaperRevision, paper=paper, number=min(a, b))
    new = get_object_or_404(PaperRevision, paper=paper, number=max(a, b))
    old, new = selectors.paper_revision(old.pk), selectors.paper_revision(new.pk)
    layout = "side" if request.GET.get("view") == "side" else "inline"
    return render(
        request,
        "issues/paper_compare.html",
        {
            "paper": paper,
            "old": old,
            "new": new,
            "numbers": numbers,
            "layout": layout,
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
    services.remove_co_author(actor=request.user, paper=paper, person=person)
    messages.success(request, f"{person} is no longer a co-author.")
    return redirect(paper)


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
    try:
        version = int(request.POST.get("expected_version", ""))
    except ValueError:
        version = -1
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


@_access("review")
def adopt(request, paper):
    form = AdoptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.adopt_paper(actor=request.user, paper=paper, **form.cleaned_data)
        except services.IssueError as error:
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
