"""Reads of the advocacy contact log: the contacts list and its filters, open
follow-ups, a contact with its record of changes, and what a paper's and a
legislator's pages show (latest responses, committee coverage, partners in a
district). Each is a fixed number of queries whatever the rows."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Case, IntegerField, Prefetch, Q, Value, When
from django.utils import timezone
from django.utils.text import capfirst

from issues.enums import ContactKind, PaperState, Response
from issues.models import (
    AdvocacyChange,
    Bill,
    Committee,
    Contact,
    FollowUp,
    IssuePaper,
    Legislator,
    OrganisationDistrict,
)


def _legislators_in_order():
    return Legislator.objects.order_by("chamber", "full_name")


def _contacts():
    """Contacts with what a row of a contacts table shows."""
    return Contact.objects.select_related("logged_by").prefetch_related(
        Prefetch("legislators", queryset=_legislators_in_order()),
        Prefetch("papers", queryset=IssuePaper.objects.only("pk", "title").order_by("title")),
    )


def adopted_papers():
    """The papers advocacy is about: adopted ones, legislative ones first."""
    return IssuePaper.objects.filter(state=PaperState.ADOPTED).order_by("-legislative", "title")


# The contacts list -------------------------------------------------------------


def contacts_filtered(*, user, filters: dict):
    """Newest first; `filters` are a ContactFilterForm's valid values."""
    contacts = _contacts()
    if paper := filters.get("paper"):
        contacts = contacts.filter(papers=paper)
    if legislator := filters.get("legislator"):
        contacts = contacts.filter(legislators=legislator)
    if response := filters.get("response"):
        contacts = contacts.filter(response=response)
    if kind := filters.get("kind"):
        contacts = contacts.filter(kind=kind)
    if filters.get("mine"):
        contacts = contacts.filter(logged_by=user)
    if date_from := filters.get("date_from"):
        contacts = contacts.filter(on__gte=date_from)
    if date_to := filters.get("date_to"):
        contacts = contacts.filter(on__lte=date_to)
    return contacts.order_by("-on", "-pk")


# Follow-ups ---------------------------------------------------------------------


def open_follow_ups(*, user, just_mine: bool = False):
    """Open follow-ups, the person's own first, then by due date."""
    follow_ups = FollowUp.objects.open().select_related("owner", "contact")
    if just_mine:
        follow_ups = follow_ups.filter(owner=user)
    return follow_ups.prefetch_related(
        Prefetch("contact__legislators", queryset=_legislators_in_order()),
        Prefetch("contact__papers", queryset=IssuePaper.objects.only("pk", "title")),
    ).order_by(
        Case(When(owner=user, then=Value(0)), default=Value(1), output_field=IntegerField()),
        "due_on",
        "pk",
    )


def overdue(follow_up) -> bool:
    return follow_up.done_at is None and follow_up.due_on < timezone.localdate()


# A contact ----------------------------------------------------------------------


def contact_detail(*, pk: int) -> Contact:
    return (
        Contact.objects.select_related("logged_by")
        .prefetch_related(
            Prefetch("legislators", queryset=_legislators_in_order()),
            Prefetch("papers", queryset=IssuePaper.objects.order_by("-legislative", "title")),
            Prefetch("bills", queryset=Bill.objects.order_by("-session", "number")),
            Prefetch("members_present", queryset=get_user_model().objects.order_by("full_name")),
            "organisations_present",
            Prefetch(
                "follow_ups",
                queryset=FollowUp.objects.select_related("owner", "done_by").order_by(
                    "due_on", "pk"
                ),
            ),
        )
        .get(pk=pk)
    )


@dataclass
class HistoryEntry:
    at: object
    actor: object
    summary: str  # "changed the follow-up “Send the fiscal note”"
    changes: list = field(default_factory=list)  # (label, old, new)


SUMMARIES = {
    "created": "logged {what}",
    "changed": "changed {what}",
    "done": "marked {what} done",
    "deleted": "removed {what}",
}


FIELD_LABELS = {
    "on": "Date",
    "kind": "Kind",
    "legislators": "Legislators met",
    "staff_met": "Staff met",
    "members_present": "Coalition members present",
    "organisations_present": "Organisations present",
    "papers": "Papers discussed",
    "bills": "Bills discussed",
    "ask": "The ask",
    "response": "Response",
    "notes": "Notes",
    "description": "What is to be done",
    "owner": "Owner",
    "due_on": "Due date",
    "done": "Done",
}
SHOWN_AS = {"kind": dict(ContactKind.choices), "response": dict(Response.choices)}


def _shown(name, value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(SHOWN_AS.get(name, {}).get(value, value))


def contact_history(contact: Contact) -> list[HistoryEntry]:
    """Every recorded change to the contact and its follow-ups, newest first."""
    follow_ups = {follow_up.pk: follow_up for follow_up in contact.follow_ups.all()}
    changes = AdvocacyChange.objects.filter(
        Q(subject="contact", subject_id=contact.pk)
        | Q(subject="follow_up", subject_id__in=list(follow_ups))
    ).select_related("actor")
    entries = []
    for change in changes:
        if change.subject == "contact":
            what = "the contact"
        else:
            what = f"the follow-up “{follow_ups[change.subject_id].description}”"
        summary = SUMMARIES.get(change.action, change.action + " {what}")
        if change.subject == "follow_up" and change.action == "created":
            summary = "added {what}"
        rows = []
        if change.action == "changed":
            rows = [
                (FIELD_LABELS.get(name, capfirst(name.replace("_", " "))),
                 _shown(name, old), _shown(name, new))
                for name, (old, new) in change.changes.items()
            ]  # fmt: skip
        entries.append(HistoryEntry(change.at, change.actor, summary.format(what=what), rows))
    return entries


# Latest responses ----------------------------------------------------------------


@dataclass(frozen=True)
class LatestResponse:
    contact: Contact
    subject: object  # the paper (a legislator's page) or the legislator (a paper's page)


def latest_per_paper(contacts) -> list[LatestResponse]:
    """Given a legislator's contacts newest first, the latest about each paper."""
    latest = {}
    for contact in contacts:
        for paper in contact.papers.all():
            latest.setdefault(paper.pk, LatestResponse(contact, paper))
    return sorted(latest.values(), key=lambda row: row.subject.title.lower())


def latest_per_legislator(contacts) -> dict[int, LatestResponse]:
    """Given a paper's contacts newest first, each legislator's latest."""
    latest = {}
    for contact in contacts:
        for legislator in contact.legislators.all():
            latest.setdefault(legislator.pk, LatestResponse(contact, legislator))
    return latest


# A paper's advocacy page -----------------------------------------------------------


@dataclass(frozen=True)
class CommitteeCoverage:
    committee: Committee
    members: list  # (legislator, LatestResponse or None)

    @property
    def reached(self) -> int:
        return sum(1 for _, latest in self.members if latest)


@dataclass(frozen=True)
class PaperAdvocacy:
    paper: IssuePaper
    bills: list
    contacts: list
    latest: list  # LatestResponse by legislator, in the legislators' order
    coverage: list  # CommitteeCoverage
    follow_ups: list


def paper_advocacy(*, paper: IssuePaper) -> PaperAdvocacy:
    bills = list(
        Bill.objects.filter(papers=paper)
        .prefetch_related("committees")
        .order_by("-session", "number")
    )
    contacts = list(_contacts().filter(papers=paper).order_by("-on", "-pk"))
    latest = latest_per_legislator(contacts)
    committees = (
        Committee.objects.filter(bills__papers=paper)
        .distinct()
        .prefetch_related(Prefetch("members", queryset=_legislators_in_order()))
        .order_by("chamber", "name")
    )
    coverage = [
        CommitteeCoverage(
            committee, [(member, latest.get(member.pk)) for member in committee.members.all()]
        )
        for committee in committees
    ]
    follow_ups = list(
        FollowUp.objects.open()
        .filter(contact__papers=paper)
        .select_related("owner", "contact")
        .order_by("due_on", "pk")
    )
    in_order = sorted(
        latest.values(), key=lambda row: (row.subject.chamber, row.subject.full_name.lower())
    )
    return PaperAdvocacy(paper, bills, contacts, in_order, coverage, follow_ups)


# A legislator's page ---------------------------------------------------------------


@dataclass(frozen=True)
class LegislatorPage:
    legislator: Legislator
    contacts: list
    latest: list  # LatestResponse by paper
    organisations: list


def legislator_page(*, pk: int) -> LegislatorPage:
    legislator = Legislator.objects.prefetch_related("committees").get(pk=pk)
    contacts = list(_contacts().filter(legislators=legislator).order_by("-on", "-pk"))
    organisations = [
        row.organisation
        for row in OrganisationDistrict.objects.filter(
            chamber=legislator.chamber, district=legislator.district
        )
        .select_related("organisation")
        .order_by("organisation__name")
    ]
    return LegislatorPage(legislator, contacts, latest_per_paper(contacts), organisations)
