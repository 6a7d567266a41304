import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from summits import services
from summits.models import Registration, Summit
from tests.factories import RegistrationFactory, SummitFactory, UserFactory
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db


def summit_data(**overrides):
    data = {
        "title": "Winter Summit",
        "date": "2027-01-21",
        "start_time": "09:00",
        "end_time": "13:00",
        "format": "virtual",
        "venue": "",
        "address": "",
        "meeting_link": "https://zoom.example.org/j/winter",
        "agenda": "1. Papers",
    }
    data.update(overrides)
    return data


def test_core_member_plans_a_summit_in_their_time_zone(coalition, client_as):
    coalition.core.time_zone = "America/Chicago"
    coalition.core.save(update_fields=["time_zone"])

    response = client_as(coalition.core).post(reverse("summits:create"), summit_data())

    summit = Summit.objects.get()
    assert response["Location"] == summit.get_absolute_url()
    assert summit.slug == "winter-summit-2027"
    assert summit.starts_at == datetime.datetime(2027, 1, 21, 15, 0, tzinfo=datetime.UTC)
    assert summit.created_by == coalition.core


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"format": "in_person", "meeting_link": ""}, "venue", "Say where the summit meets."),
        ({"meeting_link": ""}, "meeting_link", "Give the link people join by."),
        ({"end_time": "08:00"}, "end_time", "The summit ends after it starts."),
    ],
)
def test_summit_form_says_what_is_missing_and_keeps_the_text(
    coalition, client_as, overrides, field, message
):
    response = client_as(coalition.core).post(
        reverse("summits:create"), summit_data(agenda="My agenda", **overrides)
    )

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert "My agenda" in response.content.decode()
    assert not Summit.objects.exists()


def test_create_summit_by_chair_is_refused(coalition):
    with pytest.raises(services.NotAllowed):
        services.create_summit(
            actor=coalition.wg_chair,
            **{name: "" for name in services.SUMMIT_FIELDS},
        )


def test_member_registers_changes_mode_and_cancels(coalition, client_as):
    summit = SummitFactory()
    client = client_as(coalition.partner)
    url = reverse("summits:register", kwargs={"slug": summit.slug})

    client.post(url, {"mode": "in_person"})
    client.post(url, {"mode": "online"})

    assert list(Registration.objects.values_list("person", "mode")) == [
        (coalition.partner.pk, "online")
    ]
    client.post(reverse("summits:unregister", kwargs={"slug": summit.slug}))
    assert not Registration.objects.exists()


def test_virtual_summit_takes_online_registration_only(coalition):
    summit = SummitFactory(format="virtual", venue="")

    with pytest.raises(services.SummitError, match="Choose how you will attend"):
        services.register(person=coalition.partner, summit=summit, mode="in_person")


def test_registration_for_a_past_summit_is_closed(coalition, client_as):
    summit = SummitFactory(starts_at=timezone.now() - datetime.timedelta(days=30))

    response = client_as(coalition.partner).post(
        reverse("summits:register", kwargs={"slug": summit.slug}), {"mode": "online"}, follow=True
    )

    assert "Registration is closed" in response.content.decode()
    assert not Registration.objects.exists()


def test_one_registration_per_person_is_a_database_rule(coalition):
    from django.db import IntegrityError

    summit = SummitFactory()
    RegistrationFactory(summit=summit, person=coalition.partner)

    with pytest.raises(IntegrityError):
        Registration.objects.create(summit=summit, person=coalition.partner, mode="online")


def test_summit_list_splits_upcoming_and_past_and_shows_mine(coalition, client_as):
    upcoming = SummitFactory(title="Winter Summit")
    SummitFactory(title="Summer Summit", starts_at=timezone.now() - datetime.timedelta(days=90))
    RegistrationFactory(summit=upcoming, person=coalition.partner, mode="online")

    response = client_as(coalition.partner).get(reverse("summits:list"))

    assert [s.title for s in response.context["upcoming"]] == ["Winter Summit"]
    assert [s.title for s in response.context["past"]] == ["Summer Summit"]
    assert "Registered (online)" in response.content.decode()


def test_summit_list_queries_do_not_grow(coalition, client_as):
    def add(n):
        for _ in range(n):
            RegistrationFactory(summit=SummitFactory(), person=coalition.partner)

    assert_constant_queries(client_as(coalition.partner), reverse("summits:list"), add)


def test_registrations_page_queries_do_not_grow(coalition, client_as):
    summit = SummitFactory()

    def add(n):
        for _ in range(n):
            RegistrationFactory(summit=summit)

    assert_constant_queries(
        client_as(coalition.core),
        reverse("summits:registrations", kwargs={"slug": summit.slug}),
        add,
    )


def test_registrations_csv_lists_people_and_keeps_cells_text(coalition, client_as):
    summit = SummitFactory()
    RegistrationFactory(summit=summit, person=UserFactory(full_name="=HYPERLINK(1)"))

    response = client_as(coalition.core).get(
        reverse("summits:registrations_csv", kwargs={"slug": summit.slug})
    )

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["name", "email", "organisation", "sector", "attending", "registered"]
    assert rows[1][0] == "'=HYPERLINK(1)"
    assert rows[1][4] == "In person"


def test_summit_page_shows_what_was_reviewed_and_what_came_of_it(coalition, client_as):
    feedback_round = coalition.feedback_round()

    page = client_as(coalition.partner).get(feedback_round.summit.get_absolute_url())

    reviewed = page.context["reviewed"]
    assert [(item.feedback_count, item.revision.paper.state) for item in reviewed] == [
        (0, "under_review")
    ]
    assert "now under review" in page.content.decode()
