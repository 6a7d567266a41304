"""Writes of advocacy's registers (issue 13): legislators (by hand, from a CSV
file, or from the legislative-data service), bills and their status history,
and the districts where an organisation has constituents. Each change is
recorded (issues.services.advocacy.record) in the transaction that makes it."""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from issues.enums import BillStatus, Chamber, Party
from issues.models import Bill, BillStatusChange, Committee, Legislator, OrganisationDistrict
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


def _write_legislator(
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
    return _write_legislator(actor=actor, legislator=None, data=data)[0]


@transaction.atomic
def update_legislator(*, actor, legislator: Legislator, data: dict) -> bool:
    """Whether anything changed."""
    return _write_legislator(actor=actor, legislator=legislator, data=data)[1]


# The CSV import ------------------------------------------------------------

# The file's columns, in the documented order, and the legislator's fields they fill.
COLUMN_FIELDS = {
    "name": "full_name", "chamber": "chamber", "district": "district", "party": "party",
    "committees": "committees", "phone": "office_phone", "email": "office_email",
    "address": "office_address", "staff": "staff", "term_start": "term_start",
    "term_end": "term_end", "external_id": "external_id",
}  # fmt: skip
IMPORT_COLUMNS = tuple(COLUMN_FIELDS)
REQUIRED_COLUMNS = ("name", "chamber", "district", "party")
MAX_LENGTHS = {"name": 200, "phone": 40, "address": 300, "staff": 2000, "external_id": 100}
MAX_ROWS = 1000
CHAMBER_WORDS = {"assembly": Chamber.ASSEMBLY, "senate": Chamber.SENATE}
PARTY_WORDS = {
    **{value.lower(): value for value in Party.values},
    **{label.lower(): value for value, label in Party.choices},
}


@dataclass
class LegislatorImport:
    """What an import did: counts, and each refused row as [line, name, reason]."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)


def _split_committees(value: str) -> list[str]:
    return [" ".join(part.split()) for part in value.split(";") if part.strip()]


def _date(value: str, column: str):
    if not value:
        return None, ""
    for pattern in ("%Y-%m-%d", "%m/%d/%Y"):
        try:
            return datetime.datetime.strptime(value, pattern).date(), ""  # noqa: DTZ007 -- a date, no time of day
        except ValueError:
            continue
    return None, f"{column} '{value}' is not a date: write it as 2025-01-06."


def _check_row(values: dict, columns) -> tuple[dict, str]:
    """The row as the legislator's fields, or the reason it is refused."""
    for column, limit in MAX_LENGTHS.items():
        if len(values.get(column, "")) > limit:
            return {}, f"The {column} is longer than {limit} characters."
    if not values["name"]:
        return {}, "The name is empty."
    chamber = CHAMBER_WORDS.get(values["chamber"].lower())
    if chamber is None:
        return {}, f"Chamber '{values['chamber']}' must be Assembly or Senate."
    if not (values["district"].isascii() and values["district"].isdigit()):
        return {}, f"District '{values['district']}' is not a number."
    district = int(values["district"])
    if problem := district_error(chamber, district):
        return {}, problem
    party = PARTY_WORDS.get(values["party"].lower())
    if party is None:
        return {}, (
            f"Party '{values['party']}' must be one of "
            + ", ".join(f"{value} ({label})" for value, label in Party.choices)
            + "."
        )
    if values.get("email"):
        try:
            validate_email(values["email"])
        except ValidationError:
            return {}, f"'{values['email']}' is not a valid email address."
    start, problem = _date(values.get("term_start", ""), "term_start")
    if problem:
        return {}, problem
    end, problem = _date(values.get("term_end", ""), "term_end")
    if problem:
        return {}, problem
    if start and end and end < start:
        return {}, "The term ends before it starts."
    committees = _split_committees(values.get("committees", ""))
    if too_long := [name for name in committees if len(name) > 200]:
        return {}, f"The committee name '{too_long[0][:40]}…' is longer than 200 characters."
    parsed = {**values, "name": " ".join(values["name"].split()), "chamber": chamber,
              "district": district, "party": party, "term_start": start, "term_end": end,
              "committees": committees}  # fmt: skip
    # A column the file leaves out leaves that field as it is.
    return {COLUMN_FIELDS[column]: parsed[column] for column in columns}, ""


def parse_legislator_csv(content: bytes) -> tuple[list[tuple[int, dict]], list[list]]:
    """Return (good rows as (line, fields), errors as [line, name, reason])."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [[0, "", "The file is not UTF-8 text. Save it as 'CSV UTF-8' and try again."]]
    reader = csv.DictReader(io.StringIO(text))
    header = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        return [], [
            [1, "", f"The first line must name the columns; missing: {', '.join(missing)}."]
        ]
    reader.fieldnames = header
    columns = tuple(column for column in IMPORT_COLUMNS if column in header)
    rows, errors = [], []
    try:
        for record_ in reader:
            values = {
                key: (value or "").strip() for key, value in record_.items() if key in columns
            }
            if not any(values.values()):
                continue  # an empty line
            if len(rows) + len(errors) >= MAX_ROWS:
                return [], [[0, "", f"The file has more than {MAX_ROWS} rows; split it."]]
            row, problem = _check_row(values, columns)
            if problem:
                errors.append([reader.line_num, values.get("name", ""), problem])
            else:
                rows.append((reader.line_num, row))
    except csv.Error as error:
        errors.append([reader.line_num, "", f"The file is not valid CSV here: {error}."])
    return rows, errors


def _seat(chamber: str, district: int, name: str) -> tuple:
    return (chamber, district, name.lower())


def _seat_of(legislator: Legislator) -> tuple:
    return _seat(legislator.chamber, legislator.district, legislator.full_name)


@transaction.atomic
def import_legislators(*, actor, content: bytes) -> LegislatorImport:
    """Create or update a legislator for each good row of the file, all in one
    transaction. A row matches a legislator by its external id when it has
    one, else by chamber, district and name (ignoring case)."""
    rows, errors = parse_legislator_csv(content)
    result = LegislatorImport(errors=errors)
    existing = list(Legislator.objects.select_for_update())
    by_id = {
        legislator.external_id: legislator for legislator in existing if legislator.external_id
    }
    by_seat = {_seat_of(legislator): legislator for legislator in existing}
    committees = {(c.chamber, c.name.lower()): c for c in Committee.objects.all()}
    claimed = {}  # legislator pk or new seat -> the line that took it

    for line, row in rows:
        name, external_id = row["full_name"], row.get("external_id", "")
        seat = _seat(row["chamber"], row["district"], name)
        target = by_id.get(external_id) if external_id else None
        if target is None:
            target = by_seat.get(seat)
            if target and external_id and target.external_id:
                result.errors.append([line, name, (
                    "This seat and name belong to the legislator with external id "
                    f"'{target.external_id}', not '{external_id}'."
                )])  # fmt: skip
                continue
        elif by_seat.get(seat, target).pk != target.pk:
            result.errors.append([line, name, (
                f"The external id is {target.full_name}'s, and another legislator already "
                "has this name and seat."
            )])  # fmt: skip
            continue
        key = target.pk if target else seat
        if key in claimed:
            result.errors.append([line, name, f"The same legislator is on line {claimed[key]}."])
            continue
        data = dict(row)
        if "committees" in data:
            data["committees"] = [
                _committee(committees, row["chamber"], committee) for committee in row["committees"]
            ]
        old_seat = _seat_of(target) if target else None
        try:
            legislator, changed = _write_legislator(actor=actor, legislator=target, data=data)
        except RegistryError as error:
            result.errors.append([line, name, str(error)])
            continue
        if target is None:
            result.created += 1
        elif changed:
            result.updated += 1
        else:
            result.unchanged += 1
        claimed[key] = claimed[legislator.pk] = line
        by_seat.pop(old_seat, None)
        by_seat[_seat_of(legislator)] = legislator
        if legislator.external_id:
            by_id[legislator.external_id] = legislator
    result.errors.sort(key=lambda error: error[0])
    return result


def _committee(committees: dict, chamber: str, name: str) -> Committee:
    """The chamber's committee of that name (ignoring case); a new one if none."""
    key = (chamber, name.lower())
    if key not in committees:
        committees[key] = Committee.objects.create(chamber=chamber, name=name)
    return committees[key]


# The legislative-data service ----------------------------------------------


@dataclass
class Refresh:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
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
            _, changed = _write_legislator(actor=actor, legislator=target, data=data)
        except RegistryError as error:
            result.skipped.append((person.full_name, str(error)))
            continue
        if target is None:
            result.created += 1
        elif changed:
            result.updated += 1
        else:
            result.unchanged += 1
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
