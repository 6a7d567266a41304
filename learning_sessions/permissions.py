"""Who may do what with learning sessions (PRODUCT.md): everyone reads the
public library, members also the members-only sessions; the Core Group and
admins plan and run them."""

from learning_sessions.enums import SessionStatus, Visibility
from workgroups.permissions import is_core_or_admin, is_member


def can_plan(user) -> bool:
    return is_core_or_admin(user)


def can_read(user, session) -> bool:
    """Planners see everything; others see scheduled, held and published
    sessions, the members-only ones only when signed in."""
    if can_plan(user):
        return True
    if session.status == SessionStatus.IDEA:
        return False
    return session.visibility == Visibility.PUBLIC or is_member(user)


def can_see_meeting_link(user, session) -> bool:
    return is_member(user)
