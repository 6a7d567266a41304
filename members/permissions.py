"""Who may manage the coalition's membership.

Roles themselves are read by workgroups.permissions.roles_of (the admin flag
lives on the user, workgroup and Core Group roles on memberships).
"""

from workgroups.permissions import is_admin


def can_manage_members(user) -> bool:
    """Invite people, manage organisations and roles, deactivate accounts."""
    return is_admin(user)
