"""The admins' CSV import of legislators (issue 13): each good row creates or
updates a legislator, bad rows are reported by line. Committee names are
matched as people write them; one only like a known committee is refused with
the likely ones named, and a seat is held by one legislator at a time."""

import csv
import datetime
import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from issues.enums import Chamber, Party
from issues.models import Committee, Legislator
from issues.services.advocacy_registry import (
    RegistryError,
    Tally,
    district_error,
    seat_holder,
    write_legislator,
)
from members.uploads import CsvProblem, csv_reader

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
class LegislatorImport(Tally):
    """What an import did: counts, each refused row as [line, name, reason],
    and the committees it added as (line, committee)."""

    errors: list = field(default_factory=list)
    committees_added: list = field(default_factory=list)


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
    # A column the file leaves out, or an empty cell, leaves that detail as
    # it is: a spreadsheet with gaps must not wipe what the coalition typed.
    given = {COLUMN_FIELDS[column]: parsed[column] for column in columns if values.get(column)}
    return given, ""


def parse_legislator_csv(content: bytes) -> tuple[list[tuple[int, dict]], list[list]]:
    """Return (good rows as (line, fields), errors as [line, name, reason]).
    CsvProblem when the file as a whole cannot be imported (not UTF-8 text,
    a column missing, too many rows): then nothing is."""
    reader = csv_reader(content, required=REQUIRED_COLUMNS)
    columns = tuple(column for column in IMPORT_COLUMNS if column in reader.fieldnames)
    rows, errors = [], []
    try:
        for record_ in reader:
            values = {
                key: (value or "").strip() for key, value in record_.items() if key in columns
            }
            if not any(values.values()):
                continue  # an empty line
            if len(rows) + len(errors) >= MAX_ROWS:
                raise CsvProblem(0, f"The file has more than {MAX_ROWS} rows; split it.")
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


# A committee's name as a file may write it: "Senate Committee on Health",
# "Health Committee" and "health." are all the Senate's "Health".
_CHAMBER_WORDS = {"assembly", "senate", "joint"}
# What a new committee's name loses: __str__ puts "Assembly Committee on" back.
_NAME_PREFIX = re.compile(r"^(?:(?:assembly|senate)\s+)?committee(?:\s+on)?\s+", re.IGNORECASE)
_NAME_SUFFIX = re.compile(r"\s+committee$", re.IGNORECASE)
# Two names at least this alike (difflib's ratio) are one committee mistyped:
# "Children and Family" for "Children and Families" (0.9), "Helth" for
# "Health" (0.91); "State Affairs" and "Rural Affairs" (0.69) stay apart.
LOOK_ALIKE_RATIO = 0.85


def committee_key(name: str) -> str:
    """The words that tell a chamber's committees apart: no case,
    punctuation, "&" (said "and"), leading "Assembly", "Senate", "Joint" or
    "Committee on", or trailing "Committee"."""
    text = re.sub(r"['\u2019]", "", name.lower().replace("&", " and "))
    words = re.sub(r"[\W_]+", " ", text).split()
    while words and (words[0] in _CHAMBER_WORDS or words[0] == "committee"):
        words = words[2:] if words[:2] == ["committee", "on"] else words[1:]
    while words[-1:] == ["committee"]:
        words = words[:-1]
    return " ".join(words)


def _look_alike(key: str, other: str) -> bool:
    """One name's words begin the other's ("Health" and "Health, Aging and
    Long-Term Care"), or the two are spelled nearly the same."""
    words, other_words = key.split(), other.split()
    shorter = min(len(words), len(other_words))
    return (
        words[:shorter] == other_words[:shorter]
        or difflib.SequenceMatcher(None, key, other).ratio() >= LOOK_ALIKE_RATIO
    )


class _Committees:
    """The committees an import matches names to: the Hub's, then those the
    import adds (with the line that added each)."""

    def __init__(self):
        self.by_name = defaultdict(dict)  # chamber -> {name in lower case: committee}
        self.by_key = defaultdict(dict)  # chamber -> {committee_key: committee}
        for committee in Committee.objects.order_by("chamber", "name", "pk"):
            self._know(committee)
        self.added = []  # (line, committee)
        self.added_on = {}  # committee pk -> line

    def _know(self, committee: Committee) -> None:
        self.by_name[committee.chamber].setdefault(committee.name.lower(), committee)
        if key := committee_key(committee.name):
            self.by_key[committee.chamber].setdefault(key, committee)

    def resolve(self, chamber: str, names: list[str]) -> tuple[list, dict, str]:
        """(the known committees, {key: name} of new ones, "") for a row's
        committee names, or a reason to refuse the row."""
        found, new = [], {}
        for name in names:
            key = committee_key(name)
            if not key:
                return [], {}, f'"{name}" is not a committee\'s name: write its full name.'
            # The exact name first: two committees whose names differ only in
            # punctuation each keep their own.
            committee = self.by_name[chamber].get(name.lower()) or self.by_key[chamber].get(key)
            if committee:
                found.append(committee)
            elif key not in new:
                if alike := self._alike(chamber, key, new):
                    either = " or ".join([", ".join(alike[:-1]), alike[-1]] if alike[1:] else alike)
                    problem = (
                        f'No {Chamber(chamber).label} committee is called "{name}". Did you mean '
                        f"{either}? Use the committee's full name."
                    )
                    return [], {}, problem
                new[key] = _NAME_SUFFIX.sub("", _NAME_PREFIX.sub("", name)).strip() or name
        return found, new, ""

    def _alike(self, chamber: str, key: str, new: dict) -> list[str]:
        """The chamber's committees (and the row's new ones) that `key`
        resembles, quoted, most alike first; at most three."""
        candidates = [
            (other, f'"{committee.name}"' + (
                f" (added by line {self.added_on[committee.pk]})"
                if committee.pk in self.added_on else ""
            ))
            for other, committee in self.by_key[chamber].items()
        ] + [(other, f'"{name}"') for other, name in new.items()]  # fmt: skip
        alike = [(other, label) for other, label in candidates if _look_alike(key, other)]
        alike.sort(key=lambda pair: -difflib.SequenceMatcher(None, key, pair[0]).ratio())
        return [label for _, label in alike[:3]]

    def add(self, chamber: str, new: dict) -> list[Committee]:
        """Create the new committees, inside the caller's savepoint."""
        created = []
        for name in new.values():
            try:
                with transaction.atomic():
                    created.append(Committee.objects.create(chamber=chamber, name=name))
            except IntegrityError as error:
                raise RegistryError(
                    f'The committee "{name}" was added by someone else meanwhile: import the '
                    "file again."
                ) from error
        return created

    def added_by(self, line: int, committees: list[Committee]) -> None:
        """Known from now on (once their row is saved)."""
        for committee in committees:
            self._know(committee)
            self.added.append((line, committee))
            self.added_on[committee.pk] = line


def _seat_problem(row: dict, target, in_seat: dict, lines: dict) -> str:
    """Why the row's legislator cannot hold the row's seat for the row's
    term: someone else holds it for part of that time."""
    chamber, district = row["chamber"], row["district"]
    holder = seat_holder(
        chamber=chamber,
        district=district,
        # A column the file leaves out leaves that date as it is.
        term_start=row.get("term_start", target.term_start if target else None),
        term_end=row.get("term_end", target.term_end if target else None),
        legislators=[
            legislator
            for pk, legislator in in_seat[chamber, district].items()
            if target is None or pk != target.pk
        ],
    )
    if holder is None:
        return ""
    where = f" (line {lines[holder.pk]} of this file)" if holder.pk in lines else ""
    return (
        f"{holder.full_name}{where} holds {Chamber(chamber).label} district {district} for "
        "the same time. Give one of them a term that ends before the other's starts, or "
        "correct the district."
    )


@transaction.atomic
def import_legislators(*, actor, content: bytes) -> LegislatorImport:
    """Create or update a legislator for each good row of the file, all in one
    transaction. A row matches a legislator by its external id when it has
    one, else by chamber, district and name (ignoring case). A row is refused
    when another legislator holds its seat for part of its term, or when it
    names a committee that only resembles one the Hub knows; a committee
    name like none is added to the row's chamber."""
    rows, errors = parse_legislator_csv(content)
    result = LegislatorImport(errors=errors)
    existing = list(Legislator.objects.select_for_update())
    by_id = {
        legislator.external_id: legislator for legislator in existing if legislator.external_id
    }
    by_seat = {_seat_of(legislator): legislator for legislator in existing}
    in_seat = defaultdict(dict)  # (chamber, district) -> {pk: legislator}, as the file goes
    for legislator in existing:
        in_seat[legislator.chamber, legislator.district][legislator.pk] = legislator
    committees = _Committees()
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
        if problem := _seat_problem(row, target, in_seat, claimed):
            result.errors.append([line, name, problem])
            continue
        data, new_committees = dict(row), {}
        if "committees" in data:
            data["committees"], new_committees, problem = committees.resolve(
                row["chamber"], row["committees"]
            )
            if problem:
                result.errors.append([line, name, problem])
                continue
        old_seat = _seat_of(target) if target else None
        try:
            with transaction.atomic():  # a refused row leaves no committee behind
                added = committees.add(row["chamber"], new_committees)
                if added:
                    data["committees"] = [*data["committees"], *added]
                legislator, changed = write_legislator(actor=actor, legislator=target, data=data)
        except RegistryError as error:
            result.errors.append([line, name, str(error)])
            continue
        committees.added_by(line, added)
        result.count(new=target is None, changed=changed)
        claimed[key] = claimed[legislator.pk] = line
        by_seat.pop(old_seat, None)
        by_seat[_seat_of(legislator)] = legislator
        if target:
            in_seat[target.chamber, target.district].pop(target.pk, None)
        in_seat[legislator.chamber, legislator.district][legislator.pk] = legislator
        if legislator.external_id:
            by_id[legislator.external_id] = legislator
    result.errors.sort(key=lambda error: error[0])
    result.committees_added = committees.added
    return result
