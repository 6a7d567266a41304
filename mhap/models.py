"""The texts of the public front page, which admins write in the app."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class SiteText(models.Model):
    class Key(models.TextChoices):
        ABOUT = "about", "About the coalition"
        VISION = "vision", "Vision"
        MISSION = "mission", "Mission"
        VALUES = "values", "Values"

    key = models.CharField(max_length=20, choices=Key.choices, unique=True)
    body = models.TextField(blank=True, max_length=20000, help_text="Markdown.")
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    def __str__(self):
        return self.get_key_display()
