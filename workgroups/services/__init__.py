"""Writes of the workgroups app, one module per entity.

The membership functions are re-exported here: other apps call
`workgroups.services.add_membership(...)` and friends.
"""

from workgroups.services.memberships import (
    MembershipError,
    add_membership,
    change_role,
    decide_membership_request,
    end_membership,
    record_role_change,
    request_membership,
)

__all__ = [
    "MembershipError",
    "add_membership",
    "change_role",
    "decide_membership_request",
    "end_membership",
    "record_role_change",
    "request_membership",
]
