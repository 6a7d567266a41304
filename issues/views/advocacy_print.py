"""Advocacy's summary and printed pages: the Core Group's overview of the
legislative papers (who has been educated, by whom, with what response, what
follow-ups are due), a paper's one-page leave-behind, and the organisations
that support it. Members only; supporters are kept by the Core Group and
admins."""

from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.db.models import Count, Exists, F, Max, OuterRef, Q, Window
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from issues.advocacy_permissions import can_log_contact, can_manage_supporters, require
from issues.enums import PaperState, Response
from issues.models import (
    Bill,
    Contact,
    FollowUp,
    IssuePaper,
    Legislator,
    PaperSupport,
)
from issues.services import advocacy_print as services
from members.decorators import member_required
from members.models import Organisation

RECENT_CONTACTS = 10

# Reads -----------------------------------------------------------------------


@dataclass
class PaperAdvocacy:
    """One paper's row of the overview."""

    paper: IssuePaper
    bills: list = field(default_factory=list)
    committees: list = field(default_factory=list)
    # (legislator, latest Response value, its label), by chamber and name
    reached: list = field(default_factory=list)
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


def _latest_responses(paper_ids) -> list[tuple[int, int, str]]:
    """(paper, legislator, response) of the latest contact with each legislator
    about each paper: one query, ranked in the database."""
    return list(
        Contact.papers.through.objects.filter(issuepaper_id__in=paper_ids)
        .annotate(
            legislator=F("contact__legislators"),
            rank=Window(
                RowNumber(),
                partition_by=[F("issuepaper_id"), F("contact__legislators")],
                order_by=[F("contact__on").desc(), F("contact_id").desc()],
            ),
        )
        .filter(rank=1)
        .values_list("issuepaper_id", "legislator", "contact__response")
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


def advocacy_by_paper(*, today) -> list[PaperAdvocacy]:
    """Every paper's row in a fixed number of queries, whatever the number of
    papers, bills, contacts or legislators."""
    papers = _papers()
    ids = [paper.pk for paper in papers]
    rows = {paper.pk: PaperAdvocacy(paper=paper) for paper in papers}

    bill_links = list(
        Bill.papers.through.objects.filter(issuepaper_id__in=ids)
        .select_related("bill")
        .order_by("bill__number")
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

    latest = _latest_responses(ids)
    legislators = Legislator.objects.in_bulk({legislator for _, legislator, _ in latest})
    labels = dict(Response.choices)
    responses: dict[int, dict[int, str]] = {}
    for paper_id, legislator_id, response in latest:
        responses.setdefault(paper_id, {})[legislator_id] = response

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
                (legislators[pk], response, labels[response])
                for pk, response in reached.items()
                if pk in legislators
            ),
            key=lambda item: (item[0].chamber, item[0].full_name),
        )
        on_committees = set().union(*(members_of.get(c.pk, set()) for c in row.committees))
        row.committee_members = len(on_committees)
        row.committee_reached = len(on_committees & reached.keys())
        counts = list(reached.values())
        row.tally = [(value, label, counts.count(value)) for value, label in Response.choices]
        row.people = sorted(people.get(paper_id, ()))
    return list(rows.values())


def recent_contacts(limit: int = RECENT_CONTACTS):
    return list(
        Contact.objects.select_related("logged_by").prefetch_related("legislators", "papers")[
            :limit
        ]
    )


# Pages -----------------------------------------------------------------------


@member_required
def overview(request):
    today = timezone.localdate()
    rows = advocacy_by_paper(today=today)
    return render(
        request,
        "issues/advocacy/print_overview.html",
        {
            "legislative": [row for row in rows if row.paper.legislative],
            "others": [row for row in rows if not row.paper.legislative],
            "recent": recent_contacts(),
            "responses": Response.choices,
            "today": today,
            "can_log": can_log_contact(request.user),
            "can_manage_supporters": can_manage_supporters(request.user),
        },
    )


@member_required
def leave_behind(request, pk):
    paper = get_object_or_404(
        IssuePaper.objects.select_related("adopted_revision", "issue__workgroup"),
        pk=pk,
        state=PaperState.ADOPTED,
        legislative=True,
        adopted_revision__isnull=False,
    )
    return render(
        request,
        "issues/advocacy/print_leave_behind.html",
        {
            "paper": paper,
            "revision": paper.adopted_revision,
            "recommendations": paper.adopted_revision.recommendations.all(),
            "supporters": paper.supporters.select_related("organisation"),
            "bills": paper.bills.all(),
            "contact_person": request.user,
            "can_manage_supporters": can_manage_supporters(request.user),
        },
    )


class SupporterForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="Add a supporting organisation",
        queryset=None,
        help_text="A partner organisation that has endorsed this paper.",
    )

    def __init__(self, *args, paper, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.exclude(
            supported_papers__paper=paper
        ).order_by("name")


def _supported_paper(pk):
    return get_object_or_404(IssuePaper, pk=pk, state=PaperState.ADOPTED)


@member_required
def supporters(request, pk):
    require(can_manage_supporters(request.user))
    paper = _supported_paper(pk)
    form = SupporterForm(request.POST or None, paper=paper)
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        if services.add_supporter(actor=request.user, paper=paper, organisation=organisation):
            messages.success(request, f"{organisation} added as a supporter.")
        else:
            messages.info(request, f"{organisation} already supports this paper.")
        return redirect("advocacy:supporters", pk=paper.pk)
    return render(
        request,
        "issues/advocacy/print_supporters.html",
        {
            "paper": paper,
            "supporters": paper.supporters.select_related("organisation", "added_by"),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@require_POST
@member_required
def remove_supporter(request, pk, support_pk):
    require(can_manage_supporters(request.user))
    support = get_object_or_404(
        PaperSupport.objects.select_related("organisation", "paper"),
        pk=support_pk,
        paper_id=pk,
    )
    if services.remove_supporter(actor=request.user, support=support):
        messages.success(request, f"{support.organisation} removed from the supporters.")
    return redirect("advocacy:supporters", pk=pk)
