"""Slides and captions uploaded to a session: judged by content, stored outside
the static folder, served only through the view that applies visibility."""

import html
import io
import re
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, resolve, reverse

from learning_sessions import services
from learning_sessions.models import LearningSession, Presenter
from tests.factories import LearningSessionFactory
from tests.learning_sessions.helpers import session_form_data

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
# The first bytes of a Windows program (a PE file): what a renamed .exe holds.
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200 + b"PE\x00\x00"
CAPTIONS = (
    "WEBVTT\n\n"
    "00:00:01.000 --> 00:00:05.000\n<v Maya Jensen>Welcome, everyone, to this month's session.\n\n"
    "00:01:02.500 --> 00:01:09.000\n<v Maya Jensen>Families told us about the "
    "crisis stabilisation unit in Wausau.\n\n"
    "01:02:03.000 --> 01:02:06.000\nThank you for coming.\n"
)


def _pptx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/presentation.xml", "<p:presentation/>")
    return buffer.getvalue()


def _edit(client, session, **changes):
    return client.post(
        reverse("learning_sessions:edit", kwargs={"slug": session.slug}),
        session_form_data(session, **changes),
    )


@pytest.fixture
def session():
    return LearningSessionFactory(title="Family voices in crisis planning")


def test_slides_are_stored_outside_static_and_downloaded_through_the_view(
    coalition, client_as, client, session
):
    response = _edit(
        client_as(coalition.core),
        session,
        slides_file=SimpleUploadedFile("Deck.PDF", PDF, "application/pdf"),
    )
    assert response.status_code == 302
    session.refresh_from_db()
    stored = Path(session.slides_file.path)
    assert stored.read_bytes() == PDF
    assert stored.is_relative_to(settings.MEDIA_ROOT)
    assert not stored.is_relative_to(settings.BASE_DIR / "static")
    assert not stored.is_relative_to(settings.STATIC_ROOT)
    # Its stored name says nothing of the upload's, and no URL serves the storage.
    assert "Deck" not in session.slides_file.name
    with pytest.raises(Resolver404):
        resolve(f"/{settings.MEDIA_URL}{session.slides_file.name}")

    download = client.get(reverse("learning_sessions:slides", kwargs={"slug": session.slug}))

    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == (f'attachment; filename="{session.slug}-slides.pdf"')
    assert b"".join(download.streaming_content) == PDF
    page = client.get(session.get_absolute_url()).content.decode()
    assert reverse("learning_sessions:slides", kwargs={"slug": session.slug}) in page


def test_a_presentation_is_accepted_by_its_content(coalition, client_as, session):
    response = _edit(
        client_as(coalition.core),
        session,
        slides_file=SimpleUploadedFile("deck.pptx", _pptx(), "application/octet-stream"),
    )

    assert response.status_code == 302
    session.refresh_from_db()
    assert session.slides_file.name.endswith(".pptx")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("slides.pdf", EXECUTABLE, "is not a PDF or a presentation"),
        ("slides.pptx", EXECUTABLE, "is not a PDF or a presentation"),
        ("slides.pdf", _pptx(), "is named .pdf but holds a PPTX file"),
        ("notes.txt", b"just some words", "is not a PDF or a presentation"),
    ],
)
def test_a_file_whose_content_is_not_slides_is_refused_next_to_the_field(
    coalition, client_as, session, name, content, message
):
    response = _edit(
        client_as(coalition.core),
        session,
        title="Family voices, retitled",
        slides_file=SimpleUploadedFile(name, content, "application/pdf"),
    )

    assert response.status_code == 400
    page = response.content.decode()
    error = re.search(r'id="id_slides_file-error"[^>]*>([^<]*)<', page)
    assert error
    assert message in html.unescape(error.group(1))  # next to the field
    assert 'value="Family voices, retitled"' in page  # what was typed is kept
    session.refresh_from_db()
    assert session.title == "Family voices in crisis planning"
    assert not session.slides_file
    assert not any(Path(settings.MEDIA_ROOT).rglob("*.*"))


def test_a_chosen_file_lost_to_another_problem_is_asked_for_again(coalition, client_as, session):
    response = _edit(
        client_as(coalition.core),
        session,
        issue_numbers="99999",
        slides_file=SimpleUploadedFile("slides.pdf", PDF, "application/pdf"),
    )

    assert response.status_code == 400
    error = re.search(r'id="id_slides_file-error"[^>]*>([^<]*)<', response.content.decode())
    assert "choose it again" in error.group(1)
    session.refresh_from_db()
    assert not session.slides_file


def test_slides_larger_than_the_limit_are_refused(coalition, client_as, session, settings):
    settings.SESSION_SLIDES_MAX_BYTES = 1000

    response = _edit(
        client_as(coalition.core),
        session,
        slides_file=SimpleUploadedFile("big.pdf", PDF + b"0" * 2000, "application/pdf"),
    )

    assert response.status_code == 400
    assert "the largest accepted is 1000\xa0bytes" in response.content.decode()


def test_captions_become_a_transcript_beside_the_recording(coalition, client_as, client, session):
    LearningSession.objects.filter(pk=session.pk).update(
        recording_link="https://youtu.be/dQw4w9WgXcQ"
    )
    session.refresh_from_db()
    response = _edit(
        client_as(coalition.core),
        session,
        captions_file=SimpleUploadedFile("captions.vtt", CAPTIONS.encode(), "text/vtt"),
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.transcript[1] == {
        "start": 62,
        "speaker": "Maya Jensen",
        "text": "Families told us about the crisis stabilisation unit in Wausau.",
    }

    page = client.get(session.get_absolute_url()).content.decode()

    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in page
    assert "Families told us about the crisis stabilisation unit in Wausau." in page
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in page
    assert ">1:02<" in page
    assert ">1:02:03<" in page
    captions = client.get(reverse("learning_sessions:captions", kwargs={"slug": session.slug}))
    assert captions["Content-Type"] == "text/vtt"
    assert captions["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (EXECUTABLE, "not text"),
        (b"Just a transcript without timings.", "This is not a WebVTT file"),
        (b"WEBVTT\n\n", "has no captions in it"),
    ],
)
def test_a_file_that_is_not_webvtt_is_refused(coalition, client_as, session, content, message):
    response = _edit(
        client_as(coalition.core),
        session,
        captions_file=SimpleUploadedFile("captions.vtt", content, "text/vtt"),
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    session.refresh_from_db()
    assert not session.captions_file
    assert session.transcript == []


def test_replacing_and_removing_files_deletes_the_old_ones_once_saved(
    coalition, client_as, session, django_capture_on_commit_callbacks
):
    client = client_as(coalition.core)
    _edit(client, session, slides_file=SimpleUploadedFile("a.pdf", PDF, "application/pdf"))
    session.refresh_from_db()
    first = Path(session.slides_file.path)

    with django_capture_on_commit_callbacks(execute=True):
        _edit(client, session, slides_file=SimpleUploadedFile("b.pdf", PDF, "application/pdf"))
        assert first.exists()  # until the change commits
    session.refresh_from_db()
    second = Path(session.slides_file.path)
    assert second.exists()
    assert not first.exists()

    with django_capture_on_commit_callbacks(execute=True):
        _edit(client, session, **{"slides_file-clear": "on"})
    session.refresh_from_db()
    assert not session.slides_file
    assert not second.exists()


def test_members_only_files_are_not_served_to_the_public(coalition, client_as, client):
    session = coalition.session_with_files(visibility="members")
    slides = reverse("learning_sessions:slides", kwargs={"slug": session.slug})
    captions = reverse("learning_sessions:captions", kwargs={"slug": session.slug})

    assert client.get(slides)["Location"].startswith(reverse("account_login"))
    assert client.get(captions)["Location"].startswith(reverse("account_login"))
    assert client_as(coalition.partner).get(slides).status_code == 200


def test_an_ideas_files_are_not_found_and_a_session_without_files_has_none(coalition, client):
    idea = coalition.session_with_files(status="idea", starts_at=None)
    plain = LearningSessionFactory()

    assert (
        client.get(reverse("learning_sessions:slides", kwargs={"slug": idea.slug})).status_code
        == 404
    )
    assert (
        client.get(reverse("learning_sessions:slides", kwargs={"slug": plain.slug})).status_code
        == 404
    )


def test_a_failed_save_keeps_the_old_file_and_writes_no_new_one(coalition, session, monkeypatch):
    client_files = {"slides_file": SimpleUploadedFile("slides.pdf", PDF)}
    services.store_files(session, client_files)
    first = Path(session.slides_file.path)
    fields = {name: getattr(session, name) for name in services.SESSION_FIELDS}

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(Presenter.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        services.save_session(
            actor=coalition.core,
            session=session,
            fields=fields,
            topics=[],
            presenters=[],
            files={"slides_file": SimpleUploadedFile("slides.pdf", PDF)},
        )

    session.refresh_from_db()
    assert Path(session.slides_file.path) == first
    assert first.exists()
    assert [p.name for p in Path(settings.MEDIA_ROOT).rglob("*.pdf")] == [first.name]


def test_the_edit_form_links_the_current_file_through_the_view(coalition, client_as, session):
    services.store_files(session, {"slides_file": SimpleUploadedFile("slides.pdf", PDF)})

    page = client_as(coalition.core).get(
        reverse("learning_sessions:edit", kwargs={"slug": session.slug})
    )

    assert f'href="/learning-sessions/{session.slug}/slides/"' in page.content.decode()
    assert "/media/" not in page.content.decode()


def test_a_file_missing_from_storage_is_not_found(client, session):
    services.store_files(session, {"slides_file": SimpleUploadedFile("slides.pdf", PDF)})
    Path(session.slides_file.path).unlink()

    response = client.get(reverse("learning_sessions:slides", kwargs={"slug": session.slug}))

    assert response.status_code == 404


def test_captions_are_stored_as_vtt_whatever_they_were_called(
    coalition, client_as, client, session
):
    _edit(
        client_as(coalition.core),
        session,
        captions_file=SimpleUploadedFile("page.html", CAPTIONS.encode(), "text/html"),
    )
    session.refresh_from_db()

    assert session.captions_file.name.endswith(".vtt")
    download = client.get(reverse("learning_sessions:captions", kwargs={"slug": session.slug}))
    assert download["Content-Disposition"].endswith('-captions.vtt"')
