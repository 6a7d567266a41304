"""Each person's home page, and the public front page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from issues import services as issue_services
from mhap.models import SiteText
from tests.factories import (
    ActionItemFactory,
    IssueFactory,
    LearningSessionFactory,
    MeetingFactory,
    SummitFactory,
    WorkgroupFactory,
)
from tests.querycount import assert_constant_queries
from workgroups.models import WorkgroupUpdate

pytestmark = pytest.mark.django_db

SOON = datetime.timedelta(days=3)


def test_a_member_sees_their_meetings_items_issues_and_rounds(coalition, client_as):
    mine = MeetingFactory(
        workgroup=coalition.workgroup,
        title="Our monthly",
        starts_at=timezone.now() + SOON,
        ends_at=timezone.now() + SOON + datetime.timedelta(hours=1),
    )
    theirs = MeetingFactory(
        workgroup=coalition.other_workgroup,
        title="Their monthly",
        starts_at=timezone.now() + SOON,
        ends_at=timezone.now() + SOON + datetime.timedelta(hours=1),
    )
    ActionItemFactory(
        workgroup=coalition.workgroup, owner=coalition.wg_member, description="Call the county"
    )
    ActionItemFactory(
        workgroup=coalition.workgroup, owner=coalition.wg_chair, description="Chair's own item"
    )
    IssueFactory(workgroup=coalition.workgroup, owner=coalition.wg_member, title="Peer billing")
    feedback_round = coalition.feedback_round()

    content = client_as(coalition.wg_member).get(reverse("home")).content.decode()

    assert mine.title in content
    assert (
        reverse("meeting_ics", kwargs={"slug": coalition.workgroup.slug, "pk": mine.pk}) in content
    )
    assert theirs.title not in content
    assert "Call the county" in content
    assert "Chair&#x27;s own item" not in content
    assert "Peer billing" in content
    assert feedback_round.get_absolute_url() in content
    assert "you have answered 0 of 1 paper" in content


def test_authors_see_their_drafts_with_comments_waiting(coalition, client_as):
    paper = coalition.paper("draft")
    issue_services.add_paper_comment(actor=coalition.core, paper=paper, body="Cite it.")
    issue_services.add_co_author(actor=coalition.wg_chair, paper=paper, person=coalition.wg_member)

    for author in (coalition.wg_chair, coalition.wg_member):
        content = client_as(author).get(reverse("home")).content.decode()
        assert "Papers you are writing" in content
        assert "1 comment waiting" in content
    assert (
        "Papers you are writing"
        not in client_as(coalition.partner).get(reverse("home")).content.decode()
    )


def test_a_chair_is_asked_for_the_update_due_before_the_core_group_meets(coalition, client_as):
    MeetingFactory(
        workgroup=coalition.core_group,
        starts_at=timezone.now() + SOON,
        ends_at=timezone.now() + SOON + datetime.timedelta(hours=1),
    )
    url = reverse("workgroups:update_create", kwargs={"slug": coalition.workgroup.slug})

    before = client_as(coalition.wg_chair).get(reverse("home")).content.decode()
    WorkgroupUpdate.objects.create(
        workgroup=coalition.workgroup,
        author=coalition.wg_chair,
        happened="Drafted the paper.",
        next_steps="Submit it.",
    )
    after = client_as(coalition.wg_chair).get(reverse("home")).content.decode()
    member = client_as(coalition.wg_member).get(reverse("home")).content.decode()

    assert url in before
    assert url not in after
    assert "Drafted the paper." in after  # the workgroup's latest update
    assert url not in member


def test_a_new_partner_is_told_where_to_start(coalition, client_as):
    content = client_as(coalition.partner).get(reverse("home")).content.decode()

    assert "Where to start" in content
    assert reverse("workgroups:list") in content


def test_summits_and_sessions_come_with_calendar_files(coalition, client_as):
    summit = SummitFactory(starts_at=timezone.now() + SOON, ends_at=timezone.now() + SOON * 2)
    session = LearningSessionFactory(status="scheduled", starts_at=timezone.now() + SOON)
    client = client_as(coalition.partner)

    content = client.get(reverse("home")).content.decode()
    summit_ics = client.get(reverse("summits:ics", kwargs={"slug": summit.slug}))
    session_ics = client.get(reverse("learning_sessions:ics", kwargs={"slug": session.slug}))

    assert reverse("summits:ics", kwargs={"slug": summit.slug}) in content
    assert reverse("learning_sessions:ics", kwargs={"slug": session.slug}) in content
    assert summit_ics["Content-Type"].startswith("text/calendar")
    assert f"SUMMARY:{summit.title}" in summit_ics.content.decode()
    assert "BEGIN:VEVENT" in session_ics.content.decode()


def test_the_home_page_queries_do_not_grow(coalition, client_as):
    client = client_as(coalition.wg_chair)
    MeetingFactory(
        workgroup=coalition.core_group,
        starts_at=timezone.now() + SOON,
        ends_at=timezone.now() + SOON + datetime.timedelta(hours=1),
    )

    def add(n):
        for i in range(n):
            start = timezone.now() + datetime.timedelta(days=1 + i)
            MeetingFactory(
                workgroup=coalition.workgroup,
                starts_at=start,
                ends_at=start + datetime.timedelta(hours=1),
            )
            ActionItemFactory(workgroup=coalition.workgroup, owner=coalition.wg_chair)
            IssueFactory(workgroup=coalition.workgroup, owner=coalition.wg_chair)
            WorkgroupUpdate.objects.create(
                workgroup=WorkgroupFactory(), happened="x", next_steps="y"
            )
            SummitFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2))

    assert_constant_queries(client, reverse("home"), add)


def test_the_front_page_says_what_the_coalition_is_and_shows_only_public_things(client):
    SiteText.objects.create(key="vision", body="Every person in Wisconsin gets care.")
    adopted, draft = _papers()
    LearningSessionFactory(
        title="Public next month", status="scheduled", starts_at=timezone.now() + SOON
    )
    LearningSessionFactory(
        title="Members next month",
        status="scheduled",
        visibility="members",
        starts_at=timezone.now() + SOON,
    )
    LearningSessionFactory(title="Last month's recording")

    content = client.get(reverse("home")).content.decode()

    assert "Every person in Wisconsin gets care." in content
    assert adopted.adopted_revision.title in content
    assert draft.get_absolute_url() not in content
    assert "Public next month" in content
    assert "Members next month" not in content
    assert "Last month&#x27;s recording" in content
    assert f'action="{reverse("members:join_request")}"' in content


def _papers():
    from tests.factories import ChairFactory, CoreGroupFactory, MembershipFactory, paper_in_state

    coalition_workgroup = WorkgroupFactory()
    chair = ChairFactory(workgroup=coalition_workgroup).person
    core = MembershipFactory(workgroup=CoreGroupFactory()).person
    adopted = paper_in_state(workgroup=coalition_workgroup, chair=chair, core=core, state="adopted")
    draft = paper_in_state(
        workgroup=coalition_workgroup,
        chair=chair,
        core=core,
        issue=IssueFactory(workgroup=coalition_workgroup, status="prioritised"),
    )
    return adopted, draft


def test_admins_write_the_front_page(coalition, client_as):
    from django.test import Client

    response = client_as(coalition.admin).post(
        reverse("site_texts"),
        {"about": "", "vision": "A new vision.", "mission": "", "values": "- Trust"},
    )

    assert response.status_code == 302
    content = Client().get(reverse("home")).content.decode()
    assert "A new vision." in content
    assert "<li>Trust</li>" in content
    assert SiteText.objects.get(key="vision").updated_by == coalition.admin


def test_a_session_calendar_file_keeps_the_link_to_join_from_the_public(coalition, client_as):
    from django.test import Client

    session = LearningSessionFactory(status="scheduled", starts_at=timezone.now() + SOON)
    url = reverse("learning_sessions:ics", kwargs={"slug": session.slug})

    public = Client().get(url).content.decode()
    member = client_as(coalition.partner).get(url).content.decode()

    assert session.meeting_link not in public
    assert session.meeting_link in member


def test_what_waits_for_each_role_is_on_their_home(coalition, client_as):
    from tests.factories import JoinRequestFactory

    coalition.membership_request()  # the partner asks to join the chair's workgroup
    JoinRequestFactory()
    IssueFactory(workgroup=coalition.workgroup, status="proposed")
    ActionItemFactory(
        workgroup=coalition.workgroup,
        owner=coalition.wg_member,
        due_on=timezone.localdate() - datetime.timedelta(days=3),
    )

    def home(person):
        return client_as(person).get(reverse("home")).content.decode()

    chair, admin, core = home(coalition.wg_chair), home(coalition.admin), home(coalition.core)
    partner, member = home(coalition.partner), home(coalition.wg_member)

    assert "1 request to join Medicaid &amp; Workforce" in chair
    assert "1 request to join the partnership" in admin
    assert "1 proposed issue to triage" in core and "1 proposed issue to triage" in admin
    assert "to triage" not in member and "request to join" not in member
    assert "You asked to join" in partner and "Medicaid &amp; Workforce" in partner
    assert "overdue" in member
