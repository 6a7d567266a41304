"""Writes of the advocacy contact log: logging a contact with its follow-ups,
changing it, deleting it, and marking a follow-up done. Each is one transaction that
records what changed (issues.services.advocacy.record)."""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from issues.enums import Response
from issues.models import Contact, FollowUp, LegislatorResponse
from issues.services.advocacy import record, snapshot

CONTACT_FIELDS = (
    "on",
    "kind",
    "staff_met",
    "members_present",
    "organisations_present",
    "papers",
    "bills",
    "ask",
    "notes",
)
CONTACT_MANY = ("members_present", "organisations_present", "papers", "bills")
FOLLOW_UP_FIELDS = ("description", "owner", "due_on")


@dataclass(frozen=True)
class ContactDetails:
    on: datetime.date
    kind: str
    legislators: dict  # each legislator met: how they responded (a Response value)
    papers: list
    staff_met: str = ""
    members_present: list = field(default_factory=list)
    organisations_present: list = field(default_factory=list)
    bills: list = field(default_factory=list)
    ask: str = ""
    notes: str = ""


@dataclass(frozen=True)
class FollowUpRow:
    description: str
    owner: object  # a member
    due_on: datetime.date
    follow_up: FollowUp | None = None  # the one it changes; None for a new one


class ContactError(Exception):
    pass


class ContactChanged(ContactError):
    """Someone saved the contact after this person opened it."""

    def __init__(self, contact: Contact):
        self.contact = contact
        super().__init__("The contact changed after you opened it.")


def _check(details: ContactDetails) -> None:
    # The form says so next to its fields; this guards every other caller.
    if not details.legislators:
        raise ContactError("A contact is with at least one legislator.")
    if not details.papers:
        raise ContactError("A contact is about at least one paper.")
    if unknown := set(details.legislators.values()) - set(Response.values):
        raise ContactError(f"Not a response: {', '.join(sorted(map(str, unknown)))}.")


def contact_snapshot(contact: Contact) -> dict:
    """What the change record compares: the contact's fields, and each
    legislator met with their response ("Rep. … (D-12): Supportive")."""
    met = contact.responses.select_related("legislator")
    return {
        **snapshot(contact, CONTACT_FIELDS),
        "legislators": sorted(str(row) for row in met),
    }


def _apply(contact: Contact, details: ContactDetails) -> None:
    for name in CONTACT_FIELDS:
        if name not in CONTACT_MANY:
            setattr(contact, name, getattr(details, name))


def _set_many(contact: Contact, details: ContactDetails) -> None:
    for name in CONTACT_MANY:
        getattr(contact, name).set(getattr(details, name))
    wanted = {legislator.pk: response for legislator, response in details.legislators.items()}
    contact.responses.exclude(legislator_id__in=wanted).delete()
    rows = {row.legislator_id: row for row in contact.responses.all()}
    changed = []
    for legislator_id, response in wanted.items():
        row = rows.get(legislator_id)
        if row is not None and row.response != response:
            row.response = response
            changed.append(row)
    LegislatorResponse.objects.bulk_update(changed, ["response"])
    LegislatorResponse.objects.bulk_create(
        LegislatorResponse(contact=contact, legislator_id=legislator_id, response=response)
        for legislator_id, response in wanted.items()
        if legislator_id not in rows
    )


def _write_follow_ups(*, actor, contact: Contact, rows: list[FollowUpRow]) -> None:
    for row in rows:
        if row.follow_up is None:
            follow_up = FollowUp.objects.create(
                contact=contact, description=row.description, owner=row.owner, due_on=row.due_on
            )
            record(
                actor=actor,
                subject="follow_up",
                subject_id=follow_up.pk,
                action="created",
                after={"contact": contact.pk, **snapshot(follow_up, FOLLOW_UP_FIELDS)},
            )
            continue
        follow_up = row.follow_up
        if follow_up.contact_id != contact.pk:
            raise ContactError("That follow-up belongs to another contact.")
        before = snapshot(follow_up, FOLLOW_UP_FIELDS)
        follow_up.description, follow_up.owner, follow_up.due_on = (
            row.description,
            row.owner,
            row.due_on,
        )
        after = snapshot(follow_up, FOLLOW_UP_FIELDS)
        if after != before:
            follow_up.save(update_fields=["description", "owner", "due_on"])
            record(
                actor=actor,
                subject="follow_up",
                subject_id=follow_up.pk,
                action="changed",
                before=before,
                after=after,
            )


@transaction.atomic
def log_contact(*, actor, details: ContactDetails, follow_ups: list[FollowUpRow]) -> Contact:
    _check(details)
    contact = Contact(logged_by=actor)
    _apply(contact, details)
    contact.save()
    _set_many(contact, details)
    record(
        actor=actor,
        subject="contact",
        subject_id=contact.pk,
        action="created",
        after=contact_snapshot(contact),
    )
    _write_follow_ups(actor=actor, contact=contact, rows=follow_ups)
    return contact


def opened_token(contact: Contact) -> str:
    """What the edit page carries to tell whether the contact changed since."""
    return contact.updated_at.isoformat()


@transaction.atomic
def change_contact(
    *,
    actor,
    contact: Contact,
    details: ContactDetails,
    follow_ups: list[FollowUpRow],
    opened: str = "",
) -> Contact:
    """Change a contact and its follow-ups; only what differs is recorded.
    With `opened` (opened_token() when the page was opened), a contact saved
    by someone else since is refused: ContactChanged."""
    _check(details)
    # Locked, and read afresh: two people saving at once are recorded one
    # after the other, and the second is told the first saved.
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if opened and opened != opened_token(contact):
        raise ContactChanged(contact)
    before = contact_snapshot(contact)
    _apply(contact, details)
    _set_many(contact, details)
    after = contact_snapshot(contact)
    if after != before:  # saved (a new updated_at) only when something changed
        contact.save()
        record(
            actor=actor,
            subject="contact",
            subject_id=contact.pk,
            action="changed",
            before=before,
            after=after,
        )
    _write_follow_ups(actor=actor, contact=contact, rows=follow_ups)
    return contact


@transaction.atomic
def mark_follow_up_done(*, actor, follow_up: FollowUp) -> bool:
    """Mark it done; False when it already was (two clicks, two people)."""
    now = timezone.now()
    marked = FollowUp.objects.filter(pk=follow_up.pk, done_at__isnull=True).update(
        done_at=now, done_by=actor
    )
    if not marked:
        return False
    follow_up.done_at, follow_up.done_by = now, actor
    record(
        actor=actor,
        subject="follow_up",
        subject_id=follow_up.pk,
        action="done",
        before={"done": False},
        after={"done": True},
    )
    return True


@transaction.atomic
def delete_contact(*, actor, contact: Contact) -> None:
    """Delete a contact logged by mistake (or twice), with its follow-ups; the
    record keeps what it said."""
    before = {
        **contact_snapshot(contact),
        "follow_ups": sorted(
            f"{f.description} ({f.owner}, {f.due_on})"
            for f in contact.follow_ups.select_related("owner")
        ),
    }
    record(actor=actor, subject="contact", subject_id=contact.pk, action="deleted", before=before)
    contact.delete()
