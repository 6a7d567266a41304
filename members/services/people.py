"""Changes to a person's account: admin role, deactivation, their own profile."""

from django.contrib.auth import get_user_model
from django.db import transaction

from workgroups import services as workgroup_services
from workgroups.enums import RoleChangeKind
from workgroups.permissions import forget_roles


class PersonError(Exception):
    pass


def _flip(*, actor, person, field: str, value: bool, kind: str, labels: tuple[str, str]):
    User = get_user_model()
    updated = User.objects.filter(pk=person.pk, **{field: not value}).update(**{field: value})
    if not updated:
        raise PersonError(f"{person} is already {labels[value]}.")
    setattr(person, field, value)
    workgroup_services.record_role_change(
        person=person, actor=actor, kind=kind, old=labels[not value], new=labels[value]
    )
    forget_roles(person)


@transaction.atomic
def set_admin(*, actor, person, is_admin: bool) -> None:
    if actor is not None and actor.pk == person.pk and not is_admin:
        raise PersonError("You cannot remove your own admin role; ask another admin.")
    _flip(
        actor=actor,
        person=person,
        field="is_staff",
        value=is_admin,
        kind=RoleChangeKind.ADMIN,
        labels=("not an admin", "an admin"),
    )


@transaction.atomic
def set_active(*, actor, person, active: bool) -> None:
    """Deactivate: the person can no longer sign in; what they wrote keeps their name.

    Nothing is deleted. Their sessions end at their next request, because
    Django refuses inactive users.
    """
    if actor is not None and actor.pk == person.pk and not active:
        raise PersonError("You cannot deactivate your own account.")
    _flip(
        actor=actor,
        person=person,
        field="is_active",
        value=active,
        kind=RoleChangeKind.ACTIVE,
        labels=("deactivated", "active"),
    )


PROFILE_FIELDS = (
    "full_name",
    "organisation",
    "time_zone",
    "phone",
    "bio",
    "show_organisation",
    "show_email",
    "show_phone",
    "show_bio",
)


@transaction.atomic
def update_profile(*, person, **changes) -> None:
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise PersonError(f"Not profile fields: {', '.join(sorted(unknown))}")
    for field, value in changes.items():
        setattr(person, field, value)
    person.save(update_fields=list(changes))
