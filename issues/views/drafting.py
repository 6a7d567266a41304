"""Writing an issue paper: the editor (keep-as-you-type, saving a revision,
the conflict when someone saved in between) and the revisions compared."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from issues import diff, paper_editor, paper_text, selectors, services
from issues.enums import EDITABLE_STATES
from issues.models import PaperDraft, PaperRevision
from issues.views.paper_access import (
    SAVED_FLAG,
    access_paper,
    number_from,
    preview_message,
)

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


@access_paper("edit")
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
@access_paper("edit")
def autosave(request, paper):
    """Keep the typing as this person's draft and answer with the live preview."""
    if paper.state not in EDITABLE_STATES:
        return preview_message(request, "The paper is frozen now: nothing more is kept.", 409)
    form, formset = paper_editor.bound(request.POST)
    kept = _keep(request, paper, form)
    return render(
        request,
        "issues/paper_form.html#autosaved",
        {"preview": paper_text.from_forms(form, formset), "kept": kept, "oob": True},
    )


@require_POST
@access_paper("edit")
def discard_draft(request, paper):
    services.discard_draft(actor=request.user, paper=paper)
    messages.success(request, "Your unsaved text is discarded.")
    if paper.state in EDITABLE_STATES:
        return redirect("papers:edit", pk=paper.pk)
    return redirect(paper)


# Revisions -------------------------------------------------------------------


@access_paper("draft")
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


@access_paper("draft")
def revision(request, paper, number):
    revision = _revision_or_404(paper, number)
    return render(
        request,
        "issues/paper_revision.html",
        {"paper": paper, "revision": revision, "text": paper_text.from_revision(revision)},
    )


@access_paper("draft")
def compare(request, paper):
    numbers = sorted(paper.revisions.values_list("number", flat=True))
    a = number_from(request.GET.get("a"), numbers[-2] if len(numbers) > 1 else numbers[-1])
    b = number_from(request.GET.get("b"), numbers[-1])
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
