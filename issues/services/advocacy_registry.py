"""Writes of advocacy's registers (issue 13): legislators (by hand, or from
the legislative-data service; from a CSV file in advocacy_import), bills and their status history,
and the districts where an organisation has constituents. Each change is
recorded (issues.services.advocacy.record) in the transaction that makes it."""

import datetime
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from issues.enums import BillStatus, Chamber
from issues.models import Bill, BillStatusChange, Legislator, OrganisationDistrict
from issues.services.advocacy import record, snapshot

LEGISLATOR_FIELDS = (
    "full_name", "chamber", "district", "party", "committees", "office_phone", "office_email",
    "office_address", "staff", "term_start", "term_end", "external_id",
)  # fmt: skip
BILL_FIELDS = ("number", "session", "title", "status", "link", "papers", "recommendations",
               "committees")  # fmt: skip
MANY = {"committees", "papers", "recommendations"}

# Wisconsin's legislature: 99 Assembly districts, 33 Senate districts.
ASSEMBLY_DISTRICTS = 99
SENATE_DISTRICTS = 33
DISTRICT_MAXIMA = {Chamber.ASSEMBLY: ASSEMBLY_DISTRICTS, Chamber.SENATE: SENATE_DISTRICTS}


def district_error(chamber: str, district: int) -> str:
    """Why a district number is out of range for its chamber, or ""."""
    maximum = DISTRICT_MAXIMA.get(chamber)
    if maximum and not 1 <= district <= maximum:
        return f"{Chamber(chamber).label} districts run from 1 to {maximum}."
    return ""


def district_text(numbers) -> str:
    return ", ".join(str(number) for number in sorted(numbers))


class RegistryError(Exception):
    """A change that cannot be made as asked; the message says why."""


def terms_overlap(start, end, other_start, other_end) -> bool:
    """Whether two terms share a day; a term without a date is open at that end."""
    return (start is None or other_end is None or other_end >= start) and (
        end is None or other_start is None or other_start <= end
    )


def seat_holder(*, chamber: str, district: int, term_start, term_end, legislators):
    """The first of `legislators` who holds this seat for part of the term
    term_start..term_end: one legislator per seat at a time. The caller leaves
    out the legislator being saved."""
    return next(
        (
            legislator
            for legislator in legislators
            if (legislator.chamber, legislator.district) == (chamber, district)
            and terms_overlap(term_start, term_end, legislator.term_start, legislator.term_end)
        ),
        None,
    )


def _save(instance, data: dict, fields) -> None:
    """Set plain fields from `data`, save, then set many-to-many ones."""
    for name in fields:
        if name in data and name not in MANY:
            setattr(instance, name, data[name])
    instance.save()
    for name in fields:
        if name in data and name in MANY:
            getattr(instance, name).set(data[name])


# Legislators ---------------------------------------------------------------


def write_legislator(
    *, actor, legislator: Legislator | None, data: dict
) -> tuple[Legislator, bool]:
    """Create (legislator None) or change one legislator and record it.
    Returns (legislator, whether anything changed)."""
    if legislator is None:
        legislator = Legislator()
        before = None
    else:
        legislator = Legislator.objects.select_for_update().get(pk=legislator.pk)
        before = snapshot(legislator, LEGISLATOR_FIELDS)
    try:
        with transaction.atomic():  # a savepoint: a clash leaves the outer transaction usable
            _save(legislator, data, LEGISLATOR_FIELDS)
    except IntegrityError as error:
        raise RegistryError(
            "A legislator with this name already holds this seat, or has this external id."
        ) from error
    after = snapshot(legislator, LEGISLATOR_FIELDS)
    changed = record(
        actor=actor,
        subject="legislator",
        subject_id=legislator.pk,
        action="created" if before is None else "changed",
        before=before,
        after=after,
    )
    return legislator, changed is not None


@transaction.atomic
def create_legislator(*, actor, data: dict) -> Legislator:
    return write_legislator(actor=actor, legislator=None, data=data)[0]


@transaction.atomic
def update_legislator(*, actor, legislator: Legislator, data: dict) -> bool:
    """Whether anything changed."""
    return write_legislator(actor=actor, legislator=legislator, data=data)[1]


# The legislative-data service ----------------------------------------------


@dataclass
class Tally:
    """How many legislators a batch (a refresh, an import) added, changed and
    left as they were."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def count(self, *, new: bool, changed: bool) -> None:
        if new:
            self.created += 1
        elif changed:
            self.updated += 1
        else:
            self.unchanged += 1


@dataclass
class Refresh(Tally):
    skipped: list = field(default_factory=list)  # [(name, reason)]


@transaction.atomic
def refresh_legislators(*, actor, people) -> Refresh:
    """Bring the register up to date with the service's people (see
    issues.legislators_api.Person). A person matches by external id, else by
    chamber, district and name; contact details the service leaves empty keep
    what the coalition typed. Legislators the service no longer lists stay."""
    result = Refresh()
    for person in people:
        data = {
            "external_id": person.external_id,
            "full_name": person.full_name,
            "chamber": person.chamber,
            "district": person.district,
            "party": person.party,
        }
        for name in ("office_email", "office_phone", "office_address"):
            if getattr(person, name):
                data[name] = getattr(person, name)
        if problem := district_error(person.chamber, person.district):
            result.skipped.append((person.full_name, problem))
            continue
        target = Legislator.objects.filter(external_id=person.external_id).first()
        if target is None:
            target = Legislator.objects.filter(
                chamber=person.chamber,
                district=person.district,
                full_name__iexact=person.full_name,
                external_id="",
            ).first()
        try:
            _, changed = write_legislator(actor=actor, legislator=target, data=data)
        except RegistryError as error:
            result.skipped.append((person.full_name, str(error)))
            continue
        result.count(new=target is None, changed=changed)
    return result


# Bills ---------------------------------------------------------------------


@transaction.atomic
def create_bill(*, actor, data: dict) -> Bill:
    """A new bill; its status starts its history."""
    bill = Bill()
    try:
        with transaction.atomic():
            _save(bill, data, BILL_FIELDS)
    except IntegrityError as error:
        raise RegistryError("This bill number is already recorded for this session.") from error
    BillStatusChange.objects.create(
        bill=bill, status=bill.status, on=timezone.localdate(), recorded_by=actor
    )
    record(
        actor=actor,
        subject="bill",
        subject_id=bill.pk,
        action="created",
        after=snapshot(bill, BILL_FIELDS),
    )
    return bill


@transaction.atomic
def update_bill(*, actor, bill: Bill, data: dict) -> bool:
    """Change a bill's details (not its status: change_bill_status keeps the history)."""
    bill = Bill.objects.select_for_update().get(pk=bill.pk)
    before = snapshot(bill, BILL_FIELDS)
    data = {key: value for key, value in data.items() if key != "status"}
    try:
        with transaction.atomic():
            _save(bill, data, BILL_FIELDS)
    except IntegrityError as error:
        raise RegistryError("This bill number is already recorded for this session.") from error
    return (
        record(
            actor=actor,
            subject="bill",
            subject_id=bill.pk,
            action="changed",
            before=before,
            after=snapshot(bill, BILL_FIELDS),
        )
        is not None
    )


@transaction.atomic
def change_bill_status(
    *, actor, bill: Bill, status: str, on: datetime.date, note: str = ""
) -> BillStatusChange:
    """A new step in the bill's history. The bill shows the latest step by
    date, so a step recorded late for an earlier date does not override it."""
    if status not in BillStatus.values:
        raise RegistryError(f"Unknown status '{status}'.")
    bill = Bill.objects.select_for_update().get(pk=bill.pk)
    change = BillStatusChange.objects.create(
        bill=bill, status=status, on=on, note=note, recorded_by=actor
    )
    latest = bill.history.order_by("-on", "-pk").first()
    before = bill.status
    if latest.status != bill.status:
        bill.status = latest.status
        bill.save(update_fields=["status"])
    record(
        actor=actor,
        subject="bill",
        subject_id=bill.pk,
        action="status",
        before={"status": before},
        after={"status": bill.status, "step": f"{status} on {on.isoformat()}", "note": note},
    )
    return change


# Districts -----------------------------------------------------------------


def organisation_district_numbers(organisation) -> dict[str, list[int]]:
    numbers = {chamber: [] for chamber in Chamber.values}
    for chamber, district in organisation.districts.values_list("chamber", "district"):
        numbers[chamber].append(district)
    return numbers


@transaction.atomic
def set_organisation_districts(*, actor, organisation, districts: dict[str, list[int]]) -> bool:
    """Replace the organisation's districts, chamber by chamber. Whether
    anything changed."""
    for chamber, numbers in districts.items():
        if chamber not in DISTRICT_MAXIMA or any(district_error(chamber, n) for n in numbers):
            raise RegistryError(f"Districts out of range for {chamber}: {numbers}.")
    # Lock the organisation: two people saving its districts at once take turns.
    type(organisation).objects.select_for_update().filter(pk=organisation.pk).first()
    current = organisation_district_numbers(organisation)
    for chamber, numbers in districts.items():
        old, new = set(current[chamber]), set(numbers)
        OrganisationDistrict.objects.filter(
            organisation=organisation, chamber=chamber, district__in=old - new
        ).delete()
        OrganisationDistrict.objects.bulk_create(
            OrganisationDistrict(organisation=organisation, chamber=chamber, district=number)
            for number in sorted(new - old)
        )
    after = {**current, **{chamber: sorted(numbers) for chamber, numbers in districts.items()}}
    return (
        record(
            actor=actor,
            subject="organisation",
            subject_id=organisation.pk,
            action="changed",
            before={f"{c} districts": district_text(n) for c, n in current.items()},
            after={f"{c} districts": district_text(n) for c, n in after.items()},
        )
        is not None
    )
