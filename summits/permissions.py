"""Who may do what with summits (PRODUCT.md): every member sees them and
registers; the Core Group and admins create and run them."""

from django.shortcuts import get_object_or_404

from summits.models import Summit
from workgroups.permissions import is_core_or_admin, is_member


def can_see_summits(user) -> bool:
    return is_member(user)


def can_run_summits(user) -> bool:
    return is_core_or_admin(user)


def can_register(user, summit: Summit, *, now) -> bool:
    return is_member(user) and summit.ends_at > now


def access_summit(*, slug: str) -> Summit:
    return get_object_or_404(Summit, slug=slug)
