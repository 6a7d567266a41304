"""Writes of the summits app: one function per change, each checking the
actor's right first."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from summits import permissions
from summits.enums import AttendanceMode
from summits.models import Registration, Summit

SUMMIT_FIELDS = ("title", "starts_at", "ends_at", "format", "venue", "address", "meeting_link",
                 "agenda")  # fmt: skip


class SummitError(Exception):
    pass


class NotAllowed(SummitError):
    pass


def _unique_slug(title: str, starts_at: datetime.datetime) -> str:
    base = slugify(f"{title} {starts_at:%Y}")[:180] or "summit"
    slug, n = base, 2
    while Summit.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def create_summit(*, actor, **fields) -> Summit:
    if not permissions.can_run_summits(actor):
        raise NotAllowed("Only the Core Group and admins create summits.")
    values = {name: fields[name] for name in SUMMIT_FIELDS}
    try:
        with transaction.atomic():
            return Summit.objects.create(
                slug=_unique_slug(values["title"], values["starts_at"]),
                created_by=actor,
                **values,
            )
    except IntegrityError as exc:  # two summits of one name created at the same moment
        raise SummitError("A summit of this name was just created: open it instead.") from exc


@transaction.atomic
def update_summit(*, actor, summit: Summit, **fields) -> Summit:
    if not permissions.can_run_summits(actor):
        raise NotAllowed("Only the Core Group and admins change summits.")
    values = {name: fields[name] for name in SUMMIT_FIELDS}
    Summit.objects.filter(pk=summit.pk).update(**values)
    summit.refresh_from_db()
    return summit


@transaction.atomic
def register(*, person, summit: Summit, mode: str) -> Registration:
    """Say one will attend, or change how; one registration per person."""
    if not permissions.can_register(person, summit, now=timezone.now()):
        raise SummitError("Registration is closed: the summit is over.")
    allowed = {AttendanceMode.IN_PERSON} if not summit.online else {AttendanceMode.ONLINE}
    if summit.in_person and summit.online:
        allowed = set(AttendanceMode.values)
    if mode not in allowed:
        raise SummitError("Choose how you will attend this summit.")
    registration, _ = Registration.objects.update_or_create(
        summit=summit, person=person, defaults={"mode": mode}
    )
    return registration


@transaction.atomic
def cancel_registration(*, person, summit: Summit) -> None:
    deleted, _ = Registration.objects.filter(summit=summit, person=person).delete()
    if not deleted:
        raise SummitError("You were not registered for this summit.")
