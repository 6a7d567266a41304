from django.db import models


class WorkgroupStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    DORMANT = "dormant", "Dormant (convenes as needed)"


class Cadence(models.TextChoices):
    WEEKLY = "weekly", "Weekly"
    BIWEEKLY = "biweekly", "Every other week"
    MONTHLY = "monthly", "Monthly"
    AS_NEEDED = "as_needed", "As needed"


class Role(models.TextChoices):
    MEMBER = "member", "Member"
    CHAIR = "chair", "Chair"


class RequestStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a chair"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"


class RoleChangeKind(models.TextChoices):
    JOINED = "joined", "Joined a workgroup"
    LEFT = "left", "Left a workgroup"
    ROLE = "role", "Changed role in a workgroup"
    ADMIN = "admin", "Coalition admin"
    ACTIVE = "active", "Account active"


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


class Frequency(models.TextChoices):
    WEEKLY = "weekly", "Every week"
    BIWEEKLY = "biweekly", "Every other week"
    MONTHLY = "monthly", "Monthly, on a set weekday"


class WeekOfMonth(models.IntegerChoices):
    FIRST = 1, "First"
    SECOND = 2, "Second"
    THIRD = 3, "Third"
    FOURTH = 4, "Fourth"
    LAST = -1, "Last"


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"
