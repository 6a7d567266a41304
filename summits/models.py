"""Summits: three or four a year the whole partnership meets to review the
workgroups' papers. Who comes is a Registration, one per person."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from summits.enums import AttendanceMode, Disposition, Stance, SummitFormat


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


class FeedbackRound(models.Model):
    """A window in which members give feedback on frozen paper versions."""

    summit = models.ForeignKey(Summit, on_delete=models.CASCADE, related_name="rounds")
    title = models.CharField(max_length=200, help_text="For example “Before the summit”.")
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    results_while_open = models.BooleanField(
        "show results while open",
        default=False,
        help_text="Otherwise members see the results once the round closes.",
    )
    revisions = models.ManyToManyField(
        "issues.PaperRevision", through="RoundPaper", related_name="feedback_rounds"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["opens_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="round_closes_after_it_opens",
            )
        ]

    def __str__(self):
        return f"{self.summit}: {self.title}"

    def get_absolute_url(self):
        return reverse("summits:round", kwargs={"pk": self.pk})

    def is_open(self, now) -> bool:
        return self.opens_at <= now < self.closes_at


class RoundPaper(models.Model):
    """A frozen paper version a round covers: the exact text reviewers read."""

    round = models.ForeignKey(FeedbackRound, on_delete=models.CASCADE, related_name="round_papers")
    revision = models.ForeignKey("issues.PaperRevision", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "revision"], name="paper_once_per_round")
        ]

    def __str__(self):
        return f"{self.round_id}: {self.revision_id}"


class Feedback(models.Model):
    """One person's submitted feedback on one paper in one round; edited in
    place until the round closes. Typing not yet submitted is a FeedbackDraft
    and counts nowhere."""

    round = models.ForeignKey(FeedbackRound, on_delete=models.PROTECT, related_name="feedback")
    revision = models.ForeignKey("issues.PaperRevision", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback",
        help_text="Empty when an organiser entered it for someone without an account.",
    )
    giver_name = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        "members.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    organisation_position = models.BooleanField("states my organisation's position", default=False)
    stance = models.CharField(max_length=30, choices=Stance.choices)
    comments = models.TextField(blank=True, max_length=20000)
    suggested_changes = models.TextField(blank=True, max_length=20000)
    recommendation_number = models.PositiveSmallIntegerField(null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    disposition = models.CharField(max_length=20, choices=Disposition.choices, blank=True)
    disposition_reason = models.CharField("reason", max_length=1000, blank=True)
    disposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    disposed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "revision", "person"],
                condition=models.Q(person__isnull=False),
                name="one_feedback_per_person_paper_round",
            ),
            models.UniqueConstraint(
                fields=["round", "revision", "organisation"],
                condition=models.Q(organisation_position=True),
                name="one_position_per_organisation_paper_round",
            ),
        ]
        indexes = [models.Index(fields=["round", "revision"], name="feedback_round_paper")]

    def __str__(self):
        return f"Feedback {self.pk}"

    @property
    def giver(self) -> str:
        return self.person.full_name if self.person else self.giver_name


class FeedbackDraft(models.Model):
    """What a person has typed and not submitted: kept, never counted."""

    round = models.ForeignKey(FeedbackRound, on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey("issues.PaperRevision", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feedback_drafts"
    )
    data = models.JSONField(default=dict)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "revision", "person"], name="one_feedback_draft_per_person"
            )
        ]

    def __str__(self):
        return f"Draft feedback by {self.person_id}"
