"""Who may manage the coalition's membership.

Roles themselves are read by workgroups.permissions.roles_of (the admin flag
lives on the user, workgroup and Core Group roles on memberships).
"""

from workgroups.permissions import is_admin


def can_manage_members(user) -> bool:
    """Invite people, manage organisations and roles, deactivate accounts."""
    return is_admin(user)


def admin_must_set_up_mfa(user) -> bool:
    """An admin without a second factor is sent to set one up (settings.ADMIN_MFA_REQUIRED)."""
    from allauth.mfa.utils import is_mfa_enabled
    from django.conf import settings

    return settings.ADMIN_MFA_REQUIRED and is_admin(user) and not is_mfa_enabled(user)
