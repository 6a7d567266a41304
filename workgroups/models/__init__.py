from workgroups.models.meetings import (
    ActionItem,
    Attendance,
    Meeting,
    MeetingLink,
    MeetingSeries,
    MinutesRevision,
)
from workgroups.models.updates import WorkgroupUpdate
from workgroups.models.workgroups import (
    Membership,
    MembershipQuerySet,
    MembershipRequest,
    RoleChange,
    Workgroup,
)

__all__ = [
    "ActionItem",
    "Attendance",
    "Meeting",
    "MeetingLink",
    "MeetingSeries",
    "Membership",
    "MembershipQuerySet",
    "MembershipRequest",
    "MinutesRevision",
    "RoleChange",
    "Workgroup",
    "WorkgroupUpdate",
]
