"""Every email the Hub sends is a Delivery row first: reminders planned ahead
of an event, notifications of something that happened, and plain messages
(the outbox). A beat-driven sweep claims due rows and sends them, so a message
is late when the worker or the broker is down, never lost, and once: the
row's unique key (kind, event, recipient, lead time, the start it reminds of)
admits one delivery per reminder."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from reminders.enums import Choice, DeliveryStatus


class Delivery(models.Model):
    kind = models.CharField(max_length=50)
    event_key = models.CharField(max_length=100, help_text="What it is about: meeting:12.")
    recipient_key = models.CharField(max_length=300, help_text="person:5 or guest:ana@…")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deliveries",
    )
    email = models.EmailField(max_length=254)
    lead_minutes = models.PositiveIntegerField(default=0)
    event_starts_at = models.DateTimeField(help_text="The moment it reminds of.")
    due_at = models.DateTimeField()
    digest = models.BooleanField(default=False, help_text="Goes out in the daily digest.")
    status = models.CharField(
        max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    send_after = models.DateTimeField(help_text="The due time, later after a failed attempt.")
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_by = models.CharField(max_length=100, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    skip_reason = models.CharField(max_length=200, blank=True)
    payload = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-due_at", "-pk"]
        verbose_name_plural = "deliveries"
        constraints = [
            # A skipped delivery does not count: if what made it unwanted is
            # undone (a meeting moved back, a member rejoined), it is planned again.
            models.UniqueConstraint(
                fields=["kind", "event_key", "recipient_key", "lead_minutes", "event_starts_at"],
                condition=~models.Q(status="skipped"),
                name="one_delivery_per_reminder",
            )
        ]
        indexes = [
            # In the sweep's order: with 10,000 reminders due at one moment,
            # an index on the time alone made each claim sort them all.
            models.Index(
                fields=["send_after", "id"],
                condition=models.Q(status="pending"),
                name="delivery_due_in_order",
            ),
            models.Index(
                fields=["lease_until"],
                condition=models.Q(status="sending"),
                name="delivery_leased",
            ),
            models.Index(fields=["status", "-due_at"], name="delivery_by_status"),
        ]

    def __str__(self):
        return f"{self.kind} {self.event_key} → {self.email}"


class Preference(models.Model):
    """One person's choice for one kind: a reminder on or off, a notification
    at once, in the digest or never. No row means the default: on, at once."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preferences"
    )
    kind = models.CharField(max_length=50)
    choice = models.CharField(max_length=10, choices=Choice.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self):
        return f"{self.person_id} {self.kind}: {self.choice}"


class GuestOptOut(models.Model):
    """Someone without an account (a learning-session guest) who followed an
    unsubscribe link."""

    email = models.EmailField()
    kind = models.CharField(max_length=50)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), "kind", name="one_guest_opt_out_per_kind")
        ]

    def __str__(self):
        return f"{self.email} {self.kind}: off"


class LeadTimes(models.Model):
    """How long before its event each reminder of a kind goes out, as admins
    set it in the app; a kind without a row uses settings.REMINDER_LEAD_TIMES."""

    kind = models.CharField(max_length=50, unique=True)
    minutes = models.JSONField(help_text="Minutes before the event, largest first.")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "lead times"

    def __str__(self):
        return f"{self.kind}: {self.minutes}"


class PlannerState(models.Model):
    """Up to when reminders have been planned: after an outage the planner
    starts where it stopped, so nothing due in between is skipped."""

    planned_until = models.DateTimeField()

    def __str__(self):
        return f"planned until {self.planned_until:%Y-%m-%d %H:%M}"
