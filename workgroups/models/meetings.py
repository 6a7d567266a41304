import uuid
import zoneinfo

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from workgroups.enums import MeetingStatus
from workgroups.models.workgroups import Workgroup
from workgroups.recurrence import time_zone_choices


class MeetingSeries(models.Model):
    """A recurring meeting: an RFC 5545 rule on a local wall-clock time.

    The rule and time are kept in the series' time zone, so a 6 pm Chicago
    meeting stays at 6 pm across daylight-saving changes. Its occurrences are
    Meeting rows, made far enough ahead for reminders and calendars.
    """

    workgroup = models.ForeignKey(
        Workgroup, on_delete=models.CASCADE, related_name="meeting_series"
    )
    title = models.CharField(max_length=200)
    rule = models.CharField(max_length=300, help_text="RRULE, e.g. FREQ=MONTHLY;BYDAY=+2TU")
    starts_on = models.DateField()
    start_time = models.TimeField()
    duration_minutes = models.PositiveSmallIntegerField(default=60)
    time_zone = models.CharField(
        max_length=64, choices=time_zone_choices, default=settings.TIME_ZONE
    )
    until = models.DateField(null=True, blank=True)
    meeting_link = models.URLField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["workgroup", "title"]
        verbose_name_plural = "meeting series"

    def __str__(self):
        return f"{self.workgroup}: {self.title}"


class MeetingQuerySet(models.QuerySet):
    def scheduled(self):
        return self.filter(status=MeetingStatus.SCHEDULED)

    def upcoming(self):
        return self.scheduled().filter(ends_at__gte=timezone.now()).order_by("starts_at")

    def past(self):
        return self.filter(ends_at__lt=timezone.now()).order_by("-starts_at")


class Meeting(models.Model):
    """One meeting: an occurrence of a series, or a one-off.

    `original_start` is the series slot the meeting fills. A meeting moved or
    edited on its own is `is_detached`, and later edits of the series leave it
    alone. `sequence` rises with every change so calendar programs update the
    event with the same `uid` instead of adding a second one.
    """

    workgroup = models.ForeignKey(Workgroup, on_delete=models.CASCADE, related_name="meetings")
    series = models.ForeignKey(
        MeetingSeries, on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings"
    )
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    time_zone = models.CharField(
        max_length=64, choices=time_zone_choices, default=settings.TIME_ZONE
    )
    original_start = models.DateTimeField(null=True, blank=True)
    is_detached = models.BooleanField(default=False)
    status = models.CharField(
        max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    meeting_link = models.URLField(
        blank=True, help_text="Leave empty to use the workgroup's usual link."
    )
    location = models.CharField(max_length=300, blank=True)
    agenda = models.TextField(blank=True, help_text="Markdown.")
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "original_start"],
                condition=Q(series__isnull=False, original_start__isnull=False),
                name="one_meeting_per_series_slot",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_it_starts"
            ),
        ]
        indexes = [models.Index(fields=["workgroup", "starts_at"])]

    def __str__(self):
        return f"{self.title} ({self.starts_at:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse("workgroups:meeting", kwargs={"slug": self.workgroup.slug, "pk": self.pk})

    @property
    def link(self) -> str:
        return self.meeting_link or self.workgroup.meeting_link

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED

    @property
    def local_zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attendance"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attended_once"),
        ]

    def __str__(self):
        return f"{self.person} at {self.meeting}"


class ActionItemQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done_at__isnull=True)


class ActionItem(models.Model):
    """Something to do before a later meeting. It stays on every next agenda of
    its workgroup until it is marked done."""

    workgroup = models.ForeignKey(Workgroup, on_delete=models.CASCADE, related_name="action_items")
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="action_items"
    )
    description = models.CharField(max_length=500)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
    )
    due_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = ["done_at", "due_on", "created_at"]

    def __str__(self):
        return self.description

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class MinutesRevision(models.Model):
    """Every saved version of a meeting's minutes. Nothing typed is lost: a save
    based on an older revision is kept too, marked as a conflict, and the
    person is shown both texts."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes_revisions")
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    based_on = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_conflict = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Minutes of {self.meeting} ({self.created_at:%Y-%m-%d %H:%M})"


class MeetingLink(models.Model):
    """A page of the Hub discussed at a meeting: an issue, a paper, a summit."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(max_length=200)
    path = models.CharField(max_length=500, help_text="A path in the Hub, e.g. /issues/12/")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.title
