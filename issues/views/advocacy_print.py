"""Advocacy's summary and printed pages: the Core Group's overview of the
legislative papers (who has been educated, by whom, with what response, what
follow-ups are due), a paper's one-page leave-behind, and the organisations
that support it. Members only; supporters are kept by the Core Group and
admins."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from issues.advocacy_permissions import can_log_contact, can_manage_supporters, require
from issues.enums import PaperState, Response
from issues.forms_advocacy import SupporterForm
from issues.models import IssuePaper, PaperSupport
from issues.selectors_advocacy import advocacy_by_paper, recent_contacts
from issues.services import advocacy_print as services
from members.decorators import member_required

# Pages -----------------------------------------------------------------------


@member_required
def overview(request):
    today = timezone.localdate()
    rows = advocacy_by_paper(today=today)
    return render(
        request,
        "issues/advocacy/print_overview.html",
        {
            "legislative": [row for row in rows if row.paper.legislative],
            "others": [row for row in rows if not row.paper.legislative],
            "recent": recent_contacts(),
            "responses": Response.choices,
            "today": today,
            "can_log": can_log_contact(request.user),
            "can_manage_supporters": can_manage_supporters(request.user),
        },
    )


@member_required
def leave_behind(request, pk):
    paper = get_object_or_404(
        IssuePaper.objects.select_related("adopted_revision", "issue__workgroup"),
        pk=pk,
        state=PaperState.ADOPTED,
        legislative=True,
        adopted_revision__isnull=False,
    )
    return render(
        request,
        "issues/advocacy/print_leave_behind.html",
        {
            "paper": paper,
            "revision": paper.adopted_revision,
            "recommendations": paper.adopted_revision.recommendations.all(),
            "supporters": paper.supporters.select_related("organisation"),
            "bills": paper.bills.all(),
            "contact_person": request.user,
            "can_manage_supporters": can_manage_supporters(request.user),
        },
    )


def _supported_paper(pk):
    return get_object_or_404(IssuePaper, pk=pk, state=PaperState.ADOPTED)


@member_required
def supporters(request, pk):
    require(can_manage_supporters(request.user))
    paper = _supported_paper(pk)
    form = SupporterForm(request.POST or None, paper=paper)
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        if services.add_supporter(actor=request.user, paper=paper, organisation=organisation):
            messages.success(request, f"{organisation} added as a supporter.")
        else:
            messages.info(request, f"{organisation} already supports this paper.")
        return redirect("advocacy:supporters", pk=paper.pk)
    return render(
        request,
        "issues/advocacy/print_supporters.html",
        {
            "paper": paper,
            "supporters": paper.supporters.select_related("organisation", "added_by"),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@require_POST
@member_required
def remove_supporter(request, pk, support_pk):
    require(can_manage_supporters(request.user))
    support = get_object_or_404(
        PaperSupport.objects.select_related("organisation", "paper"),
        pk=support_pk,
        paper_id=pk,
    )
    if services.remove_supporter(actor=request.user, support=support):
        messages.success(request, f"{support.organisation} removed from the supporters.")
    return redirect("advocacy:supporters", pk=pk)
