import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from learning_sessions.models import LearningSession
from tests.factories import LearningSessionFactory, TopicFactory
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db

LIBRARY = "/learning-sessions/"


def titles(response):
    return [session.title for session in response.context["sessions"]]


def test_members_only_sessions_never_reach_the_public(coalition, client, client_as):
    LearningSessionFactory(title="Parity 101")
    secret = LearningSessionFactory(title="Members: funding talk", visibility="members")

    public = client.get(LIBRARY, {"q": "funding"})
    detail = client.get(secret.get_absolute_url())
    member = client_as(coalition.partner).get(LIBRARY, {"q": "funding"})

    assert titles(public) == []
    assert "Members: funding talk" not in public.content.decode()
    assert "0 recordings" in public.content.decode()
    assert detail.status_code == 302  # sign in first
    assert titles(member) == ["Members: funding talk"]


def test_ideas_and_unpublished_sessions_stay_out_of_the_library(client):
    LearningSessionFactory(title="An idea", status="idea", starts_at=None)
    LearningSessionFactory(title="Held, not yet published", status="held")
    idea = LearningSession.objects.get(title="An idea")

    response = client.get(LIBRARY)

    assert titles(response) == []
    assert client.get(idea.get_absolute_url()).status_code == 404


def test_search_finds_words_in_presenters_topics_and_summary(client):
    session = LearningSessionFactory(title="Crisis lines", summary="We covered **mobile teams**.")
    session.presenters.create(name="Dr. Amara Lopez", organisation="Wisconsin 988")
    session.topics.add(TopicFactory(name="Peer specialists"))

    for word in ["amara", "mobile teams", "peer", "988"]:
        assert titles(client.get(LIBRARY, {"q": word})) == ["Crisis lines"], word


def test_library_filters_by_topic_and_year(client):
    old = LearningSessionFactory(
        title="2024 session", starts_at=datetime.datetime(2024, 5, 1, 17, tzinfo=datetime.UTC)
    )
    LearningSessionFactory(title="Recent session")
    old.topics.add(TopicFactory(name="Parity"))

    assert titles(client.get(LIBRARY, {"year": "2024"})) == ["2024 session"]
    assert titles(client.get(LIBRARY, {"topic": "parity"})) == ["2024 session"]


def test_library_queries_do_not_grow(client):
    topic = TopicFactory(name="Workforce")

    def add(n):
        for _ in range(n):
            session = LearningSessionFactory()
            session.topics.add(topic)
            session.presenters.create(name="A presenter")

    assert_constant_queries(client, LIBRARY, add)


def test_core_member_plans_an_idea_then_schedules_it(coalition, client_as):
    client = client_as(coalition.core)
    data = {"title": "Peer support in crisis care", "status": "idea",
            "proposed_month": "2027-03-01", "duration_minutes": "60", "visibility": "public",
            "presenters": "Jordan Reyes; Milwaukee Youth Crisis Line; Peer specialist"}  # fmt: skip

    client.post(reverse("learning_sessions:create"), data)
    session = LearningSession.objects.get()
    refused = client.post(
        reverse("learning_sessions:edit", kwargs={"slug": session.slug}),
        {**data, "status": "scheduled"},
    )
    scheduled = client.post(
        reverse("learning_sessions:edit", kwargs={"slug": session.slug}),
        {**data, "status": "scheduled", "date": "2027-03-18", "start_time": "12:00"},
    )

    session.refresh_from_db()
    assert refused.status_code == 400
    assert "needs its date and start time" in refused.content.decode()
    assert scheduled.status_code == 302
    assert session.status == "scheduled"
    assert [(p.name, p.organisation) for p in session.presenters.all()] == [
        ("Jordan Reyes", "Milwaukee Youth Crisis Line")
    ]
    plan = client.get(reverse("learning_sessions:plan")).content.decode()
    assert "Peer support in crisis care" in plan


def test_meeting_link_shown_to_members_only(coalition, client, client_as):
    session = LearningSessionFactory(
        status="scheduled", starts_at=timezone.now() + datetime.timedelta(days=7)
    )

    assert session.meeting_link not in client.get(session.get_absolute_url()).content.decode()
    member_page = client_as(coalition.partner).get(session.get_absolute_url()).content.decode()
    assert session.meeting_link in member_page
