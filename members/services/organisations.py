from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.text import slugify

from members.models import Invitation, Organisation, Sector


class OrganisationError(Exception):
    pass


@transaction.atomic
def save_organisation(
    *, organisation: Organisation | None = None, name: str, sector: Sector, website: str = ""
) -> Organisation:
    organisation = organisation or Organisation()
    organisation.name, organisation.sector, organisation.website = name.strip(), sector, website
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError as exc:
        raise OrganisationError(f"An organisation called {name} already exists.") from exc
    return organisation


@transaction.atomic
def merge_organisations(*, actor, duplicate: Organisation, keep: Organisation) -> Organisation:
    """Move everyone and every invitation from `duplicate` to `keep`, then delete it."""
    if duplicate.pk == keep.pk:
        raise OrganisationError("Choose a different organisation to merge into.")
    duplicate.people.update(organisation=keep)
    Invitation.objects.filter(organisation=duplicate).update(organisation=keep)
    if not keep.website and duplicate.website:
        keep.website = duplicate.website
        keep.save(update_fields=["website"])
    duplicate.delete()
    return keep


@transaction.atomic
def add_sector(*, name: str) -> Sector:
    position = (Sector.objects.aggregate(last=Max("position"))["last"] or 0) + 1
    try:
        with transaction.atomic():
            return Sector.objects.create(name=name.strip(), slug=slugify(name), position=position)
    except IntegrityError as exc:
        raise OrganisationError(f"A sector called {name} already exists.") from exc
