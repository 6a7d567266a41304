"""Writes of advocacy: every change goes through here and is recorded as an
AdvocacyChange in the same transaction (who, when, what, old -> new)."""

from django.db import transaction
from django.utils import timezone

from issues.models import AdvocacyChange


def _plain(value):
    """A field's value as the change record keeps it (JSON)."""
    if hasattr(value, "all"):  # a many-to-many manager
        return sorted(str(item) for item in value.all())
    if isinstance(value, (list, tuple, set)):
        return sorted(str(item) for item in value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def snapshot(instance, fields) -> dict:
    """The named fields' values (many-to-many ones as sorted names), to
    compare before and after a change."""
    return {field: _plain(getattr(instance, field)) for field in fields}


def record(*, actor, subject: str, subject_id: int, action: str, before=None, after=None, at=None):
    """Record a change. With `before` and `after` snapshots, only the fields
    that differ are kept; a change that changed nothing is not recorded."""
    changes = {}
    if before is not None or after is not None:
        before, after = before or {}, after or {}
        changes = {
            field: [before.get(field), after.get(field)]
            for field in sorted(set(before) | set(after))
            if before.get(field) != after.get(field)
        }
        if not changes and action == "changed":
            return None
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record() belongs in the transaction of the change it records")
    return AdvocacyChange.objects.create(
        actor=actor,
        at=at or timezone.now(),  # `at`: when it happened, for the demo's past season
        subject=subject,
        subject_id=subject_id,
        action=action,
        changes=changes,
    )
