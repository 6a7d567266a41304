import datetime
import html
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from learning_sessions import services
from learning_sessions.models import LearningSession, SessionRegistration
from tests.factories import LearningSessionFactory

pytestmark = pytest.mark.django_db(transaction=True)  # the emails go on commit


@pytest.fixture
def session():
    return LearningSessionFactory(
        title="Preparing for the session",
        status="scheduled",
        starts_at=timezone.now() + datetime.timedelta(days=14),
    )


def test_member_registers_in_one_click_and_gets_the_link_and_a_calendar_file(
    coalition, client_as, session
):
    response = client_as(coalition.partner).post(
        reverse("learning_sessions:register", kwargs={"slug": session.slug})
    )

    assert response.status_code == 302
    assert SessionRegistration.objects.get().person == coalition.partner
    (email,) = mail.outbox
    assert email.to == [coalition.partner.email]
    assert session.meeting_link in email.body
    (name, content, mimetype) = email.attachments[0]
    assert (name, mimetype) == (f"{session.slug}.ics", "text/calendar")
    assert "BEGIN:VEVENT" in (content.decode() if isinstance(content, bytes) else content)


def test_member_registers_once(coalition, session):
    services.register_member(person=coalition.partner, session=session)

    with pytest.raises(services.SessionError, match="already"):
        services.register_member(person=coalition.partner, session=session)
    with pytest.raises(IntegrityError):
        SessionRegistration.objects.create(session=session, person=coalition.partner)


def test_guest_registers_confirms_by_email_and_gets_the_link(client, session):
    url = reverse("learning_sessions:register_guest", kwargs={"slug": session.slug})

    response = client.post(
        url, {"name": "Ana Ortiz", "email": "ana@example.net", "organisation": "Family Voices"}
    )

    assert "Check your email" in response.content.decode()
    registration = SessionRegistration.objects.get()
    assert (registration.person, registration.confirmed_at) == (None, None)
    link = re.search(r"http\S+/confirm/\S+/", mail.outbox[0].body).group(0)
    path = link.split("8000", 1)[-1] if "8000" in link else link
    assert client.get(path).status_code == 200
    assert SessionRegistration.objects.get().confirmed_at is None  # nothing on a GET
    client.post(path)
    assert SessionRegistration.objects.get().confirmed_at is not None
    assert session.meeting_link in mail.outbox[1].body
    assert mail.outbox[1].attachments


def test_guest_registering_twice_makes_one_registration_and_says_the_same(client, session):
    url = reverse("learning_sessions:register_guest", kwargs={"slug": session.slug})
    data = {"name": "Ana", "email": "ana@example.net", "organisation": ""}

    def main(response):  # the page's own words; the CSRF token differs per response
        page = response.content.decode()
        return page[page.index("<main") : page.index("</main>")].replace("ANA@", "ana@")

    first = main(client.post(url, data))
    second = main(client.post(url, {**data, "email": "ANA@example.net"}))

    assert SessionRegistration.objects.count() == 1
    assert first == second


def test_guests_cannot_register_for_members_only_sessions(client):
    members_only = LearningSessionFactory(
        status="scheduled",
        visibility="members",
        starts_at=timezone.now() + datetime.timedelta(days=3),
    )

    response = client.get(
        reverse("learning_sessions:register_guest", kwargs={"slug": members_only.slug})
    )

    assert response.status_code == 404


def test_registration_for_a_past_session_is_closed(coalition):
    past = LearningSessionFactory(status="held")

    with pytest.raises(services.SessionError, match="closed"):
        services.register_member(person=coalition.partner, session=past)


def test_organisers_see_registrants_mark_attendance_and_export(coalition, client_as, session):
    import csv
    import io

    services.register_member(person=coalition.partner, session=session)
    unconfirmed = SessionRegistration.objects.create(
        session=session, guest_name="Not confirmed", guest_email="x@example.net"
    )
    client = client_as(coalition.core)
    url = reverse("learning_sessions:registrations", kwargs={"slug": session.slug})
    mine = SessionRegistration.objects.get(person=coalition.partner)

    page = client.get(url)
    client.post(url, {"attended": [str(mine.pk)]})
    assert not SessionRegistration.objects.filter(attended=True).exists()  # not yet begun
    _begin(session)
    client.post(url, {"attended": [str(mine.pk), str(unconfirmed.pk)]})
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(
                    reverse("learning_sessions:registrations_csv", kwargs={"slug": session.slug})
                ).content.decode()
            )
        )
    )

    assert [r.name for r in page.context["registrations"]] == [coalition.partner.full_name]
    assert SessionRegistration.objects.get(pk=mine.pk).attended is True
    assert rows[1][0] == coalition.partner.full_name
    assert rows[1][5] == "yes"
    assert len(rows) == 2  # unconfirmed guests are not registrants


def test_registrations_page_queries_do_not_grow(coalition, client_as, session):
    from tests.factories import UserFactory
    from tests.querycount import assert_constant_queries

    def add(n):
        for _ in range(n):
            services.register_member(person=UserFactory(), session=session)

    assert_constant_queries(
        client_as(coalition.core),
        reverse("learning_sessions:registrations", kwargs={"slug": session.slug}),
        add,
    )


# Zoom's participant report "with meeting data": the meeting's own table (its
# "User Email" is the host's) comes first.
ZOOM_REPORT = (
    "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\n"
    "812 3456 7890,Preparing for the session,11/19/2026 12:00,11/19/2026 13:02,"
    "host@example.org,62,3\n"
    "\n"
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
    "Ana Ortiz,ANA@example.net,11/19/2026 11:58,11/19/2026 13:00,62\n"
    "Someone Else,walk.in@example.org,11/19/2026 12:05,11/19/2026 12:40,35\n"
    "Phone caller,,11/19/2026 12:10,11/19/2026 12:50,40\n"
)


def _begin(session):
    LearningSession.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    session.refresh_from_db()


def _import(client, session, content: bytes, name="participants.csv"):
    return client.post(
        reverse("learning_sessions:import_attendance", kwargs={"slug": session.slug}),
        {"file": SimpleUploadedFile(name, content, "text/csv")},
    )


def test_organisers_import_attendance_from_the_meeting_report(coalition, client_as, session):
    member = services.register_member(person=coalition.partner, session=session)
    guest = SessionRegistration.objects.create(
        session=session, guest_name="Ana Ortiz", guest_email="ana@example.net",
        confirmed_at=timezone.now(),
    )  # fmt: skip
    report = ZOOM_REPORT + f"Priya,{coalition.partner.email},11/19/2026 12:00,,60\n"
    client = client_as(coalition.core)
    early = _import(client, session, report.encode())
    assert "once the session has begun" in early.content.decode()
    _begin(session)

    response = _import(client, session, report.encode())

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "2 registrations marked attended" in page
    assert "Line 6: walk.in@example.org" in page
    assert "Line 2: host@example.org" in page
    member.refresh_from_db()
    guest.refresh_from_db()
    assert member.attended and guest.attended


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Name,Joined\nAna,12:00\n", "No column headed “Email”"),
        (b"Name,Email\nAna,\n", "has no email addresses in it"),
        (b"MZ\x90\x00\xff\xfe\x00binary", "is not a CSV text file"),
        (b"Email\n" + b"x" * 140_000, "could not be read as CSV"),  # past csv's field limit
    ],
)
def test_a_report_that_cannot_be_read_is_explained_next_to_the_field(
    coalition, client_as, session, content, message
):
    services.register_member(person=coalition.partner, session=session)
    _begin(session)

    response = _import(client_as(coalition.core), session, content)

    assert response.status_code == 400
    error = re.search(r'id="id_file-error"[^>]*>([^<]*)<', response.content.decode())
    assert error
    assert message in html.unescape(error.group(1))
    assert not SessionRegistration.objects.filter(attended=True).exists()


def test_every_email_to_a_guest_carries_the_same_working_link(client, session):
    url = reverse("learning_sessions:register_guest", kwargs={"slug": session.slug})
    data = {"name": "Pat Guest", "email": "pat@example.net", "organisation": "Old Org"}
    client.post(url, data)
    client.post(url, {**data, "name": "Pat Guest-Smith", "organisation": "New Org"})

    links = [re.search(r"https?://\S+/confirm/\S+/", m.body).group(0) for m in mail.outbox]
    assert len(links) == 2
    assert links[0] == links[1]
    registration = SessionRegistration.objects.get()
    assert (registration.guest_name, registration.guest_organisation) == (
        "Pat Guest-Smith",
        "New Org",
    )
    response = client.post(links[0].split("127.0.0.1:8000", 1)[-1])
    assert "You are registered" in response.content.decode()


def test_a_member_is_not_registered_twice_through_the_guest_form(coalition, client, session):
    services.register_member(person=coalition.partner, session=session)
    mail.outbox.clear()

    client.post(
        reverse("learning_sessions:register_guest", kwargs={"slug": session.slug}),
        {"name": "Priya", "email": coalition.partner.email.upper(), "organisation": ""},
    )

    assert session.registrations.count() == 1
    assert mail.outbox == []


def test_a_guest_who_joins_the_coalition_keeps_their_place_as_a_member(coalition, session):
    SessionRegistration.objects.create(
        session=session, guest_name="Priya", guest_email=coalition.partner.email,
        confirmed_at=timezone.now(),
    )  # fmt: skip

    services.register_member(person=coalition.partner, session=session)

    registration = session.registrations.get()
    assert registration.person == coalition.partner
    assert registration.guest_email == ""


def test_members_and_guests_cancel_their_places(coalition, client, client_as, session):
    services.register_member(person=coalition.partner, session=session)
    client.post(
        reverse("learning_sessions:register_guest", kwargs={"slug": session.slug}),
        {"name": "Ana", "email": "ana@example.net", "organisation": ""},
    )
    link = re.search(r"https?://\S+/confirm/\S+/", mail.outbox[-1].body).group(0)
    path = link.split("127.0.0.1:8000", 1)[-1]
    client.post(path)  # confirmed

    member = client_as(coalition.partner).post(
        reverse("learning_sessions:unregister", kwargs={"slug": session.slug})
    )
    guest = client.post(path, {"action": "cancel"})

    assert member.status_code == 302
    assert "Your registration is cancelled" in guest.content.decode()
    assert not session.registrations.exists()


def test_the_guest_form_of_a_past_session_says_it_is_closed(client):
    past = LearningSessionFactory()

    page = client.get(reverse("learning_sessions:register_guest", kwargs={"slug": past.slug}))

    assert "is closed" in page.content.decode()
    assert "<form" not in page.content.decode().split("<main", 1)[-1]
