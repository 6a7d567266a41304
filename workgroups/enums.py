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
