"""Uploads: a file whose content does not match what it claims to be is
refused next to its field, whatever it is called, and nothing is stored; and
stored files are never served from the static or media root, only through the
views that check who may have them.

Every upload field of the project is listed in UPLOADS; a new one fails
test_every_upload_field_is_audited until it is added."""

import html
import importlib
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from issues.models import Legislator
from learning_sessions.models import LearningSession, SessionRegistration
from members.models import InvitationImport
from tests.learning_sessions.helpers import session_form_data
from tests.project import project_apps

pytestmark = [pytest.mark.audit, pytest.mark.django_db]

# What a renamed program, picture or workbook holds.
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200 + b"PE\x00\x00"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
ZIP = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 64
NUL_TEXT = b"email,full_name\x00\x00\x00garbage\x00"


def session_edit(c, field, name, content):
    session = c.learning_session()
    data = session_form_data(session, title="Typed title")
    data[field] = SimpleUploadedFile(name, content, "application/octet-stream")
    response = c.client.post(reverse("learning_sessions:edit", kwargs={"slug": session.slug}), data)
    session.refresh_from_db()
    return response, not getattr(session, field)


def attendance(c, field, name, content):
    # A session that has taken place, with someone registered: the import's page.
    session = c.learning_session(status="held", starts_at=timezone.now() - timedelta(days=1))
    SessionRegistration.objects.create(
        session=session, person=c.wg_member, confirmed_at=timezone.now()
    )
    response = c.client.post(
        reverse("learning_sessions:import_attendance", kwargs={"slug": session.slug}),
        {field: SimpleUploadedFile(name, content, "text/csv")},
    )
    return response, not session.registrations.filter(attended=True).exists()


def invitation_import(c, field, name, content):
    response = c.client.post(
        reverse("members:import"), {field: SimpleUploadedFile(name, content, "text/csv")}
    )
    return response, not InvitationImport.objects.exists()


def legislator_import(c, field, name, content):
    response = c.client.post(
        reverse("advocacy:import_legislators"),
        {field: SimpleUploadedFile(name, content, "text/csv")},
    )
    return response, not Legislator.objects.exists()


# (form, field) -> how to post a file to it, as someone allowed to.
UPLOADS = {
    ("issues.forms_advocacy.LegislatorImportForm", "file"): legislator_import,
    ("learning_sessions.forms.SessionForm", "slides_file"): session_edit,
    ("learning_sessions.forms.SessionForm", "captions_file"): session_edit,
    ("learning_sessions.forms.AttendanceImportForm", "file"): attendance,
    ("members.forms.InvitationImportForm", "file"): invitation_import,
}
# For each kind of upload, files that lie about what they are.
LIES = {
    "slides_file": [("slides.pdf", EXECUTABLE), ("slides.pptx", PNG)],
    "captions_file": [("captions.vtt", EXECUTABLE), ("captions.vtt", PNG)],
    "file": [
        ("report.csv", EXECUTABLE),
        ("people.csv", PNG),
        ("people.csv", ZIP),
        ("people.csv", NUL_TEXT),
    ],
}


def forms_modules(app):
    """An app's forms module, and its forms_<part>.py beside it (issues.forms_advocacy)."""
    names = ["forms", *sorted(path.stem for path in Path(app.path).glob("forms_*.py"))]
    for name in names:
        try:
            yield importlib.import_module(f"{app.name}.{name}")
        except ModuleNotFoundError:
            continue


def upload_fields():
    """Every (form, file field) declared in the project's forms modules."""
    found = set()
    for app in project_apps():
        for module in forms_modules(app):
            found |= _upload_fields_of(module)
    return found


def _upload_fields_of(module):
    found = set()
    for name, value in vars(module).items():
        if isinstance(value, type) and issubclass(value, forms.BaseForm):
            if value.__module__ != module.__name__:
                continue
            for field_name, field in value.base_fields.items():
                if isinstance(field, forms.FileField):
                    found.add((f"{module.__name__}.{name}", field_name))
    return found


def test_every_upload_field_is_audited():
    assert upload_fields() == set(UPLOADS)


@pytest.fixture
def c(coalition, client_as):
    coalition.client = client_as(coalition.admin)
    return coalition


CASES = [
    pytest.param(key, name, content, id=f"{key[0].rsplit('.', 1)[1]}.{key[1]}-{name}-{n}")
    for key in UPLOADS
    for n, (name, content) in enumerate(LIES[key[1]])
]


@pytest.mark.parametrize(("key", "name", "content"), CASES)
def test_a_file_whose_content_lies_is_refused_next_to_its_field(c, key, name, content):
    form, field = key

    response, nothing_stored = UPLOADS[key](c, field, name, content)

    assert response.status_code == 400, f"{form}.{field} took {name} holding {content[:8]!r}"
    page = response.content.decode()
    error = re.search(rf'id="id_{field}-error"[^>]*>\s*([^<]+)<', page)
    assert error, f"no error next to {field}"
    assert html.unescape(error.group(1)).strip()
    assert nothing_stored
    assert not any(path.is_file() for path in Path(settings.MEDIA_ROOT).rglob("*"))


def test_stored_files_live_outside_every_static_folder():
    media = Path(settings.MEDIA_ROOT).resolve()
    static_folders = [Path(settings.STATIC_ROOT), *map(Path, settings.STATICFILES_DIRS)]

    for folder in static_folders:
        folder = folder.resolve()
        assert folder != media
        assert folder not in media.parents, f"uploads would be public under {folder}"
        assert media not in folder.parents


def test_no_url_serves_the_media_root(coalition, client_as, settings):
    session = coalition.session_with_files(status="published", visibility="public")
    name = session.slides_file.name
    client = client_as(coalition.admin)

    for url in (f"/{settings.MEDIA_URL}{name}", f"/{settings.STATIC_URL}{name}", f"/{name}"):
        with pytest.raises(Resolver404):
            resolve(url)
        assert client.get(url).status_code == 404
    # Only the view that applies the session's visibility hands it out.
    download = client.get(reverse("learning_sessions:slides", kwargs={"slug": session.slug}))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert LearningSession.objects.filter(pk=session.pk).exists()
