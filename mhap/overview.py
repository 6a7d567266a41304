"""The Core Group's overview: where every issue stands, how the papers are
doing, who takes part and who is missing, and what is coming up or overdue.
A fixed number of queries, whatever the number of issues, papers or
feedback."""

import datetime
import statistics
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from issues.enums import Legislative, Status, Term
from issues.models import Issue, IssueChange, IssuePaper
from learning_sessions.enums import SessionStatus
from learning_sessions.models import LearningSession
from members.models import Organisation, Sector
from summits.models import Feedback, FeedbackRound, Registration, Summit
from workgroups.enums import WorkgroupStatus
from workgroups.models import ActionItem, Meeting, Workgroup, WorkgroupUpdate
from workgroups.selectors import core_meeting_before

# Participation is counted over the latest feedback rounds and summits.
LATEST = 3


@dataclass
class Cell:
    count: int
    url: str


def _triage(**params) -> str:
    return reverse("issues:list") + "?" + urlencode(params)


def pipeline() -> dict:
    """Issues by workgroup and status, and by term and legislative flag, each count
    a link to the triage page filtered to it; and how long the issues now in
    each status have been there."""
    workgroups = list(Workgroup.objects.filter(is_core_group=False).order_by("name"))
    counts = {
        (row["workgroup_id"], row["status"]): row["n"]
        for row in Issue.objects.values("workgroup_id", "status").annotate(n=Count("pk"))
    }
    by_workgroup = [
        (workgroup, [Cell(counts.get((workgroup.pk, status), 0),
                          _triage(workgroup=workgroup.pk, status=status))
                     for status in Status.values],
         sum(counts.get((workgroup.pk, status), 0) for status in Status.values))
        for workgroup in workgroups
    ]  # fmt: skip
    totals = [sum(row[1][n].count for row in by_workgroup) for n in range(len(Status.values))]
    chart = [(label, total) for (_, label), total in zip(Status.choices, totals, strict=True)]
    terms = {
        (row["term"] or "none", row["legislative"]): row["n"]
        for row in Issue.objects.values("term", "legislative").annotate(n=Count("pk"))
    }
    term_choices = [*Term.choices, ("none", "No term yet")]
    by_term = [
        (label, [Cell(terms.get((term, flag), 0), _triage(term=term, legislative=flag))
                 for flag in Legislative.values])
        for term, label in term_choices
    ]  # fmt: skip
    return {
        "statuses": Status.choices,
        "by_workgroup": by_workgroup,
        "totals": totals,
        "chart": chart,
        "chart_max": max(totals or [1]) or 1,
        "legislative": Legislative.choices,
        "by_term": by_term,
        "time_in_status": _time_in_status(),
    }


def _time_in_status() -> list[tuple[str, int, float | None]]:
    """(status label, issues in it, median days they have sat there)."""
    entered = IssueChange.objects.filter(issue=OuterRef("pk"), field="status").order_by(
        "-changed_at"
    )
    rows = Issue.objects.annotate(
        entered=Coalesce(Subquery(entered.values("changed_at")[:1]), "proposed_at")
    ).values_list("status", "entered")
    now = timezone.now()
    days = {}
    for status, since in rows:
        days.setdefault(status, []).append((now - since).total_seconds() / 86400)
    return [
        (label, len(days.get(value, [])),
         round(statistics.median(days[value]), 1) if days.get(value) else None)
        for value, label in Status.choices
    ]  # fmt: skip


def papers() -> list:
    """Every paper: state, workgroup, last revision, feedback so far and the
    share of it answered with a disposition."""
    papers = list(
        IssuePaper.objects.select_related("issue__workgroup", "current_revision").order_by(
            "issue__workgroup__name", "title"
        )
    )
    feedback = {
        row["revision__paper"]: row
        for row in Feedback.objects.values("revision__paper").annotate(
            total=Count("pk"), answered=Count("pk", filter=~Q(disposition=""))
        )
    }
    for paper in papers:
        row = feedback.get(paper.pk, {"total": 0, "answered": 0})
        paper.feedback_total = row["total"]
        paper.feedback_answered = row["answered"]
        paper.answered_share = round(100 * row["answered"] / row["total"]) if row["total"] else None
    return papers


@dataclass
class Participation:
    sector: str
    members: int
    registered: int  # people registered for a summit
    responded: int  # people who gave feedback
    feedback: int  # feedback items

    @property
    def missing(self) -> bool:
        return self.members > 0 and self.responded == 0


def participation(now=None) -> dict:
    """Registrations for the latest summits and feedback in the latest rounds,
    by sector and by organisation, against the coalition's membership."""
    now = now or timezone.now()
    rounds = list(
        FeedbackRound.objects.filter(opens_at__lte=now)
        .order_by("-opens_at")
        .values_list("pk", flat=True)[:LATEST]
    )
    summits = list(
        Summit.objects.filter(starts_at__lte=now + datetime.timedelta(days=90))
        .order_by("-starts_at")
        .values_list("pk", flat=True)[:LATEST]
    )
    people = get_user_model().objects.filter(is_active=True)
    members = dict(
        people.values("organisation__sector")
        .annotate(n=Count("pk"))
        .values_list("organisation__sector", "n")
    )
    registrations = Registration.objects.filter(summit__in=summits)
    registered = dict(
        registrations.values("person__organisation__sector")
        .annotate(n=Count("person", distinct=True))
        .values_list("person__organisation__sector", "n")
    )
    recent = Feedback.objects.filter(round__in=rounds)
    responses = {
        row["organisation__sector"]: row
        for row in recent.values("organisation__sector").annotate(
            people=Count("person", distinct=True), items=Count("pk")
        )
    }
    sectors = [
        Participation(
            sector=sector.name,
            members=members.get(sector.pk, 0),
            registered=registered.get(sector.pk, 0),
            responded=responses.get(sector.pk, {}).get("people", 0),
            feedback=responses.get(sector.pk, {}).get("items", 0),
        )
        for sector in Sector.objects.order_by("position", "name")
    ]
    by_organisation = dict(
        recent.values("organisation").annotate(n=Count("pk")).values_list("organisation", "n")
    )
    organisations = list(
        Organisation.objects.annotate(members=Count("people", filter=Q(people__is_active=True)))
        .filter(members__gt=0)
        .select_related("sector")
        .order_by("name")
    )
    for organisation in organisations:
        organisation.feedback_items = by_organisation.get(organisation.pk, 0)
    organisations.sort(key=lambda o: (o.feedback_items, o.name))
    return {
        "rounds": len(rounds),
        "summits": len(summits),
        "sectors": sectors,
        "chart": [(row.sector, row.responded, row.members) for row in sectors],
        "missing": [row.sector for row in sectors if row.missing],
        "organisations": organisations,
        "most": max([row.members for row in sectors] or [1]) or 1,
    }


def attention(now=None) -> dict:
    """Upcoming events; workgroups without an update since the last Core Group
    meeting; dormant workgroups; overdue action items."""
    now = now or timezone.now()
    soon = now + datetime.timedelta(days=14)
    last_core = core_meeting_before(now)
    active = Workgroup.objects.filter(status=WorkgroupStatus.ACTIVE, is_core_group=False)
    latest = dict(
        WorkgroupUpdate.objects.filter(workgroup__in=active)
        .values("workgroup")
        .annotate(last=Max("created_at"))
        .values_list("workgroup", "last")
    )
    silent = [
        (workgroup, latest.get(workgroup.pk))
        for workgroup in active.order_by("name")
        if latest.get(workgroup.pk) is None or (last_core and latest[workgroup.pk] <= last_core)
    ]
    return {
        "meetings": list(
            Meeting.objects.scheduled()
            .filter(starts_at__gte=now, starts_at__lte=soon)
            .select_related("workgroup")
            .order_by("starts_at")[:20]
        ),
        "events": sorted(
            [
                *Summit.objects.filter(ends_at__gte=now, starts_at__lte=soon),
                *LearningSession.objects.filter(
                    status=SessionStatus.SCHEDULED, starts_at__gte=now, starts_at__lte=soon
                ),
            ],
            key=lambda event: event.starts_at,
        ),
        "silent": silent,
        "last_core": last_core,
        "dormant": list(Workgroup.objects.filter(status=WorkgroupStatus.DORMANT).order_by("name")),
        "overdue": list(
            ActionItem.objects.open()
            .filter(due_on__lt=timezone.localdate(now))
            .select_related("workgroup", "owner")
            .order_by("due_on")[:50]
        ),
    }
