from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from workgroups.enums import Cadence, RequestStatus, Role, RoleChangeKind, WorkgroupStatus


class Workgroup(models.Model):
    """A group of the coalition that meets and does the policy work.

    Exactly one workgroup may be the Core Group, the coalition's steering
    committee: its members triage issues across all workgroups.
    """

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    is_core_group = models.BooleanField(
        "Core Group",
        default=False,
        help_text="The steering committee. Only one workgroup can be the Core Group.",
    )
    summary = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    status = models.CharField(
        max_length=20, choices=WorkgroupStatus.choices, default=WorkgroupStatus.ACTIVE
    )
    cadence = models.CharField(max_length=20, choices=Cadence.choices, default=Cadence.MONTHLY)
    meeting_link = models.URLField(
        blank=True, help_text="Video-call link. Shown to signed-in members only."
    )

    class Meta:
        ordering = ["-is_core_group", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_core_group"],
                condition=Q(is_core_group=True),
                name="one_core_group",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("workgroups:detail", kwargs={"slug": self.slug})

    @property
    def is_active(self) -> bool:
        return self.status == WorkgroupStatus.ACTIVE


class MembershipQuerySet(models.QuerySet):
    def current(self):
        """Memberships in force: not ended, of people who can still sign in."""
        return self.filter(ended_on__isnull=True, person__is_active=True)


class Membership(models.Model):
    """A person's place in a workgroup, as member or chair, over a span of dates.

    Ending a membership sets `ended_on`; the row stays as history.
    """

    workgroup = models.ForeignKey(Workgroup, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["workgroup", "-role", "person__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["workgroup", "person"],
                condition=Q(ended_on__isnull=True),
                name="one_current_membership_per_workgroup",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="membership_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.get_role_display()} of {self.workgroup}"

    @property
    def is_current(self) -> bool:
        return self.ended_on is None


class MembershipRequest(models.Model):
    """A member asks to join a workgroup; its chairs (or the Core Group) decide."""

    workgroup = models.ForeignKey(
        Workgroup, on_delete=models.CASCADE, related_name="membership_requests"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership_requests"
    )
    message = models.TextField(blank=True, max_length=2000)
    status = models.CharField(
        max_length=20, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["workgroup", "person"],
                condition=Q(status="pending"),
                name="one_pending_request_per_workgroup",
            ),
        ]

    def __str__(self):
        return f"{self.person} asks to join {self.workgroup}"


class RoleChange(models.Model):
    """The record of every change to who may do what: who, when, old -> new.

    Written by the services that make the change, in the same transaction.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_changes"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=20, choices=RoleChangeKind.choices)
    workgroup = models.ForeignKey(
        Workgroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    old_value = models.CharField(max_length=100, blank=True)
    new_value = models.CharField(max_length=100, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.person}: {self.old_value or '—'} → {self.new_value or '—'}"
