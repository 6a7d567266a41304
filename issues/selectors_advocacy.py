"""Reads of the advocacy contact log: the contacts list and its filters, open
follow-ups, a contact with its record of changes, and what a paper's and a
legislator's pages show (latest responses, committee coverage, partners in a
district), and the overview of every paper in advocacy. Each is a fixed
number of queries whatever the rows."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
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
    LegislatorResponse,
    OrganisationDistrict,
)


def _legislators_in_order():
    return Legislator.objects.order_by("chamber", "full_name")


def responses_in_order():
    """Each legislator met with their response, in the legislators' order."""
    return LegislatorResponse.objects.select_related("legislator").order_by(
        "legislator__chamber", "legislator__full_name"
    )


def _who_met():
    """Contacts ready to say who met the legislators (Contact.met_by)."""
    return Contact.objects.select_related("logged_by").prefetch_related(
        Prefetch(
            "members_present",
            queryset=get_user_model().objects.only("pk", "full_name").order_by("full_name"),
        )
    )


def _contacts():
    """Contacts with what a row of a contacts table, or of latest responses,
    shows."""
    return _who_met().prefetch_related(
        Prefetch("responses", queryset=responses_in_order()),
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
    # One legislator and one response name the same row: that legislator's
    # response. A response alone: any legislator's at the contact.
    met = {}
    if legislator := filters.get("legislator"):
        met["responses__legislator"] = legislator
    if response := filters.get("response"):
        met["responses__response"] = response
    if met:
        contacts = contacts.filter(pk__in=Contact.objects.filter(**met).values("pk"))
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


def logged_before(contact: Contact):
    """Another contact of the same day with one of its legislators about one
    of its papers: likely the same meeting, logged by two people."""
    return (
        Contact.objects.filter(
            on=contact.on,
            legislators__in=contact.legislators.all(),
            papers__in=contact.papers.all(),
        )
        .exclude(pk=contact.pk)
        .select_related("logged_by")
        .order_by("pk")
        .first()
    )


def overdue(follow_up) -> bool:
    return follow_up.done_at is None and follow_up.due_on < timezone.localdate()


# A contact ----------------------------------------------------------------------


def contact_detail(*, pk: int) -> Contact:
    return (
        Contact.objects.select_related("logged_by")
        .prefetch_related(
            Prefetch("responses", queryset=responses_in_order()),
            Prefetch("papers", queryset=IssuePaper.objects.order_by("-legislative", "title")),
            Prefetch("bills", queryset=Bill.objects.order_by(*Bill.IN_ORDER)),
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
    "legislators": "Legislators met and their responses",
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


def changed_meanwhile(contact: Contact, *, since: str) -> str:
    """What to tell someone whose save came after another person's: who
    changed what since `since` (the contact's updated_at, ISO, as opened)."""
    try:
        opened = datetime.datetime.fromisoformat(since)
    except ValueError:
        opened = None
    if opened is None or opened.tzinfo is None:
        opened = contact.updated_at
    change = (
        AdvocacyChange.objects.filter(
            subject="contact", subject_id=contact.pk, action="changed", at__gte=opened
        )
        .select_related("actor")
        .first()
    )
    who, what = "Someone", ""
    if change is not None:
        who = change.actor.full_name if change.actor and change.actor.full_name else who
        labels = [FIELD_LABELS.get(name, name).lower() for name in change.changes]
        what = f" ({'; '.join(labels)})" if labels else ""
    return (
        f"{who} saved this contact after you opened it{what}. Nothing of yours was saved: "
        "your version is below. Save it again to replace theirs, or open the contact to "
        "see theirs first."
    )


# Latest responses ----------------------------------------------------------------


@dataclass(frozen=True)
class Latest:
    """A legislator's latest response about a paper: at their latest contact
    about it."""

    paper_id: int
    legislator_id: int
    response: str
    contact_id: int

    @property
    def label(self) -> str:
        return Response(self.response).label


def latest_responses(*, paper_ids=None, legislator=None) -> list[Latest]:
    """The latest response of each legislator about each paper (of those
    papers, or of that legislator): one query, ranked in the database. The
    overview, a paper's page and a legislator's page all read it here."""
    links = Contact.papers.through.objects.all()
    if paper_ids is not None:
        links = links.filter(issuepaper_id__in=paper_ids)
    if legislator is not None:
        links = links.filter(contact__responses__legislator=legislator)
    return [
        Latest(*row)
        for row in links.annotate(
            legislator=F("contact__responses__legislator"),
            response=F("contact__responses__response"),
            rank=Window(
                RowNumber(),
                partition_by=[F("issuepaper_id"), F("contact__responses__legislator")],
                order_by=[F("contact__on").desc(), F("contact_id").desc()],
            ),
        )
        .filter(rank=1)
        .values_list("issuepaper_id", "legislator", "response", "contact_id")
    ]


@dataclass(frozen=True)
class LatestResponse:
    """A latest response as a page shows it, with its contact."""

    contact: Contact
    subject: object  # the paper (a legislator's page) or the legislator (a paper's page)
    response: str

    @property
    def label(self) -> str:
        return Response(self.response).label


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
        Bill.objects.filter(papers=paper).prefetch_related("committees").order_by(*Bill.IN_ORDER)
    )
    contacts = list(_contacts().filter(papers=paper).order_by("-on", "-pk"))
    by_pk = {contact.pk: contact for contact in contacts}
    legislators = {row.legislator_id: row.legislator for c in contacts for row in c.responses.all()}
    latest = {
        row.legislator_id: LatestResponse(
            by_pk[row.contact_id], legislators[row.legislator_id], row.response
        )
        for row in latest_responses(paper_ids=[paper.pk])
    }
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
    by_pk = {contact.pk: contact for contact in contacts}
    papers = {paper.pk: paper for contact in contacts for paper in contact.papers.all()}
    latest = sorted(
        (
            LatestResponse(by_pk[row.contact_id], papers[row.paper_id], row.response)
            for row in latest_responses(legislator=legislator)
        ),
        key=lambda row: row.subject.title.lower(),
    )
    organisations = [
        row.organisation
        for row in OrganisationDistrict.objects.filter(
            chamber=legislator.chamber, district=legislator.district
        )
        .select_related("organisation")
        .order_by("organisation__name")
    ]
    return LegislatorPage(legislator, contacts, latest, organisations)


# The overview ----------------------------------------------------------------------


RECENT_CONTACTS = 10


@dataclass(frozen=True)
class Reached:
    """A legislator reached about a paper: their latest response, and who met
    them then (the logger when no one was recorded)."""

    legislator: Legislator
    response: str
    label: str
    met_by: list


@dataclass
class OverviewRow:
    """One paper's row of the overview."""

    paper: IssuePaper
    bills: list = field(default_factory=list)
    committees: list = field(default_factory=list)
    reached: list = field(default_factory=list)  # Reached, by chamber and name
    committee_members: int = 0
    committee_reached: int = 0
    tally: list = field(default_factory=list)  # (value, label, count) per Response
    follow_ups: list = field(default_factory=list)  # open, soonest first
    overdue: int = 0
    people: list = field(default_factory=list)  # the members who met or logged

    @property
    def leave_behind(self) -> bool:
        return self.paper.legislative


def _papers():
    """Adopted legislative papers, then other adopted papers someone has
    discussed with a legislator."""
    discussed = Exists(Contact.papers.through.objects.filter(issuepaper_id=OuterRef("pk")))
    return list(
        IssuePaper.objects.filter(state=PaperState.ADOPTED)
        .filter(Q(legislative=True) | Q(discussed))
        .select_related("issue__workgroup")
        .annotate(
            contact_count=Count("advocacy_contacts", distinct=True),
            last_contact_on=Max("advocacy_contacts__on"),
        )
        .order_by("-legislative", "issue__workgroup__name", "title")
    )


def _people(paper_ids) -> dict[int, set[str]]:
    """The members who met legislators about each paper, or logged it."""
    through = Contact.papers.through.objects.filter(issuepaper_id__in=paper_ids)
    people: dict[int, set[str]] = {}
    for lookup in ("contact__members_present__full_name", "contact__logged_by__full_name"):
        for paper_id, name in through.values_list("issuepaper_id", lookup).distinct():
            if name:
                people.setdefault(paper_id, set()).add(name)
    return people


def advocacy_by_paper(*, today) -> list[OverviewRow]:
    """Every paper's row in a fixed number of queries, whatever the number of
    papers, bills, contacts or legislators."""
    papers = _papers()
    ids = [paper.pk for paper in papers]
    rows = {paper.pk: OverviewRow(paper=paper) for paper in papers}

    bill_links = list(
        Bill.papers.through.objects.filter(issuepaper_id__in=ids)
        .select_related("bill")
        .order_by("bill__sort_key")
    )
    committee_links = list(
        Bill.committees.through.objects.filter(
            bill_id__in={link.bill_id for link in bill_links}
        ).select_related("committee")
    )
    seats = Legislator.committees.through.objects.filter(
        committee_id__in={link.committee_id for link in committee_links}
    ).values_list("committee_id", "legislator_id")
    members_of: dict[int, set[int]] = {}
    for committee_id, legislator_id in seats:
        members_of.setdefault(committee_id, set()).add(legislator_id)
    committees_of: dict[int, dict] = {}
    for link in committee_links:
        committees_of.setdefault(link.bill_id, {})[link.committee_id] = link.committee
    for link in bill_links:
        row = rows[link.issuepaper_id]
        row.bills.append(link.bill)
        for committee in committees_of.get(link.bill_id, {}).values():
            if committee not in row.committees:
                row.committees.append(committee)

    latest = latest_responses(paper_ids=ids)
    legislators = Legislator.objects.in_bulk({row.legislator_id for row in latest})
    met_by = {
        pk: contact.met_by
        for pk, contact in _who_met().in_bulk({row.contact_id for row in latest}).items()
    }
    responses: dict[int, dict[int, Latest]] = {}
    for row in latest:
        responses.setdefault(row.paper_id, {})[row.legislator_id] = row

    follow_ups = (
        FollowUp.objects.open()
        .filter(contact__papers__in=ids)
        .annotate(paper_id=F("contact__papers"))
        .select_related("owner")
        .order_by("due_on", "pk")
    )
    for follow_up in follow_ups:
        row = rows[follow_up.paper_id]
        row.follow_ups.append(follow_up)
        row.overdue += follow_up.due_on < today

    people = _people(ids)
    for paper_id, row in rows.items():
        reached = responses.get(paper_id, {})
        row.reached = sorted(
            (
                Reached(legislators[pk], latest.response, latest.label, met_by[latest.contact_id])
                for pk, latest in reached.items()
                if pk in legislators
            ),
            key=lambda item: (item.legislator.chamber, item.legislator.full_name),
        )
        on_committees = set().union(*(members_of.get(c.pk, set()) for c in row.committees))
        row.committee_members = len(on_committees)
        row.committee_reached = len(on_committees & reached.keys())
        counts = [latest.response for latest in reached.values()]
        row.tally = [(value, label, counts.count(value)) for value, label in Response.choices]
        row.people = sorted(people.get(paper_id, ()))
    return list(rows.values())


def recent_contacts(limit: int = RECENT_CONTACTS):
    return list(
        Contact.objects.select_related("logged_by").prefetch_related(
            Prefetch("responses", queryset=responses_in_order()), "papers"
        )[:limit]
    )
