from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from issues.enums import Legislative, Status, Term


class Lever(models.Model):
    """A lever of change (regulation and policy, payment, ...): data, per coalition."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class PolicyArea(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


def score_field(label):
    return models.PositiveSmallIntegerField(
        label,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="1 (low) to 5 (high).",
    )


class Issue(models.Model):
    """A policy issue in the coalition's pipeline, owned by one workgroup.

    `version` rises with every change: an edit based on an older version is
    refused instead of silently overwriting someone else's change.
    """

    title = models.CharField(max_length=300)
    description = models.TextField(blank=True, help_text="Markdown.")
    workgroup = models.ForeignKey(
        "workgroups.Workgroup", on_delete=models.PROTECT, related_name="issues"
    )
    term = models.CharField(max_length=10, choices=Term.choices, blank=True)
    legislative = models.CharField(
        max_length=10, choices=Legislative.choices, default=Legislative.UNKNOWN
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED)
    impact = score_field("impact")
    momentum = score_field("momentum")
    levers = models.ManyToManyField(Lever, blank=True, related_name="issues")
    policy_areas = models.ManyToManyField(PolicyArea, blank=True, related_name="issues")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_issues",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="proposed_issues",
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    rank = models.PositiveIntegerField(
        null=True, blank=True, help_text="Order in the workgroup's backlog (1 first)."
    )
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged_issues"
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        indexes = [
            # The triage page's usual filters and sorts, each with the newest first.
            models.Index(fields=["status", "-proposed_at"], name="issue_status_proposed"),
            models.Index(
                fields=["workgroup", "status", "-proposed_at"], name="issue_wg_status_proposed"
            ),
            models.Index(fields=["term", "status"], name="issue_term_status"),
            models.Index(fields=["legislative", "status"], name="issue_legislative_status"),
            models.Index(fields=["-impact", "-momentum"], name="issue_scores"),
            models.Index(fields=["-proposed_at", "-id"], name="issue_proposed"),
            models.Index(fields=["workgroup", "rank"], name="issue_backlog"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(impact__isnull=True) | models.Q(impact__range=(1, 5)),
                name="issue_impact_1_to_5",
            ),
            models.CheckConstraint(
                condition=models.Q(momentum__isnull=True) | models.Q(momentum__range=(1, 5)),
                name="issue_momentum_1_to_5",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("issues:detail", kwargs={"pk": self.pk})

    @property
    def priority(self) -> int | None:
        """Impact times momentum: the seeds' 'greatest impact that already has momentum'."""
        if self.impact is None or self.momentum is None:
            return None
        return self.impact * self.momentum


class IssueChange(models.Model):
    """The record of every change to an issue: who, when, old -> new, why."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="changes")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    field = models.CharField(max_length=30)
    old_value = models.CharField(max_length=300, blank=True)
    new_value = models.CharField(max_length=300, blank=True)
    reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        indexes = [models.Index(fields=["issue", "-changed_at"])]

    def __str__(self):
        return f"{self.issue_id} {self.field}: {self.old_value} → {self.new_value}"


class IssueComment(models.Model):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(max_length=10000, help_text="Markdown.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Comment on {self.issue_id}"


class SavedView(models.Model):
    """A named set of triage filters and sort; its link can be shared."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_issue_views"
    )
    name = models.CharField(max_length=100)
    query = models.CharField(max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="saved_view_name_per_person")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("issues:list") + (f"?{self.query}" if self.query else "")
