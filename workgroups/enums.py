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
