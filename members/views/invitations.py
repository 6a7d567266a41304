"""The admins' invitation pages: invite one, import many, pending, join requests."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from members import selectors
from members.decorators import admin_required
from members.forms import InvitationImportForm, InviteForm
from members.models import Invitation, InvitationImport, JoinRequest
from members.services import imports as import_services
from members.services import invitations as invitation_services
from members.services import join_requests as join_request_services


@admin_required
def invite(request):
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invitation_services.invite_person(actor=request.user, **form.cleaned_data)
        except invitation_services.InvitationError as error:
            form.add_error("email", str(error))
        else:
            messages.success(request, f"Invitation sent to {invitation.email}.")
            return redirect("members:invitations")
    return render(request, "members/invite.html", {"form": form})


@admin_required
def invitations(request):
    return render(
        request,
        "members/invitations.html",
        {
            "pending": selectors.pending_invitations(),
            "recent": selectors.recent_invitations(),
        },
    )


@require_POST
@admin_required
def resend_invitation(request, pk):
    invitation = get_object_or_404(Invitation, pk=pk)
    try:
        invitation_services.resend_invitation(actor=request.user, invitation=invitation)
    except invitation_services.InvitationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"A new link was sent to {invitation.email}.")
    return redirect("members:invitations")


@require_POST
@admin_required
def revoke_invitation(request, pk):
    invitation = get_object_or_404(Invitation, pk=pk)
    try:
        invitation_services.revoke_invitation(actor=request.user, invitation=invitation)
    except invitation_services.InvitationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"The invitation for {invitation.email} no longer works.")
    return redirect("members:invitations")


@admin_required
def import_invitations(request):
    form = InvitationImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = import_services.start_invitation_import(
            actor=request.user, filename=upload.name, content=upload.read()
        )
        return redirect("members:import_detail", pk=job.pk)
    return render(
        request, "members/import.html", {"form": form}, status=400 if form.errors else 200
    )


@admin_required
def import_detail(request, pk):
    job = selectors.invitation_import(pk=get_object_or_404(InvitationImport, pk=pk).pk)
    template = "members/import_detail.html"
    if request.htmx:
        template += "#progress"
    return render(request, template, {"job": job})


@admin_required
def join_requests(request):
    return render(
        request, "members/join_requests.html", {"join_requests": selectors.join_requests()}
    )


@require_POST
@admin_required
def decide_join_request(request, pk):
    join_request = get_object_or_404(JoinRequest, pk=pk)
    try:
        if request.POST.get("decision") == "approve":
            join_request_services.approve_join_request(
                actor=request.user, join_request=join_request
            )
            messages.success(request, f"Invitation sent to {join_request.email}.")
        else:
            join_request_services.decline_join_request(
                actor=request.user, join_request=join_request
            )
            messages.success(request, f"The request from {join_request.full_name} was declined.")
    except join_request_services.JoinRequestError as error:
        messages.error(request, str(error))
    return redirect("members:join_requests")
