"""Who may do what in advocacy (PRODUCT.md, issue 13): every member logs
contacts and reads the log; the Core Group, admins and whoever logged a
contact edit it; admins keep the legislators; the Core Group and admins keep
the bills and a paper's supporters; admins and an organisation's own people
record where its constituents live. Nothing of it is public."""

from django.core.exceptions import PermissionDenied

from workgroups.permissions import is_admin, is_core_or_admin, is_member


def can_read_advocacy(user) -> bool:
    return is_member(user)


def can_log_contact(user) -> bool:
    return is_member(user)


def can_edit_contact(user, contact) -> bool:
    return is_core_or_admin(user) or (is_member(user) and contact.logged_by_id == user.pk)


def can_manage_legislators(user) -> bool:
    return is_admin(user)


def can_manage_bills(user) -> bool:
    return is_core_or_admin(user)


def can_manage_supporters(user) -> bool:
    return is_core_or_admin(user)


def can_edit_follow_up(user, follow_up) -> bool:
    """Its owner marks it done, as may whoever may edit its contact."""
    return (is_member(user) and follow_up.owner_id == user.pk) or can_edit_contact(
        user, follow_up.contact
    )


def can_record_districts(user, organisation) -> bool:
    return is_admin(user) or (is_member(user) and user.organisation_id == organisation.pk)


def require(allowed: bool) -> None:
    """Views are behind members.decorators.member_required (the public goes
    to the sign-in page); a member without the right gets 403."""
    if not allowed:
        raise PermissionDenied
