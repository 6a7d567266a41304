"""The library's recordings: transcript search, the players, the Atom feed,
and the coalition's related issues and papers."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learning_sessions import services, video
from tests.factories import LearningSessionFactory
from tests.learning_sessions.helpers import session_form_data
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db

LIBRARY = "/learning-sessions/"
ATOM = "{http://www.w3.org/2005/Atom}"


def _with_transcript(title=None, *lines, **fields):
    cues = [
        {"start": 60 * n, "speaker": "Rita Hoffmann", "text": line}
        for n, line in enumerate(lines, start=1)
    ]
    if title:
        fields["title"] = title
    return LearningSessionFactory(transcript=cues, transcript_text="\n".join(lines), **fields)


def test_search_finds_a_word_said_in_the_recording_and_shows_where(client):
    _with_transcript(
        "Mobile crisis teams in every county",
        "Good afternoon.",
        "In Trempealeau County the team answers within forty minutes.",
    )
    _with_transcript("Parity enforcement", "Insurers must cover it.")

    response = client.get(LIBRARY, {"q": "trempealeau"})

    assert [s.title for s in response.context["sessions"]] == [
        "Mobile crisis teams in every county"
    ]
    page = response.content.decode()
    assert "Said at 2:00 by Rita Hoffmann" in page
    assert "In Trempealeau County the team answers within forty minutes." in page


def test_every_word_searched_is_found_anywhere(client):
    session = _with_transcript(
        "Mobile crisis teams in every county", "In Trempealeau County the team answers."
    )
    session.presenters.create(name="Rita Hoffmann")

    for words in ["mobile teams", "hoffmann rita", "TREMPEA county", "crisis trempealeau"]:
        found = client.get(LIBRARY, {"q": words}).context["sessions"]
        assert [s.title for s in found] == [session.title], words
    assert client.get(LIBRARY, {"q": "mobile parity"}).context["sessions"] == []


def test_the_public_is_offered_only_topics_it_finds_recordings_under(client):
    from tests.factories import TopicFactory

    public, members = TopicFactory(name="Parity"), TopicFactory(name="Data and measurement")
    LearningSessionFactory().topics.add(public)
    LearningSessionFactory(visibility="members").topics.add(members)

    assert [t.name for t in client.get(LIBRARY).context["topics"]] == ["Parity"]


def test_transcript_search_keeps_members_only_sessions_from_the_public(
    coalition, client, client_as
):
    _with_transcript("Indicators", "The Kenosha numbers are provisional.", visibility="members")

    assert client.get(LIBRARY, {"q": "kenosha"}).context["sessions"] == []
    member = client_as(coalition.partner).get(LIBRARY, {"q": "kenosha"})
    assert [s.title for s in member.context["sessions"]] == ["Indicators"]


def test_searching_transcripts_does_not_grow_the_queries(client):
    def add(n):
        for _ in range(n):
            _with_transcript(None, "We talked about the workforce.")

    assert_constant_queries(client, f"{LIBRARY}?q=workforce", add)


@pytest.mark.parametrize(
    ("link", "embed"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=5",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        (
            "https://www.youtube.com/live/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://vimeo.com/123456789", "https://player.vimeo.com/video/123456789?dnt=1"),
        (
            "https://vimeo.com/channels/staff/123456789",
            "https://player.vimeo.com/video/123456789?dnt=1",
        ),
        (
            "https://vimeo.com/123456789/abc123def0",
            "https://player.vimeo.com/video/123456789?h=abc123def0&dnt=1",
        ),
        ("https://notyoutube.com/watch?v=dQw4w9WgXcQ", None),
        ("https://zoom.us/rec/share/abc", None),
        ("http://www.youtube.com/watch?v=dQw4w9WgXcQ", None),
        ("https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ", None),
        ("https://www.youtube.com/watch?v=<script>", None),
    ],
)
def test_known_video_hosts_get_their_privacy_friendly_player(link, embed):
    recording = video.recording(link)

    assert (recording.embed_url if recording else None) == embed


def test_the_session_page_alone_may_frame_the_players(client):
    session = LearningSessionFactory(recording_link="https://vimeo.com/123456789")

    detail = client.get(session.get_absolute_url())
    library = client.get(LIBRARY)

    policy = detail["Content-Security-Policy"]
    assert "frame-src https://www.youtube-nocookie.com https://player.vimeo.com" in policy
    assert "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy
    assert "frame-src" not in library["Content-Security-Policy"]
    page = detail.content.decode()
    assert '<iframe src="https://player.vimeo.com/video/123456789?dnt=1"' in page
    assert 'title="Recording of ' in page


def test_another_host_is_a_link(client):
    session = LearningSessionFactory(recording_link="https://zoom.us/rec/share/abc")

    page = client.get(session.get_absolute_url()).content.decode()

    assert "<iframe" not in page
    assert 'href="https://zoom.us/rec/share/abc"' in page


def test_the_feed_lists_new_public_recordings_only(client):
    now = timezone.now()
    LearningSessionFactory(title="Published long ago", published_at=None)
    LearningSessionFactory(title="Published last week", published_at=now - timedelta(days=7))
    LearningSessionFactory(title="Public recording", published_at=now)
    LearningSessionFactory(title="Members recording", visibility="members")
    LearningSessionFactory(title="Not yet published", status="held")
    LearningSessionFactory(title="No recording yet", recording_link="")

    response = client.get(reverse("learning_sessions:feed"))

    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 -- our own response, not untrusted input
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert titles == ["Public recording", "Published last week", "Published long ago"]
    assert 'type="application/atom+xml"' in client.get(LIBRARY).content.decode()


def test_publishing_dates_the_recording_for_the_feed_once(coalition):
    session = LearningSessionFactory(status="scheduled", published_at=None)

    def save(status):
        fields = {name: getattr(session, name) for name in services.SESSION_FIELDS}
        services.save_session(
            actor=coalition.core,
            session=session,
            fields={**fields, "status": status},
            topics=[],
            presenters=[],
        )
        session.refresh_from_db()
        return session.published_at

    assert save("held") is None
    published = save("published")
    assert published is not None
    assert save("published") == published  # saved again: still published then


def test_related_papers_and_issues_show_as_far_as_the_reader_may_see(coalition, client, client_as):
    adopted = coalition.paper("adopted")
    draft = coalition.paper("draft")
    session = LearningSessionFactory()
    session.related_papers.set([adopted, draft])
    issue = coalition.issue()
    session.related_issues.set([issue])

    public = client.get(session.get_absolute_url()).content.decode()
    core = client_as(coalition.core).get(session.get_absolute_url()).content.decode()

    assert adopted.get_absolute_url() in public
    assert draft.get_absolute_url() not in public
    assert issue.get_absolute_url() not in public
    assert draft.get_absolute_url() in core
    assert issue.get_absolute_url() in core


def test_planners_link_issues_by_number_and_a_wrong_number_is_explained(coalition, client_as):
    session = LearningSessionFactory()
    url = reverse("learning_sessions:edit", kwargs={"slug": session.slug})
    data = session_form_data(session)
    client = client_as(coalition.core)
    issue = coalition.issue()

    wrong = client.post(url, {**data, "issue_numbers": f"{issue.pk}, 99999"})
    right = client.post(url, {**data, "issue_numbers": f"#{issue.pk}"})

    assert wrong.status_code == 400
    assert "There is no issue #99999." in wrong.content.decode()
    assert f'value="{issue.pk}, 99999"' in wrong.content.decode()
    assert right.status_code == 302
    assert list(session.related_issues.all()) == [issue]
