"""The Open States client and `manage.py refresh_legislators`, replayed from
recorded responses (tests/issues/advocacy/recorded/): no network."""

import io
import json
import urllib.error
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from issues import legislators_api
from issues.models import AdvocacyChange, Legislator
from tests.factories import LegislatorFactory

RECORDED = Path(__file__).parent / "recorded"


def replay(*, api_key, org_classification, page):
    assert api_key == "test-key"
    return json.loads((RECORDED / f"people_{org_classification}_page{page}.json").read_text())


@pytest.fixture
def recorded(monkeypatch):
    monkeypatch.setattr(legislators_api, "fetch_page", replay)


def refresh(settings, key="test-key") -> str:
    settings.OPENSTATES_API_KEY = key
    out = io.StringIO()
    call_command("refresh_legislators", stdout=out)
    return out.getvalue()


def test_people_are_mapped_to_the_register(recorded):
    people, notes = legislators_api.fetch_legislators(api_key="test-key")

    assert [(p.full_name, p.chamber, p.district, p.party) for p in people] == [
        ("Dana Whitfield", "assembly", 12, "D"),
        ("Henrik Olsen", "assembly", 70, "R"),
        ("Rosa Delgado-Marsh", "assembly", 33, "I"),
        ("Marcus Lindqvist", "senate", 5, "R"),
    ]
    dana = people[0]
    assert dana.external_id == "ocd-person/2b1f8c1e-0a3d-4d6b-9f10-3c2a8e7d1a01"
    assert dana.office_email == "rep.whitfield@legis.wisconsin.gov"
    # The Capitol office comes first even when the service lists it second.
    assert dana.office_phone == "(608) 555-0112"
    assert dana.office_address == "Room 12 North, State Capitol, PO Box 8953, Madison, WI 53708"
    assert notes == ["Vacancy Placeholder: district 'At-Large' is not a number."]


def test_fetch_page_asks_with_the_key_and_reads_json(monkeypatch):
    asked = {}

    def urlopen(request, timeout):
        asked["url"], asked["key"] = request.full_url, request.get_header("X-api-key")
        return io.BytesIO(b'{"results": [], "pagination": {"max_page": 1}}')

    monkeypatch.setattr(legislators_api.urllib.request, "urlopen", urlopen)

    answer = legislators_api.fetch_page(api_key="k", org_classification="upper", page=2)

    assert answer == {"results": [], "pagination": {"max_page": 1}}
    assert asked["key"] == "k"
    assert asked["url"].startswith("https://v3.openstates.org/people?jurisdiction=Wisconsin")
    assert "org_classification=upper" in asked["url"]
    assert "page=2" in asked["url"]
    assert "include=offices" in asked["url"]


@pytest.mark.parametrize(
    ("failure", "message"),
    [
        (
            urllib.error.HTTPError("u", 401, "Unauthorized", {}, None),
            "Open States answered 401 Unauthorized. Check OPENSTATES_API_KEY.",
        ),
        (urllib.error.URLError("no route"), "Open States could not be reached"),
    ],
)
def test_fetch_page_turns_failures_into_api_errors(monkeypatch, failure, message):
    def urlopen(request, timeout):
        raise failure

    monkeypatch.setattr(legislators_api.urllib.request, "urlopen", urlopen)

    with pytest.raises(legislators_api.ApiError, match=message):
        legislators_api.fetch_page(api_key="k", org_classification="lower", page=1)


def test_an_answer_that_is_not_json_is_an_api_error(monkeypatch):
    monkeypatch.setattr(
        legislators_api.urllib.request, "urlopen", lambda request, timeout: io.BytesIO(b"<html>")
    )

    with pytest.raises(legislators_api.ApiError, match="not JSON"):
        legislators_api.fetch_page(api_key="k", org_classification="lower", page=1)


def test_without_a_key_the_command_says_so_and_changes_nothing(db, settings):
    output = refresh(settings, key="")

    assert "OPENSTATES_API_KEY is not set" in output
    assert "works fully without it" in output
    assert not Legislator.objects.exists()


@pytest.mark.django_db
def test_the_command_creates_legislators_and_records_them(recorded, settings):
    output = refresh(settings)

    assert "4 added, 0 updated, 0 unchanged" in output
    assert "Not taken: Vacancy Placeholder" in output
    assert Legislator.objects.count() == 4
    assert AdvocacyChange.objects.filter(subject="legislator", action="created").count() == 4
    assert AdvocacyChange.objects.filter(actor__isnull=True).count() == 4


@pytest.mark.django_db
def test_a_second_refresh_changes_nothing(recorded, settings):
    refresh(settings)
    recorded_changes = AdvocacyChange.objects.count()

    output = refresh(settings)

    assert "0 added, 0 updated, 4 unchanged" in output
    assert AdvocacyChange.objects.count() == recorded_changes


@pytest.mark.django_db
def test_a_typed_legislator_is_matched_by_seat_and_keeps_what_the_service_lacks(recorded, settings):
    typed = LegislatorFactory(
        full_name="Rosa Delgado-Marsh", chamber="assembly", district=33, party="D",
        office_email="rosa@legis.example.gov", office_phone="(608) 555-0133", staff="Ana, aide",
    )  # fmt: skip

    output = refresh(settings)

    assert "3 added, 1 updated" in output
    typed.refresh_from_db()
    assert typed.external_id == "ocd-person/8e9f0a1b-2c3d-4e5f-a6b7-c8d9e0f1a203"
    assert typed.party == "I"
    assert (typed.office_email, typed.office_phone, typed.staff) == (
        "rosa@legis.example.gov",
        "(608) 555-0133",
        "Ana, aide",
    )
    change = AdvocacyChange.objects.filter(subject_id=typed.pk, action="changed").get()
    assert change.changes["party"] == ["D", "I"]


@pytest.mark.django_db
def test_a_legislator_matched_by_external_id_follows_a_new_seat(recorded, settings):
    moved = LegislatorFactory(
        full_name="Marcus Lindqvist", chamber="assembly", district=40,
        external_id="ocd-person/1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f05",
    )  # fmt: skip

    refresh(settings)

    moved.refresh_from_db()
    assert (moved.chamber, moved.district) == ("senate", 5)


@pytest.mark.django_db
def test_a_failing_service_stops_the_command_with_nothing_changed(monkeypatch, settings):
    def failing(**kwargs):
        raise legislators_api.ApiError("Open States answered 503 Service Unavailable.")

    monkeypatch.setattr(legislators_api, "fetch_page", failing)

    with pytest.raises(CommandError, match="503"):
        refresh(settings)
    assert not Legislator.objects.exists()
