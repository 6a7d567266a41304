import csv
import datetime
import io

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from issues.models import Issue, IssueChange, SavedView
from tests.factories import IssueFactory, LeverFactory
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db

LIST = "/issues/"


def titles(response):
    return [issue.title for issue in response.context["page"]]


def test_filters_combine_and_counts_follow_them(coalition, client_as):
    lever = LeverFactory(name="Payment")
    paid = IssueFactory(workgroup=coalition.workgroup, title="988 funding", term="short", impact=5)
    paid.levers.add(lever)
    IssueFactory(workgroup=coalition.workgroup, title="Telehealth", term="long", impact=2)
    IssueFactory(workgroup=coalition.other_workgroup, title="Diversion", term="short", impact=5)

    response = client_as(coalition.core).get(
        LIST,
        {"workgroup": coalition.workgroup.pk, "term": "short", "impact_min": 4, "lever": lever.pk},
    )

    assert titles(response) == ["988 funding"]
    assert response.context["facets"]["term"] == [("short", "Short term", 1)]


@pytest.mark.parametrize(
    ("query", "expected"), [("988", ["Fund 988 call centres"]), ("parit", ["Parity audits"])]
)
def test_search_finds_numbers_and_partial_words(coalition, client_as, query, expected):
    IssueFactory(workgroup=coalition.workgroup, title="Fund 988 call centres")
    IssueFactory(workgroup=coalition.workgroup, title="Parity audits")
    IssueFactory(workgroup=coalition.workgroup, title="Telehealth", description="Rural access.")

    response = client_as(coalition.core).get(LIST, {"q": query})

    assert titles(response) == expected


def test_sorting_by_impact_puts_unscored_last(coalition, client_as):
    IssueFactory(workgroup=coalition.workgroup, title="Low", impact=1)
    IssueFactory(workgroup=coalition.workgroup, title="None", impact=None)
    IssueFactory(workgroup=coalition.workgroup, title="High", impact=5)

    response = client_as(coalition.core).get(LIST, {"sort": "-impact"})

    assert titles(response) == ["High", "Low", "None"]


def test_inline_edit_with_htmx_returns_the_saved_row(coalition, client_as):
    issue = IssueFactory(workgroup=coalition.workgroup, status="proposed")
    url = reverse("issues:row_edit", kwargs={"pk": issue.pk})
    client = client_as(coalition.wg_chair)

    form = client.get(url, HTTP_HX_REQUEST="true")
    response = client.post(
        url,
        {"term": "short", "status": "accepted", "impact": "4", "momentum": "3", "version": 1},
        HTTP_HX_REQUEST="true",
    )

    assert '<form method="post"' in form.content.decode()
    assert response.status_code == 200
    content = response.content.decode()
    assert content.strip().startswith("<tr")
    assert "Accepted" in content
    issue.refresh_from_db()
    assert (issue.status, issue.term, issue.impact, issue.momentum) == ("accepted", "short", 4, 3)


def test_a_stale_inline_edit_says_so_in_place_and_changes_nothing(coalition, client_as):
    issue = IssueFactory(workgroup=coalition.workgroup, status="proposed", version=2)

    response = client_as(coalition.wg_chair).post(
        reverse("issues:row_edit", kwargs={"pk": issue.pk}),
        {"status": "closed", "version": 1},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 409
    assert "Someone changed this issue after you opened it" in response.content.decode()
    issue.refresh_from_db()
    assert issue.status == "proposed"


def test_a_bad_value_is_refused_in_place(coalition, client_as):
    issue = IssueFactory(workgroup=coalition.workgroup)

    response = client_as(coalition.wg_chair).post(
        reverse("issues:row_edit", kwargs={"pk": issue.pk}),
        {"status": "abolished", "impact": "9", "version": 1},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not IssueChange.objects.exists()


def test_an_edit_without_permission_is_refused_in_place(coalition, client_as):
    issue = IssueFactory(workgroup=coalition.workgroup)

    response = client_as(coalition.other_chair).post(
        reverse("issues:row_edit", kwargs={"pk": issue.pk}),
        {"status": "closed", "version": 1},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 403
    assert "You may not edit this issue." in response.content.decode()
    issue.refresh_from_db()
    assert issue.status == "proposed"


def test_inline_edit_works_without_javascript(coalition, client_as):
    issue = IssueFactory(workgroup=coalition.workgroup)
    client = client_as(coalition.core)

    page = client.get(reverse("issues:row_edit", kwargs={"pk": issue.pk}), {"query": "term=short"})
    response = client.post(
        reverse("issues:row_edit", kwargs={"pk": issue.pk}),
        {
            "status": "accepted",
            "workgroup": coalition.workgroup.pk,
            "version": 1,
            "query": "term=short",
        },
    )

    assert "<html" in page.content.decode()
    assert response.status_code == 302
    assert response["Location"] == "/issues/?term=short"


def test_bulk_change_of_three_rows_with_a_reason(coalition, client_as):
    issues = IssueFactory.create_batch(3, workgroup=coalition.workgroup)
    untouched = IssueFactory(workgroup=coalition.workgroup)

    response = client_as(coalition.core).post(
        reverse("issues:bulk"),
        {
            "ids": [i.pk for i in issues],
            "status": "deferred",
            "term": "long",
            "reason": "2026 session",
        },
    )

    assert response.status_code == 302
    assert set(Issue.objects.filter(status="deferred", term="long")) == set(issues)
    untouched.refresh_from_db()
    assert untouched.status == "proposed"
    assert IssueChange.objects.filter(reason="2026 session").count() == 6


def test_bulk_without_a_selection_says_so(coalition, client_as):
    response = client_as(coalition.core).post(
        reverse("issues:bulk"), {"status": "deferred"}, follow=True
    )

    assert "Select at least one issue first." in response.content.decode()


def test_export_has_the_filtered_rows(coalition, client_as):
    IssueFactory(workgroup=coalition.workgroup, title="988 funding", term="short")
    IssueFactory(workgroup=coalition.workgroup, title="Telehealth", term="long")

    response = client_as(coalition.partner).get(reverse("issues:export"), {"term": "short"})

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["number", "title", "workgroup"]
    assert [row[1] for row in rows[1:]] == ["988 funding"]


def test_saved_view_keeps_filters_and_its_link_can_be_shared(coalition, client_as):
    client = client_as(coalition.core)

    response = client.post(
        reverse("issues:save_view"),
        {"name": "Short-term inbox", "query": "term=short&status=proposed"},
    )
    view = SavedView.objects.get()
    shared = client_as(coalition.partner).get(reverse("issues:saved_view", kwargs={"pk": view.pk}))

    assert response["Location"] == "/issues/?term=short&status=proposed"
    assert shared["Location"] == "/issues/?term=short&status=proposed"


def test_next_and_previous_keep_the_filters(coalition, client_as):
    now = timezone.now()
    older, middle, newer = (
        IssueFactory(
            workgroup=coalition.workgroup,
            term="short",
            proposed_at=now - datetime.timedelta(days=d),
        )
        for d in (3, 2, 1)
    )
    IssueFactory(
        workgroup=coalition.workgroup,
        term="long",
        proposed_at=now - datetime.timedelta(days=1, hours=12),
    )

    response = client_as(coalition.core).get(
        reverse("issues:detail", kwargs={"pk": middle.pk}), {"term": "short"}
    )

    neighbours = response.context["neighbours"]
    assert (neighbours.previous.pk, neighbours.next.pk) == (newer.pk, older.pk)
    assert f'href="/issues/{older.pk}/?term=short"' in response.content.decode()


def test_member_proposes_an_issue(coalition, client_as):
    response = client_as(coalition.partner).post(
        reverse("issues:propose"),
        {
            "title": "Peer-run respite in every region",
            "workgroup": coalition.workgroup.pk,
            "description": "",
        },
    )

    issue = Issue.objects.get()
    assert response["Location"] == issue.get_absolute_url()
    assert (issue.status, issue.proposed_by) == ("proposed", coalition.partner)


def test_propose_without_a_title_keeps_the_text(coalition, client_as):
    response = client_as(coalition.partner).post(
        reverse("issues:propose"),
        {"title": "", "workgroup": coalition.workgroup.pk, "description": "Respite saves beds."},
    )

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert "Respite saves beds." in response.content.decode()


def test_workgroup_page_loads_the_backlog_fragment(coalition, client_as):
    IssueFactory(workgroup=coalition.workgroup, title="Loan repayment", status="accepted")
    client = client_as(coalition.wg_member)

    page = client.get(coalition.workgroup.get_absolute_url()).content.decode()
    fragment = client.get(
        reverse("issues:backlog", kwargs={"slug": coalition.workgroup.slug}), HTTP_HX_REQUEST="true"
    ).content.decode()

    assert f'hx-get="/issues/backlog/{coalition.workgroup.slug}/"' in page
    assert "Loan repayment" in fragment
    assert "<html" not in fragment


# Query counts -------------------------------------------------------------------


def add_issues(coalition):
    lever = LeverFactory(name="Payment")

    def add(count):
        for issue in IssueFactory.create_batch(
            count, workgroup=coalition.workgroup, owner=coalition.wg_chair
        ):
            issue.levers.add(lever)

    return add


def test_triage_page_queries_do_not_grow(coalition, client_as):
    assert_constant_queries(client_as(coalition.core), LIST, add_issues(coalition))


def test_filtered_triage_page_queries_do_not_grow(coalition, client_as):
    assert_constant_queries(
        client_as(coalition.core),
        f"{LIST}?q=barrier&term=short&sort=-impact",
        add_issues(coalition),
    )


def test_backlog_queries_do_not_grow(coalition, client_as):
    add = add_issues(coalition)

    assert_constant_queries(
        client_as(coalition.wg_chair),
        reverse("issues:backlog", kwargs={"slug": coalition.workgroup.slug}),
        add,
    )


def test_issue_page_queries_do_not_grow_with_comments_and_changes(coalition, client_as):
    from issues import services

    issue = IssueFactory(workgroup=coalition.workgroup)

    def add(count):
        for n in range(count):
            services.add_comment(actor=coalition.wg_member, issue=issue, body=f"Comment {n}")
            services.change_issue(actor=coalition.core, issue=issue, changes={"impact": n % 5 + 1})

    assert_constant_queries(client_as(coalition.core), issue.get_absolute_url(), add)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigram index exists on PostgreSQL"
)
def test_search_is_served_by_the_trigram_index(coalition):
    IssueFactory.create_batch(5, workgroup=coalition.workgroup)
    from django.db.models import Q

    query = Issue.objects.filter(
        Q(title__icontains="988") | Q(description__icontains="988")
    ).order_by()
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        plan = query.explain()
        cursor.execute("SET enable_seqscan = on")

    assert "issue_title_trgm" in plan
    assert "issue_description_trgm" in plan
