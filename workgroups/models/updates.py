from django.conf import settings
from django.db import models
from django.utils import timezone

from workgroups.models.workgroups import Workgroup


class WorkgroupUpdate(models.Model):
    """A chair's short update for the Core Group's biweekly meeting."""

    workgroup = models.ForeignKey(Workgroup, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    happened = models.TextField("what happened", max_length=4000)
    next_steps = models.TextField("what is next", max_length=4000)
    needs = models.TextField("what we need from the Core Group", max_length=4000, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["workgroup", "created_at"])]

    def __str__(self):
        return f"{self.workgroup} update, {self.created_at:%Y-%m-%d}"
