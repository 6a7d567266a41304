"""Learning sessions in Chromium: a guest registers and confirms by email; a
member finds a past recording by a word said in it."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from learning_sessions import services
from learning_sessions.models import SessionRegistration
from tests.factories import LearningSessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CAPTIONS = (
    b"WEBVTT\n\n"
    b"00:00:02.000 --> 00:00:06.000\n<v Rita Hoffmann>Welcome to the session.\n\n"
    b"00:04:10.000 --> 00:04:16.000\n"
    b"<v Rita Hoffmann>In Trempealeau County the team answers within forty minutes.\n"
)


def test_a_guest_registers_and_confirms_by_the_emailed_link(page_as):
    session = LearningSessionFactory(
        title="Preparing for the 2027 legislative session",
        status="scheduled",
        starts_at=timezone.now() + datetime.timedelta(days=10),
    )
    page = page_as()

    page.goto(session.get_absolute_url())
    page.get_by_role("link", name="Register", exact=True).click()
    page.get_by_label("Your name").fill("Ana Ortiz")
    page.get_by_label("Your email").fill("ana@example.net")
    page.get_by_label("Your organisation").fill("Family Voices of the Fox Valley")
    page.get_by_role("button", name="Register").click()
    page.get_by_role("heading", name="Check your email").wait_for()

    (request,) = mail.outbox
    link = re.search(r"https?://\S+/learning-sessions/confirm/\S+/", request.body).group(0)
    page.goto(urlsplit(link).path)  # the emailed link, on the test server
    page.get_by_role("button", name="Confirm my registration").click()
    page.get_by_role("heading", name="You are registered").wait_for()

    registration = SessionRegistration.objects.get()
    assert registration.confirmed_at is not None
    assert registration.person is None
    confirmation = mail.outbox[1]
    assert confirmation.to == ["ana@example.net"]
    assert confirmation.attachments[0][0].endswith(".ics")


def test_a_member_finds_a_past_recording_by_a_word_said_in_it(coalition, page_as):
    session = LearningSessionFactory(
        title="Mobile crisis teams in every county",
        recording_link="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    )
    LearningSessionFactory(title="Parity enforcement: what OCI can do")
    services.save_session(
        actor=coalition.core,
        session=session,
        fields={name: getattr(session, name) for name in services.SESSION_FIELDS},
        topics=[],
        presenters=[{"name": "Rita Hoffmann", "organisation": "", "bio": ""}],
        files={
            "captions_file": SimpleUploadedFile("captions.vtt", CAPTIONS),
            "transcript": [
                {"start": 2, "speaker": "Rita Hoffmann", "text": "Welcome to the session."},
                {
                    "start": 250,
                    "speaker": "Rita Hoffmann",
                    "text": "In Trempealeau County the team answers within forty minutes.",
                },
            ],
        },
    )
    page = page_as(coalition.partner)
    refused = []  # what the browser's Content-Security-Policy blocked, in its own words
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and refused.append(message.text),
    )

    page.goto("/learning-sessions/")
    page.get_by_label("Words").fill("trempealeau")
    page.get_by_role("button", name="Search").click()
    page.get_by_text("1 recording", exact=True).wait_for()
    page.get_by_text("Said at 4:10 by Rita Hoffmann").wait_for()
    page.get_by_role("link", name="Mobile crisis teams in every county").click()

    transcript = page.get_by_role("region", name="Transcript")
    transcript.get_by_text("In Trempealeau County the team answers").wait_for()
    transcript.get_by_text("4:10", exact=True).wait_for()
    player = page.locator("iframe[title^='Recording of Mobile crisis teams']")
    assert player.get_attribute("src") == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    assert refused == []
