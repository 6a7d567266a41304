from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from workgroups import permissions, selectors, services
from workgroups.forms import MembershipRequestForm, RosterAddForm
from workgroups.models import Membership, MembershipRequest
from workgroups.views.access import manager_view


def workgroup_list(request):
    return render(
        request,
        "workgroups/workgroup_list.html",
        {"workgroups": selectors.workgroup_list(with_next_meeting=True)},
    )


def workgroup_detail(request, slug):
    workgroup = permissions.access_workgroup(request.user, slug=slug)
    is_member = permissions.can_see_meetings(request.user, workgroup)
    can_manage = permissions.can_manage_workgroup(request.user, workgroup)
    context = {
        "workgroup": workgroup,
        "upcoming": selectors.upcoming_meetings(workgroup=workgroup, limit=3),
        "show_meeting_link": permissions.can_see_meeting_link(request.user, workgroup),
        "is_member_here": permissions.is_workgroup_member(request.user, workgroup),
        "can_request": permissions.can_request_membership(request.user, workgroup),
        "can_decide": permissions.can_decide_membership_requests(request.user, workgroup),
        "can_manage": can_manage,
        "is_admin": permissions.is_admin(request.user),
        "roster": None,
    }
    if is_member:
        context.update(
            roster=selectors.current_roster(workgroup=workgroup),
            past=selectors.past_meetings(workgroup=workgroup)[:3],
            action_items=selectors.open_action_items(workgroup=workgroup),
            updates=selectors.latest_updates(workgroup=workgroup),
            chairs=selectors.chair_history(workgroup=workgroup),
        )
    context["can_manage_roster"] = permissions.can_manage_roster(request.user, workgroup)
    if context["can_manage_roster"]:
        context["roster_form"] = RosterAddForm(workgroup=workgroup)
    return render(request, "workgroups/workgroup_detail.html", context)


@require_POST
def roster_add(request, slug):
    workgroup, refusal = manager_view(request, slug)
    if refusal:
        return refusal
    if not permissions.can_manage_roster(request.user, workgroup):
        raise PermissionDenied
    form = RosterAddForm(request.POST, workgroup=workgroup)
    if not form.is_valid():
        messages.error(request, "Choose a person who is not in the workgroup yet.")
        return redirect(workgroup)
    person = form.cleaned_data["person"]
    try:
        services.add_membership(workgroup=workgroup, person=person, actor=request.user)
    except services.MembershipError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{person} joined {workgroup}.")
    return redirect(workgroup)


@require_POST
def roster_end(request, slug, pk):
    workgroup, refusal = manager_view(request, slug)
    if refusal:
        return refusal
    membership = get_object_or_404(
        Membership.objects.select_related("person", "workgroup"), pk=pk, workgroup=workgroup
    )
    if not permissions.can_edit_roster_entry(request.user, membership):
        raise PermissionDenied
    try:
        services.end_membership(membership=membership, actor=request.user)
    except services.MembershipError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{membership.person} left {workgroup}.")
    return redirect(workgroup)


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
