"""Reads for the issue pages, each a fixed number of queries whatever the rows."""

from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet, Value
from django.db.models.functions import Coalesce

from issues.enums import (
    OPEN_STATUSES,
    PUBLIC_STATES,
    Legislative,
    PaperState,
    Status,
    Term,
)
from issues.models import (
    Issue,
    IssueChange,
    IssueComment,
    IssuePaper,
    Lever,
    PaperCoAuthor,
    PaperRevision,
    Recommendation,
    SavedView,
)
from issues.permissions import visible_revision_id
from workgroups.permissions import is_core_or_admin, is_member, roles_of

# sort name -> (expression, value standing for "none" so every row has a key)
SORTS = {
    "proposed": (F("proposed_at"), None),
    "title": (F("title"), None),
    "workgroup": (F("workgroup__name"), None),
    "term": (Coalesce(F("term"), Value("")), None),
    "status": (F("status"), None),
    "impact": (Coalesce(F("impact"), Value(0)), None),
    "momentum": (Coalesce(F("momentum"), Value(0)), None),
    "owner": (Coalesce(F("owner__full_name"), Value("")), None),
    "updated": (F("updated_at"), None),
}
DEFAULT_SORT = "-proposed"


def parse_sort(value: str | None) -> tuple[str, bool]:
    """'-impact' -> ('impact', descending). Unknown values fall back to the default."""
    value = value or DEFAULT_SORT
    name, descending = value.lstrip("-"), value.startswith("-")
    if name not in SORTS:
        name, descending = DEFAULT_SORT.lstrip("-"), True
    return name, descending


def sorted_issues(queryset: QuerySet[Issue], sort: str | None) -> QuerySet[Issue]:
    name, descending = parse_sort(sort)
    expression = SORTS[name][0]
    queryset = queryset.annotate(sort_key=expression)
    if descending:
        return queryset.order_by(F("sort_key").desc(), "-pk")
    return queryset.order_by(F("sort_key").asc(), "pk")


def triage_queryset() -> QuerySet[Issue]:
    return Issue.objects.select_related("workgroup", "owner")


@dataclass(frozen=True)
class Facets:
    total: int
    counts: dict[str, list[tuple]]


def facet_counts(queryset: QuerySet[Issue]) -> Facets:
    """The number of filtered issues and the counts per value of the main
    facets, from one grouped query (the filters run once, not once a facet)."""
    groups = (
        queryset.order_by()
        .values_list("status", "term", "legislative", "workgroup__name")
        .annotate(n=Count("pk"))
    )
    tallies = {"status": {}, "term": {}, "legislative": {}, "workgroup": {}}
    total = 0
    for status, term, legislative, workgroup, count in groups:
        total += count
        for facet, value in (
            ("status", status),
            ("term", term),
            ("legislative", legislative),
            ("workgroup", workgroup),
        ):
            tallies[facet][value] = tallies[facet].get(value, 0) + count

    def ordered(facet, labels):
        return [
            (value, label, tallies[facet][value])
            for value, label in labels
            if tallies[facet].get(value)
        ]

    return Facets(
        total=total,
        counts={
            "status": ordered("status", Status.choices),
            "term": ordered("term", [*Term.choices, ("", "No term yet")]),
            "legislative": ordered("legislative", Legislative.choices),
            "workgroup": [
                (name, name, tallies["workgroup"][name]) for name in sorted(tallies["workgroup"])
            ],
        },
    )


@dataclass(frozen=True)
class Neighbours:
    previous: Issue | None
    next: Issue | None


def neighbours(queryset: QuerySet[Issue], issue: Issue, sort: str | None) -> Neighbours:
    """The issues before and after `issue` in the filtered, sorted list (keyset
    comparison: two small queries whatever the list's length)."""
    name, descending = parse_sort(sort)
    keyed = queryset.annotate(sort_key=SORTS[name][0])
    found = list(keyed.filter(pk=issue.pk).values_list("sort_key", flat=True))
    if not found:  # not in the filtered list (any more)
        return Neighbours(None, None)
    value = found[0]
    after = Q(sort_key__gt=value) | Q(sort_key=value, pk__gt=issue.pk)
    before = Q(sort_key__lt=value) | Q(sort_key=value, pk__lt=issue.pk)
    if descending:
        after, before = before, after
    forward = ("-sort_key", "-pk") if descending else ("sort_key", "pk")
    backward = ("sort_key", "pk") if descending else ("-sort_key", "-pk")
    return Neighbours(
        previous=keyed.filter(before)
        .order_by(*backward)
        .select_related(None)
        .only("pk", "title")
        .first(),
        next=keyed.filter(after)
        .order_by(*forward)
        .select_related(None)
        .only("pk", "title")
        .first(),
    )


def issue_history(*, issue: Issue) -> QuerySet[IssueChange]:
    return issue.changes.select_related("actor")


def issue_comments(*, issue: Issue) -> QuerySet[IssueComment]:
    return issue.comments.select_related("author")


def backlog(*, workgroup) -> QuerySet[Issue]:
    return (
        Issue.objects.filter(workgroup=workgroup, status__in=OPEN_STATUSES)
        .select_related("owner", "workgroup")
        .order_by(F("rank").asc(nulls_last=True), "-proposed_at", "-pk")
    )


def saved_views(*, owner) -> QuerySet[SavedView]:
    return SavedView.objects.filter(owner=owner)


# Issue papers ---------------------------------------------------------------


def _with_co_authorship(papers, user) -> list:
    """Tell each paper whether `user` co-authors it, from one query, so the
    permission predicates need none per paper."""
    papers = list(papers)
    mine = set()
    if user.is_authenticated:
        mine = set(
            PaperCoAuthor.objects.filter(person=user, paper__in=[p.pk for p in papers]).values_list(
                "paper_id", flat=True
            )
        )
    for paper in papers:
        paper._co_author_ids = {user.pk} if paper.pk in mine else set()
    return papers


def papers_visible_to(user, *, params=None, ids=None) -> list:
    """Every paper this person may read, each with the revision they read:
    `paper.shown_revision_id`, and its title and legislative flag as
    `shown_title` and `shown_legislative` (a draft's newer title must not reach
    someone who may only read the reviewed version). Public: adopted papers;
    members: also the version under review; the workgroup, the Core Group and
    admins: also drafts. `ids` narrows it to those papers."""
    papers = IssuePaper.objects.select_related("issue__workgroup", "current_revision")
    if ids is not None:
        papers = papers.filter(pk__in=ids)
    if not is_core_or_admin(user):
        visible = Q(state__in=PUBLIC_STATES)
        if is_member(user):
            visible |= Q(review_revision__isnull=False) | Q(
                issue__workgroup_id__in=roles_of(user).member_of
            )
        papers = papers.filter(visible)
    params = params or {}
    if params.get("state") in PaperState.values:
        papers = papers.filter(state=params["state"])
    if params.get("workgroup"):
        papers = papers.filter(issue__workgroup__slug=params["workgroup"])
    papers = _with_co_authorship(papers.order_by("issue__workgroup__name", "title"), user)
    for paper in papers:
        paper.shown_revision_id = visible_revision_id(user, paper)
    shown = [paper.shown_revision_id for paper in papers]
    titles = dict(PaperRevision.objects.filter(pk__in=shown).values_list("pk", "title"))
    legislative = set(
        Recommendation.objects.filter(revision_id__in=shown, legislative=True).values_list(
            "revision_id", flat=True
        )
    )
    for paper in papers:
        paper.shown_title = titles.get(paper.shown_revision_id, "")
        paper.shown_legislative = paper.shown_revision_id in legislative
    if params.get("legislative") in {"yes", "no"}:
        wanted = params["legislative"] == "yes"
        papers = [paper for paper in papers if paper.shown_legislative == wanted]
    return papers


def paper_revision(*, pk: int | None = None, paper=None, number: int | None = None):
    """One revision, by its id or by its paper and number, with everything its
    text shows, in three queries. Raises PaperRevision.DoesNotExist."""
    lookup = {"pk": pk} if pk is not None else {"paper": paper, "number": number}
    return (
        PaperRevision.objects.select_related("author")
        .prefetch_related("recommendations__implementers", "recommendations__levers")
        .get(**lookup)
    )


@dataclass
class Crosswalk:
    levers: list
    recommendations: list
    lever_totals: list[int]


def crosswalk(*, user, params) -> Crosswalk:
    """The recommendations of every paper this person may read, each from the
    version they read, with the levers of change as columns; filtered by
    lever, implementer, legislative, workgroup and words in the text."""
    shown = [paper.shown_revision_id for paper in papers_visible_to(user)]
    recommendations = (
        Recommendation.objects.filter(revision_id__in=[pk for pk in shown if pk])
        .select_related("revision__paper")
        .prefetch_related("implementers", "levers")
        .order_by("revision__title", "revision_id", "number")
    )
    if params.get("lever"):
        recommendations = recommendations.filter(levers__slug=params["lever"])
    if params.get("implementer"):
        recommendations = recommendations.filter(implementers__slug=params["implementer"])
    if params.get("legislative") in {"yes", "no"}:
        recommendations = recommendations.filter(legislative=params["legislative"] == "yes")
    if params.get("workgroup"):
        recommendations = recommendations.filter(
            revision__paper__issue__workgroup__slug=params["workgroup"]
        )
    if words := (params.get("q") or "").strip():
        recommendations = recommendations.filter(text__icontains=words)
    rows = list(recommendations.distinct())
    levers = list(Lever.objects.all())
    for row in rows:
        row.lever_ids = {lever.pk for lever in row.levers.all()}
    totals = [sum(1 for row in rows if lever.pk in row.lever_ids) for lever in levers]
    return Crosswalk(levers=levers, recommendations=rows, lever_totals=totals)


def papers_ready_for_review():
    """Papers a feedback round can cover: submitted (the round puts them under
    review) or under review already, each with the version reviewers read."""
    return (
        IssuePaper.objects.filter(state__in=[PaperState.SUBMITTED, PaperState.UNDER_REVIEW])
        .select_related("issue__workgroup", "submitted_revision", "review_revision")
        .order_by("issue__workgroup__name", "title")
    )
