from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from workgroups import permissions, selectors, services
from workgroups.forms import MembershipRequestForm
from workgroups.models import MembershipRequest


def workgroup_list(request):
    return render(
        request,
        "workgroups/workgroup_list.html",
        {"workgroups": selectors.workgroup_list()},
    )


def workgroup_detail(request, slug):
    workgroup = permissions.access_workgroup(request.user, slug=slug)
    show_roster = permissions.can_see_roster(request.user, workgroup)
    return render(
        request,
        "workgroups/workgroup_detail.html",
        {
            "workgroup": workgroup,
            "roster": selectors.current_roster(workgroup=workgroup) if show_roster else None,
            "show_meeting_link": permissions.can_see_meeting_link(request.user, workgroup),
            "is_member_here": permissions.is_workgroup_member(request.user, workgroup),
            "can_request": permissions.can_request_membership(request.user, workgroup),
            "can_decide": permissions.can_decide_membership_requests(request.user, workgroup),
        },
    )


def request_membership(request, slug):
    workgroup = permissions.access_workgroup(request.user, slug=slug)
    if not permissions.is_member(request.user):
        return redirect_to_login(request.get_full_path())
    if not permissions.can_request_membership(request.user, workgroup):
        messages.info(request, f"You are already a member of {workgroup}.")
        return redirect(workgroup)
    form = MembershipRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_membership(
                workgroup=workgroup, person=request.user, message=form.cleaned_data["message"]
            )
        except services.MembershipError as error:
            messages.info(request, str(error))
        else:
            messages.success(request, f"Your request was sent to the chairs of {workgroup}.")
        return redirect(workgroup)
    return render(
        request, "workgroups/request_membership.html", {"workgroup": workgroup, "form": form}
    )


def _access_requests(request, slug):
    workgroup = permissions.access_workgroup(request.user, slug=slug)
    if not permissions.is_member(request.user):
        return workgroup, redirect_to_login(request.get_full_path())
    if not permissions.can_decide_membership_requests(request.user, workgroup):
        raise PermissionDenied
    return workgroup, None


def membership_requests(request, slug):
    workgroup, refusal = _access_requests(request, slug)
    if refusal:
        return refusal
    return render(
        request,
        "workgroups/membership_requests.html",
        {
            "workgroup": workgroup,
            "requests": selectors.pending_membership_requests(workgroup=workgroup),
        },
    )


@require_POST
def decide_membership_request(request, slug, pk):
    workgroup, refusal = _access_requests(request, slug)
    if refusal:
        return refusal
    membership_request = get_object_or_404(
        MembershipRequest.objects.select_related("person", "workgroup"), pk=pk, workgroup=workgroup
    )
    approve = request.POST.get("decision") == "approve"
    try:
        services.decide_membership_request(
            membership_request=membership_request, actor=request.user, approve=approve
        )
    except services.MembershipError as error:
        messages.error(request, str(error))
    else:
        verb = "joined" if approve else "will not join"
        messages.success(request, f"{membership_request.person} {verb} {workgroup}.")
    return redirect("workgroups:membership_requests", slug=slug)
