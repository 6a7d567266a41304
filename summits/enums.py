from django.db import models


class SummitFormat(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    VIRTUAL = "virtual", "Virtual"
    HYBRID = "hybrid", "In person and online"


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"


class Stance(models.TextChoices):
    SUPPORT = "support", "Support"
    SUPPORT_WITH_CHANGES = "support_with_changes", "Support with changes"
    CONCERNS = "concerns", "Concerns"
    OPPOSE = "oppose", "Oppose"


class Disposition(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    PARTLY_ACCEPTED = "partly_accepted", "Partly accepted"
    NOT_ACCEPTED = "not_accepted", "Not accepted"
    OUT_OF_SCOPE = "out_of_scope", "Out of scope"
