from django.db import models


class SessionStatus(models.TextChoices):
    IDEA = "idea", "Idea"
    SCHEDULED = "scheduled", "Scheduled"
    HELD = "held", "Held"
    PUBLISHED = "published", "Published"


class Visibility(models.TextChoices):
    PUBLIC = "public", "Public"
    MEMBERS = "members", "Members only"
