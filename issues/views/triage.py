import csv
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import QueryDict, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from issues import permissions, selectors, services
from issues.filters import IssueFilter
from issues.forms import (
    BulkForm,
    CommentForm,
    IssueDetailsForm,
    MergeForm,
    ProposeIssueForm,
    RowEditForm,
    SaveViewForm,
)
from issues.models import IssuePaper, PaperRevision, SavedView
from members.spreadsheets import safe_cell
from workgroups.models import Workgroup
from workgroups.permissions import is_member

PAGE_SIZE = 50
LIST_PARAMS = ("q", "workgroup", "term", "legislative", "status", "lever", "policy_area",
               "owner", "impact_min", "momentum_min", "proposed_after", "proposed_before",
               "sort", "page")  # fmt: skip


def _members_only(request):
    if not is_member(request.user):
        return redirect_to_login(request.get_full_path())
    return None


def _list_query(params) -> str:
    """The triage list's filters and sort, to carry to an issue and back."""
    return urlencode([(k, v) for k, v in params.items() if k in LIST_PARAMS and v])


def _filtered(request, params=None):
    params = request.GET if params is None else params
    issue_filter = IssueFilter(params or None, queryset=selectors.triage_queryset())
    return issue_filter, selectors.sorted_issues(issue_filter.qs, params.get("sort"))


def _list_context(request, params, *, bulk_form=None, selected=()):
    issue_filter, issues = _filtered(request, params)
    facets = selectors.facet_counts(issue_filter.qs)
    paginator = Paginator(issues, PAGE_SIZE)
    paginator.count = facets.total  # known already: spare the page a second COUNT(*)
    page = paginator.get_page(params.get("page"))
    can_triage = permissions.can_triage(request.user)
    return {
        "filter": issue_filter,
        "page": page,
        "facets": facets.counts,
        "sort": params.get("sort") or selectors.DEFAULT_SORT,
        "query": _list_query(params),
        "can_triage": can_triage,
        "editable": {issue.pk for issue in page if permissions.can_edit_issue(request.user, issue)},
        "saved_views": selectors.saved_views(owner=request.user),
        "bulk_form": (bulk_form or BulkForm(auto_id="bulk_%s")) if can_triage else None,
        "selected": set(selected),
    }


def issue_list(request):
    if refusal := _members_only(request):
        return refusal
    template = "issues/issue_list.html"
    if request.htmx and request.htmx.target == "issue-results":
        template += "#results"
    return render(request, template, _list_context(request, request.GET))


def _row_context(request, issue, **extra):
    return {
        "issue": issue,
        "query": request.GET.get("query") or request.POST.get("query", ""),
        "editable": {issue.pk} if permissions.can_edit_issue(request.user, issue) else set(),
        "can_triage": permissions.can_triage(request.user),
        **extra,
    }


def issue_row(request, pk):
    """One row of the triage table, as shown (htmx swaps it back after Cancel)."""
    try:
        issue = permissions.access_issue(request, pk)
    except permissions.LoginRequired as refusal:
        return refusal.response
    return render(request, "issues/issue_list.html#row", _row_context(request, issue))


def issue_row_edit(request, pk):
    """Edit one issue's triage fields in place; a full page without JavaScript."""
    try:
        issue = permissions.access_issue(request, pk)
    except permissions.LoginRequired as refusal:
        return refusal.response
    can_move = permissions.can_triage(request.user)
    if not permissions.can_edit_issue(request.user, issue):
        return _rejected(request, issue, "You may not edit this issue.", status=403)
    template = "issues/issue_list.html#row_edit" if request.htmx else "issues/row_edit_page.html"
    initial = {
        "term": issue.term,
        "status": issue.status,
        "workgroup": issue.workgroup_id,
        "owner": issue.owner_id,
        "impact": issue.impact,
        "momentum": issue.momentum,
        "version": issue.version,
    }
    if request.method == "POST":
        # A disabled field (the workgroup, for chairs) takes its value from `initial`.
        form = RowEditForm(
            request.POST, can_move=can_move, initial=initial, auto_id=f"row{issue.pk}_%s"
        )
        if form.is_valid():
            try:
                services.change_issue(
                    actor=request.user,
                    issue=issue,
                    changes=form.changes(),
                    reason=form.cleaned_data["reason"],
                    expected_version=form.cleaned_data["version"],
                )
            except services.IssueError as error:
                issue.refresh_from_db()
                status = 409 if isinstance(error, services.StaleIssue) else 403
                return _rejected(request, issue, str(error), status=status)
            if not request.htmx:
                messages.success(request, f"#{issue.pk} saved.")
                return redirect(reverse("issues:list") + "?" + request.POST.get("query", ""))
            return render(
                request, "issues/issue_list.html#row", _row_context(request, issue, saved=True)
            )
        return render(request, template, _row_context(request, issue, form=form), status=400)
    # Ids of its own: the row's form sits in the same page as the filters.
    form = RowEditForm(can_move=can_move, initial=initial, auto_id=f"row{issue.pk}_%s")
    return render(request, template, _row_context(request, issue, form=form))


def _rejected(request, issue, message, *, status):
    """Say in place why nothing changed, and show the issue as it is now."""
    if request.htmx:
        return render(
            request,
            "issues/issue_list.html#row",
            _row_context(request, issue, error=message),
            status=status,
        )
    if status == 403:
        raise PermissionDenied(message)
    messages.error(request, message)
    return redirect(reverse("issues:list") + "?" + request.POST.get("query", ""))


@require_POST
def bulk(request):
    if refusal := _members_only(request):
        return refusal
    if not permissions.can_triage(request.user):
        raise PermissionDenied
    form = BulkForm(request.POST, auto_id="bulk_%s")
    query = request.POST.get("query", "")
    if form.is_valid():
        try:
            count = services.bulk_change(
                actor=request.user,
                issues=form.cleaned_data["ids"],
                changes=form.changes(),
                reason=form.cleaned_data["reason"],
            )
        except services.IssueError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{count} issue{'s' if count != 1 else ''} changed.")
            return redirect(reverse("issues:list") + (f"?{query}" if query else ""))
    else:
        errors = [error for field_errors in form.errors.values() for error in field_errors]
        messages.error(request, "Nothing changed: " + " ".join(errors))
    # Refused: show the list again with the person's choices and ticks kept.
    selected = [
        value for value in request.POST.getlist("ids") if value.isascii() and value.isdigit()
    ]
    context = _list_context(request, QueryDict(query), bulk_form=form, selected=map(int, selected))
    template = "issues/issue_list.html#results" if request.htmx else "issues/issue_list.html"
    return render(request, template, context, status=400)


def export(request):
    if refusal := _members_only(request):
        return refusal
    _, issues = _filtered(request)
    rows = issues.prefetch_related("levers", "policy_areas")

    class Echo:
        def write(self, value):
            return value

    writer = csv.writer(Echo())

    header = ["number", "title", "workgroup", "term", "legislative", "status", "impact",
              "momentum", "owner", "levers", "policy areas", "proposed", "url"]  # fmt: skip

    def lines():
        yield writer.writerow(header)
        for issue in rows.iterator(chunk_size=2000):
            yield writer.writerow(
                map(
                    safe_cell,
                    [
                        issue.pk,
                        issue.title,
                        issue.workgroup.name,
                        issue.get_term_display(),
                        issue.get_legislative_display(),
                        issue.get_status_display(),
                        issue.impact or "",
                        issue.momentum or "",
                        issue.owner.full_name if issue.owner else "",
                        "; ".join(lever.name for lever in issue.levers.all()),
                        "; ".join(area.name for area in issue.policy_areas.all()),
                        issue.proposed_at.date().isoformat(),
                        request.build_absolute_uri(issue.get_absolute_url()),
                    ],
                )
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="issues.csv"'
    return response


def detail(request, pk):
    try:
        issue = permissions.access_issue(request, pk)
    except permissions.LoginRequired as refusal:
        return refusal.response
    _issue_filter, issues = _filtered(request)
    can_edit = permissions.can_edit_issue(request.user, issue)
    paper = IssuePaper.objects.filter(issue=issue).first()
    if paper:
        paper.issue = issue  # the permission checks read its workgroup
        shown = permissions.visible_revision_id(request.user, paper)
        paper.shown_title = (
            PaperRevision.objects.filter(pk=shown).values_list("title", flat=True).first()
        )
    return render(
        request,
        "issues/issue_detail.html",
        {
            "issue": issue,
            "query": _list_query(request.GET),
            "neighbours": selectors.neighbours(issues, issue, request.GET.get("sort")),
            "history": selectors.issue_history(issue=issue),
            "comments": selectors.issue_comments(issue=issue),
            "merged_here": issue.merged_issues.all(),
            "levers": issue.levers.all(),
            "policy_areas": issue.policy_areas.all(),
            "can_edit": can_edit,
            "paper": paper if paper and paper.shown_title is not None else None,
            "can_start_paper": not paper
            and issue.status in services.STARTABLE
            and permissions.can_start_paper(request.user, issue),
            "can_triage": permissions.can_triage(request.user),
            "can_comment": permissions.can_comment(request.user, issue),
            "comment_form": CommentForm(),
            "merge_form": MergeForm(),
        },
    )


def propose(request):
    if refusal := _members_only(request):
        return refusal
    initial = {}
    if slug := request.GET.get("workgroup"):
        initial["workgroup"] = Workgroup.objects.filter(slug=slug).first()
    form = ProposeIssueForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        issue = services.propose_issue(actor=request.user, **form.cleaned_data)
        messages.success(request, f"Thank you: #{issue.pk} is in the Core Group's inbox.")
        return redirect(issue)
    return render(request, "issues/issue_form.html", {"form": form})


def edit_details(request, pk):
    try:
        issue = permissions.access_issue(request, pk)
    except permissions.LoginRequired as refusal:
        return refusal.response
    if not permissions.can_edit_issue(request.user, issue):
        raise PermissionDenied
    form = IssueDetailsForm(
        request.POST or None, instance=issue, initial={"version": issue.version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_details(actor=request.user, issue=issue, **form.cleaned_data)
        except services.StaleIssue as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Saved.")
            return redirect(issue)
    return render(request, "issues/issue_form.html", {"form": form, "issue": issue})


@require_POST
def comment(request, pk):
    try:
        issue = permissions.access_issue(request, pk)
    except permissions.LoginRequired as refusal:
        return refusal.response
    if not permissions.can_comment(request.user, issue):
        raise PermissionDenied
    form = CommentForm(request.POST)
    if form.is_valid():
        services.add_comment(actor=request.user, issue=issue, body=form.cleaned_data["body"])
        messages.success(request, "Comment added.")
    else:
        messages.error(request, "A comment cannot be empty.")
    return redirect(issue)


@require_POST
def merge(request, pk):
    try:
        issue = permissions.access_issue(request, pk)
    except permissions.LoginRequired as refusal:
        return refusal.response
    if not permissions.can_triage(request.user):
        raise PermissionDenied
    form = MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("survivor", ["Give an issue number."])))
        return redirect(issue)
    try:
        services.merge_issue(
            actor=request.user,
            duplicate=issue,
            survivor=form.cleaned_data["survivor"],
            reason=form.cleaned_data["reason"],
        )
    except services.IssueError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, f"#{issue.pk} is merged into #{form.cleaned_data['survivor'].pk}."
        )
    return redirect(issue)


@require_POST
def save_view(request):
    if refusal := _members_only(request):
        return refusal
    form = SaveViewForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the view a name.")
        return redirect("issues:list")
    try:
        view = services.save_view(
            owner=request.user, name=form.cleaned_data["name"], query=form.cleaned_data["query"]
        )
    except services.IssueError as error:
        messages.error(request, str(error))
        query = form.cleaned_data["query"]
        return redirect(reverse("issues:list") + (f"?{query}" if query else ""))
    messages.success(request, f"View “{view.name}” saved.")
    return redirect(view.get_absolute_url())


def saved_view(request, pk):
    """A shared link to a saved view: opens the triage list with its filters."""
    if refusal := _members_only(request):
        return refusal
    view = get_object_or_404(SavedView, pk=pk)
    return redirect(view.get_absolute_url())


@require_POST
def delete_view(request, pk):
    if refusal := _members_only(request):
        return refusal
    view = get_object_or_404(SavedView, pk=pk, owner=request.user)
    view.delete()
    messages.success(request, f"View “{view.name}” deleted.")
    return redirect("issues:list")


def backlog(request, slug):
    """A workgroup's backlog; its page loads this as a fragment (htmx)."""
    if refusal := _members_only(request):
        return refusal
    workgroup = get_object_or_404(Workgroup, slug=slug)
    template = "issues/backlog.html#backlog" if request.htmx else "issues/backlog.html"
    return render(
        request,
        template,
        {
            "workgroup": workgroup,
            "issues": selectors.backlog(workgroup=workgroup),
            "can_manage": permissions.can_manage_backlog(request.user, workgroup),
        },
    )


@require_POST
def move(request, pk):
    try:
        issue = permissions.access_issue(request, pk)
    except permissions.LoginRequired as refusal:
        return refusal.response
    try:
        services.move_in_backlog(
            actor=request.user, issue=issue, direction=request.POST.get("direction", "up")
        )
    except services.NotAllowed as error:
        raise PermissionDenied(str(error)) from error
    except services.IssueError as error:
        messages.error(request, str(error))
    return redirect("issues:backlog", slug=issue.workgroup.slug)


@require_POST
def pick_for_paper(request, pk):
    try:
        issue = permissions.access_issue(request, pk)
    except permissions.LoginRequired as refusal:
        return refusal.response
    try:
        services.pick_for_paper(actor=request.user, issue=issue)
    except services.NotAllowed as error:
        raise PermissionDenied(str(error)) from error
    except services.IssueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"#{issue.pk} gets a paper.")
    return redirect("issues:backlog", slug=issue.workgroup.slug)
