"""Learning sessions: the monthly Zoom sessions the Core Group plans, and the
library their recordings make once published."""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from learning_sessions.enums import SessionStatus, Visibility


class Topic(models.Model):
    """A subject of sessions (988 and crisis response, parity ...): data."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


def _upload_path(session, filename: str) -> str:
    """Stored under an unguessable name; never served straight from storage.
    The checks in learning_sessions.uploads named the file after its content."""
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"learning-sessions/{session.slug}/{secrets.token_hex(8)}.{extension}"


class LearningSession(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    status = models.CharField(
        max_length=20, choices=SessionStatus.choices, default=SessionStatus.IDEA
    )
    proposed_month = models.DateField(
        null=True, blank=True, help_text="For an idea: the month it might run (any day in it)."
    )
    starts_at = models.DateTimeField(null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(default=60)
    description = models.TextField(blank=True, max_length=20000, help_text="Markdown.")
    topics = models.ManyToManyField(Topic, blank=True, related_name="sessions")
    visibility = models.CharField(
        max_length=20, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    meeting_link = models.URLField(
        blank=True, max_length=500, help_text="Sent to registrants; never on a public page."
    )
    recording_link = models.URLField(blank=True, max_length=500)
    slides_link = models.URLField(blank=True, max_length=500)
    # Uploads (checked by content in learning_sessions.uploads) live in the
    # default storage, outside the static folder, and reach people only
    # through the download view, which applies the session's visibility.
    slides_file = models.FileField(upload_to=_upload_path, blank=True, max_length=300)
    captions_file = models.FileField(upload_to=_upload_path, blank=True, max_length=300)
    # Read from the captions file when it is uploaded: the cues shown beside
    # the recording ([{"start": seconds, "speaker": ..., "text": ...}]) and
    # their words, which the library searches.
    transcript = models.JSONField(default=list, blank=True, editable=False)
    transcript_text = models.TextField(blank=True, editable=False)
    related_issues = models.ManyToManyField(
        "issues.Issue", blank=True, related_name="learning_sessions"
    )
    related_papers = models.ManyToManyField(
        "issues.IssuePaper", blank=True, related_name="learning_sessions"
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    summary = models.TextField(blank=True, max_length=20000, help_text="Markdown.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "visibility", "-starts_at"], name="session_library")
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status=SessionStatus.IDEA) | models.Q(starts_at__isnull=False),
                name="session_scheduled_has_a_time",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("learning_sessions:detail", kwargs={"slug": self.slug})

    @property
    def ends_at(self):
        if self.starts_at is None:
            return None
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)


class Presenter(models.Model):
    session = models.ForeignKey(
        LearningSession, on_delete=models.CASCADE, related_name="presenters"
    )
    name = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200, blank=True)
    bio = models.TextField(blank=True, max_length=2000)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name


class SessionRegistration(models.Model):
    """A member (one click) or a guest (name, email, organisation; confirmed by
    email, no account) who will attend a session."""

    session = models.ForeignKey(
        LearningSession, on_delete=models.CASCADE, related_name="registrations"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="session_registrations",
    )
    guest_name = models.CharField(max_length=200, blank=True)
    guest_email = models.EmailField(blank=True)
    guest_organisation = models.CharField(max_length=200, blank=True)
    token_hash = models.CharField(max_length=64, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    registered_at = models.DateTimeField(default=timezone.now)
    attended = models.BooleanField(default=False)

    class Meta:
        ordering = ["registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"],
                condition=models.Q(person__isnull=False),
                name="member_registers_once",
            ),
            models.UniqueConstraint(
                Lower("guest_email"),
                "session",
                condition=models.Q(person__isnull=True),
                name="guest_email_registers_once",
            ),
        ]

    def __str__(self):
        return f"Registration {self.pk}"

    @property
    def name(self) -> str:
        return self.person.full_name if self.person else self.guest_name

    @property
    def email(self) -> str:
        return self.person.email if self.person else self.guest_email
