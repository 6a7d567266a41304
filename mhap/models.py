"""The project's own models: the public front page's texts, which admins write
in the app, and the archives of the whole coalition's data they export."""

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


class Export(models.Model):
    """One archive of the whole coalition's data, built by a worker for an admin.

    The file lives in the default storage (MEDIA_ROOT, never served directly)
    and reaches admins only through the download view until `expires_at`;
    after that the view answers 410 and beat deletes the file. The row stays
    as the record of who took the data out, and when.

    `run` rises each time a worker claims a pending or running build; a run
    that is no longer the row's (a second delivery claimed it, or the sweep
    marked it failed) stops at its next step, so only one build ever
    finishes. A late redelivery of a ready or failed export does nothing.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a worker"
        RUNNING = "running", "Being built"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    run = models.PositiveIntegerField(default=0)
    steps_done = models.PositiveSmallIntegerField(default=0)
    steps_total = models.PositiveSmallIntegerField(default=0)
    step_label = models.CharField(max_length=100, blank=True)
    # Touched at every step: a build that stops moving is marked failed by beat.
    updated_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    file = models.FileField(blank=True, max_length=300)
    size = models.PositiveBigIntegerField(default=0)
    row_counts = models.JSONField(default=dict, blank=True, help_text="Rows per dataset.")
    expires_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Export {self.pk} ({self.get_status_display()})"

    @property
    def in_progress(self) -> bool:
        return self.status in (self.Status.PENDING, self.Status.RUNNING)

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def downloadable(self) -> bool:
        return self.status == self.Status.READY and bool(self.file) and not self.is_expired

    @property
    def percent(self) -> int:
        if not self.steps_total:
            return 0
        return min(100, round(100 * self.steps_done / self.steps_total))
