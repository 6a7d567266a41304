"""Summits: three or four a year the whole partnership meets to review the
workgroups' papers. Who comes is a Registration, one per person."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from summits.enums import AttendanceMode, SummitFormat


class Summit(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    format = models.CharField(max_length=20, choices=SummitFormat.choices)
    venue = models.CharField(max_length=200, blank=True, help_text="For in-person summits.")
    address = models.TextField(blank=True, max_length=1000)
    meeting_link = models.URLField(
        blank=True, max_length=500, help_text="For virtual summits; shown only to members."
    )
    agenda = models.TextField(blank=True, max_length=20000, help_text="Markdown.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="summit_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("summits:detail", kwargs={"slug": self.slug})

    @property
    def in_person(self) -> bool:
        return self.format in (SummitFormat.IN_PERSON, SummitFormat.HYBRID)

    @property
    def online(self) -> bool:
        return self.format in (SummitFormat.VIRTUAL, SummitFormat.HYBRID)


class Registration(models.Model):
    """A member says they will attend; one per person per summit."""

    summit = models.ForeignKey(Summit, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="summit_registrations"
    )
    mode = models.CharField(max_length=20, choices=AttendanceMode.choices)
    registered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["summit", "person"], name="one_registration_per_person")
        ]

    def __str__(self):
        return f"{self.person_id} at {self.summit_id}"
