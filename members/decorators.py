from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from members.permissions import admin_must_set_up_mfa, can_manage_members
from workgroups.permissions import is_member


def member_required(view):
    """Any signed-in, active account; the public goes to the sign-in page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_member(request.user):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def admin_required(view):
    """Coalition admins only: others get 403, the public the sign-in page, and an
    admin without a second factor is sent to set one up first."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_member(request.user):
            return redirect_to_login(request.get_full_path())
        if not can_manage_members(request.user):
            raise PermissionDenied
        if admin_must_set_up_mfa(request.user):
            messages.warning(
                request,
                "Admins need two-factor authentication. Set up an authenticator app to "
                "manage members.",
            )
            return redirect("mfa_index")
        return view(request, *args, **kwargs)

    return wrapper
