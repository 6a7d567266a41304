"""Fetch-and-authorise for the workgroup pages: (object, refusal response)."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from workgroups import permissions


def member_view(request, slug):
    """A workgroup page for signed-in members; the public goes to sign in."""
    workgroup = permissions.access_workgroup(request.user, slug=slug)
    if not permissions.is_member(request.user):
        return workgroup, redirect_to_login(request.get_full_path())
    return workgroup, None


def manager_view(request, slug):
    """A page for the workgroup's chairs, the Core Group and admins."""
    workgroup, refusal = member_view(request, slug)
    if refusal is None and not permissions.can_manage_workgroup(request.user, workgroup):
        raise PermissionDenied
    return workgroup, refusal
