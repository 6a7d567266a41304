from django.db import models


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    SKIPPED = "skipped", "Not sent"


class Choice(models.TextChoices):
    """What a person chose for one kind of message."""

    ON = "on", "Send these reminders"
    OFF = "off", "Don't send these reminders"
    NOW = "now", "At once"
    DIGEST = "digest", "In my daily digest"
    NEVER = "never", "Never"
