"""Pages for people without an account: asking to join, accepting an invitation."""

from allauth.account.utils import perform_login
from allauth.core import ratelimit
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from members.enums import InvitationStatus
from members.forms import AcceptInvitationForm, JoinRequestForm
from members.services import invitations as invitation_services
from members.services import join_requests as join_request_services


def join_request(request):
    form = JoinRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not ratelimit.consume(request, action="join_request"):
            form.add_error(None, "Too many requests from your network. Please try again later.")
        else:
            join_request_services.submit_join_request(
                full_name=form.cleaned_data["full_name"],
                email=form.cleaned_data["email"],
                organisation_name=form.cleaned_data["organisation_name"],
                reason=form.cleaned_data["reason"],
            )
            return redirect("members:join_thanks")
    return render(request, "members/join_request.html", {"form": form})


def join_thanks(request):
    return render(request, "members/join_thanks.html")


@never_cache
@sensitive_post_parameters("password1", "password2")
def accept_invitation(request, token):
    invitation = invitation_services.find_invitation(token)
    problem = _invitation_problem(invitation)
    if problem:
        return render(request, "members/invitation_unusable.html", {"problem": problem}, status=410)
    if request.user.is_authenticated:
        messages.info(request, "You are signed in already; sign out to accept an invitation.")
        return redirect("home")
    form = AcceptInvitationForm(
        request.POST or None, invitation=invitation, initial={"full_name": invitation.full_name}
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = invitation_services.accept_invitation(
                invitation=invitation,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
        except invitation_services.InvitationError as error:
            return render(
                request, "members/invitation_unusable.html", {"problem": str(error)}, status=410
            )
        messages.success(request, "Welcome to the Hub. Your account is ready.")
        return perform_login(request, user, redirect_url="/")
    return render(
        request, "members/accept_invitation.html", {"form": form, "invitation": invitation}
    )


def _invitation_problem(invitation) -> str:
    if invitation is None:
        return (
            "This invitation link is not valid. Check that you copied the whole link; if "
            "the invitation was sent again, only the newest email's link works."
        )
    if invitation.status == InvitationStatus.ACCEPTED:
        return "This invitation has been used already. Sign in with your email and password."
    if invitation.status == InvitationStatus.REVOKED:
        return "This invitation was withdrawn by a coalition admin."
    if invitation.is_expired:
        return "This invitation has expired. Ask a coalition admin to send you a new one."
    return ""
