import datetime
import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from issues.models import (
    AdvocacyChange,
    Bill,
    BillStatusChange,
    Committee,
    Legislator,
    OrganisationDistrict,
)
from tests.factories import (
    BillFactory,
    CommitteeFactory,
    ContactFactory,
    LegislatorFactory,
    OrganisationFactory,
)
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db

LEGISLATORS = reverse("advocacy:legislators")
BILLS = reverse("advocacy:bills")
DISTRICTS = reverse("advocacy:districts")


def names(response):
    return [legislator.full_name for legislator in response.context["page"]]


def legislator_data(**overrides):
    data = {
        "full_name": "Dana Whitfield",
        "chamber": "assembly",
        "district": "12",
        "party": "D",
        "office_phone": "(608) 555-0112",
        "office_email": "rep.whitfield@legis.example.gov",
        "office_address": "Room 12 North, State Capitol",
        "staff": "Lee Park, scheduler",
        "term_start": "2025-01-06",
        "term_end": "2027-01-04",
        "external_id": "",
    }
    return {**data, **overrides}


def changes_of(subject, subject_id):
    return list(
        AdvocacyChange.objects.filter(subject=subject, subject_id=subject_id).order_by("pk")
    )


def error_next_to(response, field) -> str:
    """The error text shown next to a field, as the field include renders it."""
    page = response.content.decode()
    marker = f'id="id_{field}-error"'
    assert marker in page, f"no error next to {field}"
    start = page.index(">", page.index(marker)) + 1
    return html.unescape(page[start : page.index("<", start)]).strip()


# Legislators: the list ---------------------------------------------------------


def test_legislators_are_sorted_by_chamber_then_district(coalition, client_as):
    LegislatorFactory(full_name="Senator Five", chamber="senate", district=5)
    LegislatorFactory(full_name="Rep Seventy", chamber="assembly", district=70)
    LegislatorFactory(full_name="Rep Twelve", chamber="assembly", district=12)

    response = client_as(coalition.partner).get(LEGISLATORS)

    assert names(response) == ["Rep Twelve", "Rep Seventy", "Senator Five"]


def test_legislator_filters_combine(coalition, client_as):
    health = CommitteeFactory(chamber="assembly", name="Health")
    wanted = LegislatorFactory(full_name="Dana Whitfield", chamber="assembly", party="D")
    wanted.committees.add(health)
    LegislatorFactory(full_name="Dana Other", chamber="assembly", party="R").committees.add(health)
    LegislatorFactory(full_name="Dana Senate", chamber="senate", district=3, party="D")

    response = client_as(coalition.partner).get(
        LEGISLATORS, {"chamber": "assembly", "party": "D", "committee": health.pk, "q": "dana"}
    )

    assert names(response) == ["Dana Whitfield"]


def test_legislator_search_finds_a_district_number(coalition, client_as):
    LegislatorFactory(full_name="Dana Whitfield", district=12)
    LegislatorFactory(full_name="Marcus Lindqvist", district=21)

    response = client_as(coalition.partner).get(LEGISLATORS, {"q": "12"})

    assert names(response) == ["Dana Whitfield"]


def test_legislator_rows_link_to_the_legislator_page(coalition, client_as):
    legislator = LegislatorFactory(full_name="Dana Whitfield")

    response = client_as(coalition.partner).get(LEGISLATORS)

    assert reverse("advocacy:legislator", kwargs={"pk": legislator.pk}) in response.content.decode()


def test_only_admins_see_add_and_import(coalition, client_as):
    add = reverse("advocacy:add_legislator")

    as_core = client_as(coalition.core).get(LEGISLATORS).content.decode()
    as_admin = client_as(coalition.admin).get(LEGISLATORS).content.decode()

    assert add not in as_core
    assert add in as_admin
    assert reverse("advocacy:import_legislators") in as_admin


def test_legislator_list_queries_do_not_grow_with_rows(coalition, client_as):
    committee = CommitteeFactory()

    def add(n):
        for _ in range(n):
            LegislatorFactory().committees.add(committee, CommitteeFactory(name="Health"))

    assert_constant_queries(client_as(coalition.admin), LEGISLATORS, add)


# Legislators: add and edit ------------------------------------------------------


def test_an_admin_adds_a_legislator_and_it_is_recorded(coalition, client_as):
    health = CommitteeFactory(name="Health")

    response = client_as(coalition.admin).post(
        reverse("advocacy:add_legislator"), legislator_data(committees=[health.pk])
    )

    assert response.status_code == 302
    legislator = Legislator.objects.get()
    assert (legislator.full_name, legislator.district, legislator.term_end) == (
        "Dana Whitfield",
        12,
        datetime.date(2027, 1, 4),
    )
    assert list(legislator.committees.all()) == [health]
    (change,) = changes_of("legislator", legislator.pk)
    assert (change.action, change.actor) == ("created", coalition.admin)
    assert change.changes["committees"] == [None, ["Assembly Committee on Health"]]


def test_a_district_outside_the_chamber_is_refused_next_to_the_field(coalition, client_as):
    response = client_as(coalition.admin).post(
        reverse("advocacy:add_legislator"),
        legislator_data(full_name="Typed Name", chamber="senate", district="40"),
    )

    assert response.status_code == 400
    assert error_next_to(response, "district") == "Senate districts run from 1 to 33."
    assert 'value="Typed Name"' in response.content.decode()
    assert not Legislator.objects.exists()


def test_the_same_seat_and_name_is_a_form_error_not_a_crash(coalition, client_as):
    LegislatorFactory(full_name="Dana Whitfield", chamber="assembly", district=12)

    response = client_as(coalition.admin).post(
        reverse("advocacy:add_legislator"), legislator_data(full_name="dana WHITFIELD")
    )

    assert response.status_code == 400
    assert "already holds this seat" in error_next_to(response, "full_name")
    assert Legislator.objects.count() == 1


def test_an_external_id_taken_is_a_form_error(coalition, client_as):
    LegislatorFactory(external_id="ocd-person/1")

    response = client_as(coalition.admin).post(
        reverse("advocacy:add_legislator"), legislator_data(external_id="ocd-person/1")
    )

    assert response.status_code == 400
    assert error_next_to(response, "external_id") == "Another legislator has this external id."


def test_a_term_cannot_end_before_it_starts(coalition, client_as):
    response = client_as(coalition.admin).post(
        reverse("advocacy:add_legislator"), legislator_data(term_end="2024-01-01")
    )

    assert response.status_code == 400
    assert error_next_to(response, "term_end") == "The term cannot end before it starts."


def test_editing_a_legislator_records_old_and_new(coalition, client_as):
    legislator = LegislatorFactory(full_name="Dana Whitfield", district=12, office_phone="1")

    response = client_as(coalition.admin).post(
        reverse("advocacy:edit_legislator", kwargs={"pk": legislator.pk}),
        legislator_data(office_phone="(608) 555-0199"),
    )

    assert response.status_code == 302
    legislator.refresh_from_db()
    assert legislator.office_phone == "(608) 555-0199"
    change = changes_of("legislator", legislator.pk)[-1]
    assert change.action == "changed"
    assert change.changes["office_phone"] == ["1", "(608) 555-0199"]


def test_editing_keeps_its_own_name_and_seat(coalition, client_as):
    legislator = LegislatorFactory(full_name="Dana Whitfield", district=12)

    response = client_as(coalition.admin).post(
        reverse("advocacy:edit_legislator", kwargs={"pk": legislator.pk}), legislator_data()
    )

    assert response.status_code == 302


def test_saving_without_a_change_records_nothing(coalition, client_as):
    legislator = LegislatorFactory(**{
        "full_name": "Dana Whitfield", "district": 12, "office_phone": "(608) 555-0112",
        "office_email": "rep.whitfield@legis.example.gov",
        "office_address": "Room 12 North, State Capitol", "staff": "Lee Park, scheduler",
        "term_start": datetime.date(2025, 1, 6), "term_end": datetime.date(2027, 1, 4),
    })  # fmt: skip

    client_as(coalition.admin).post(
        reverse("advocacy:edit_legislator", kwargs={"pk": legislator.pk}), legislator_data()
    )

    assert changes_of("legislator", legislator.pk) == []


# Legislators: the CSV import ------------------------------------------------------

HEADER = "name,chamber,district,party,committees,phone,email,address,staff,term_start,term_end,external_id\n"  # noqa: E501


def upload(client, text, name="legislators.csv"):
    return client.post(
        reverse("advocacy:import_legislators"),
        {"file": SimpleUploadedFile(name, text.encode(), "text/csv")},
    )


def test_the_import_creates_rows_and_reports_bad_ones_by_line(coalition, client_as):
    text = HEADER + (
        "Dana Whitfield,Assembly,12,D,Health;Mental Health,(608) 555-0112,d@legis.example.gov,"
        ",,2025-01-06,2027-01-04,\n"
        "Marcus Lindqvist,Senate,5,Republican,Health,,,,,,,ocd-person/5\n"
        "Nobody,Council,3,D,,,,,,,,\n"
        "Too Far,Senate,40,D,,,,,,,,\n"
        "Bad Mail,Assembly,8,D,,,not-an-email,,,,,\n"
        ",Assembly,9,D,,,,,,,,\n"
    )

    response = upload(client_as(coalition.admin), text)

    assert response.status_code == 200
    result = response.context["result"]
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    assert [(line, reason) for line, _, reason in result.errors] == [
        (4, "Chamber 'Council' must be Assembly or Senate."),
        (5, "Senate districts run from 1 to 33."),
        (6, "'not-an-email' is not a valid email address."),
        (7, "The name is empty."),
    ]
    dana = Legislator.objects.get(full_name="Dana Whitfield")
    assert sorted(c.name for c in dana.committees.all()) == ["Health", "Mental Health"]
    marcus = Legislator.objects.get(external_id="ocd-person/5")
    assert (marcus.chamber, marcus.party) == ("senate", "R")
    assert [str(c) for c in marcus.committees.all()] == ["Senate Committee on Health"]
    assert Committee.objects.count() == 3  # Health in each chamber, Mental Health
    assert AdvocacyChange.objects.filter(subject="legislator", action="created").count() == 2
    page = response.content.decode()
    assert "2 legislators added, 0 updated, 0 unchanged" in page
    assert "Senate districts run from 1 to 33." in page


def test_the_import_updates_by_external_id_then_by_seat_and_name(coalition, client_as):
    by_id = LegislatorFactory(full_name="Old Name", chamber="senate", district=5,
                              external_id="ocd-person/5")  # fmt: skip
    by_seat = LegislatorFactory(full_name="Dana Whitfield", chamber="assembly", district=12)
    text = HEADER + (
        "Marcus Lindqvist,Senate,5,R,,,,,,,,ocd-person/5\n"
        "DANA WHITFIELD,assembly,12,D,,(608) 555-0112,,,,,,ocd-person/12\n"
    )

    response = upload(client_as(coalition.admin), text)

    result = response.context["result"]
    assert (result.created, result.updated, result.errors) == (0, 2, [])
    by_id.refresh_from_db()
    by_seat.refresh_from_db()
    assert (by_id.full_name, by_id.party) == ("Marcus Lindqvist", "R")
    assert (by_seat.office_phone, by_seat.external_id) == ("(608) 555-0112", "ocd-person/12")
    change = changes_of("legislator", by_id.pk)[-1]
    assert change.changes["full_name"] == ["Old Name", "Marcus Lindqvist"]


def test_a_column_the_file_leaves_out_is_left_as_it_is(coalition, client_as):
    legislator = LegislatorFactory(full_name="Dana Whitfield", district=12, office_phone="1")
    legislator.committees.add(CommitteeFactory(name="Health"))

    response = upload(
        client_as(coalition.admin), "name,chamber,district,party\nDana Whitfield,Assembly,12,R\n"
    )

    assert response.context["result"].updated == 1
    legislator.refresh_from_db()
    assert (legislator.party, legislator.office_phone) == ("R", "1")
    assert legislator.committees.count() == 1


def test_an_empty_cell_leaves_the_detail_as_it_is(coalition, client_as):
    legislator = LegislatorFactory(
        full_name="Karen Holmgren", district=3, office_phone="(608) 555-0103",
        office_email="rep.holmgren@legis.example.gov",
    )  # fmt: skip
    legislator.committees.add(CommitteeFactory(name="Health"))

    response = upload(client_as(coalition.admin), HEADER + "Karen Holmgren,Assembly,3,R,,,,,,,,\n")

    assert response.context["result"].updated == 1
    legislator.refresh_from_db()
    assert legislator.party == "R"
    assert (legislator.office_phone, legislator.office_email) == (
        "(608) 555-0103",
        "rep.holmgren@legis.example.gov",
    )
    assert legislator.committees.count() == 1


def test_the_same_legislator_twice_in_a_file_is_reported(coalition, client_as):
    text = HEADER + ("Dana Whitfield,Assembly,12,D,,,,,,,,\ndana whitfield,Assembly,12,R,,,,,,,,\n")

    response = upload(client_as(coalition.admin), text)

    result = response.context["result"]
    assert result.created == 1
    assert result.errors == [[3, "dana whitfield", "The same legislator is on line 2."]]


def test_importing_the_same_file_again_changes_nothing(coalition, client_as):
    text = HEADER + "Dana Whitfield,Assembly,12,D,Health,,,,,2025-01-06,,ocd-person/12\n"
    client = client_as(coalition.admin)
    upload(client, text)
    recorded = AdvocacyChange.objects.count()

    response = upload(client, text)

    assert response.context["result"].unchanged == 1
    assert AdvocacyChange.objects.count() == recorded


def test_a_file_without_the_required_columns_is_refused_next_to_the_field(coalition, client_as):
    response = upload(client_as(coalition.admin), "name,district\nDana,12\n")

    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "Nothing was imported. The first line must name the columns; missing: chamber, party."
    ]
    assert not Legislator.objects.exists()


def test_a_file_of_too_many_rows_is_refused_whole(coalition, client_as, monkeypatch):
    monkeypatch.setattr("issues.services.advocacy_import.MAX_ROWS", 2)
    rows = "".join(f"Member {n},Assembly,{n},D,,,,,,,,\n" for n in range(1, 4))

    response = upload(client_as(coalition.admin), HEADER + rows)

    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "Nothing was imported. The file has more than 2 rows; split it."
    ]
    assert not Legislator.objects.exists()


def test_a_file_that_is_not_utf8_is_reported(coalition, client_as):
    response = client_as(coalition.admin).post(
        reverse("advocacy:import_legislators"),
        {"file": SimpleUploadedFile("l.csv", HEADER.encode() + "Jos\xe9,Assembly,1,D\n".encode(
            "latin-1"), "text/csv")},
    )  # fmt: skip

    assert response.status_code == 400
    assert "not UTF-8" in response.context["form"].errors["file"][0]


def test_a_file_over_two_megabytes_is_refused_next_to_the_field(coalition, client_as):
    big = HEADER + "x" * (2 * 1024 * 1024)

    response = upload(client_as(coalition.admin), big)

    assert response.status_code == 400
    assert error_next_to(response, "file").startswith("The file is larger than 2 MB")


def test_a_file_not_named_csv_is_refused(coalition, client_as):
    response = upload(client_as(coalition.admin), HEADER, name="legislators.xlsx")

    assert response.status_code == 400
    assert "Upload a .csv file" in error_next_to(response, "file")


# Legislators: the import's committees -------------------------------------------


MH = "Mental Health and Substance Abuse Prevention"


def committee_row(committees, name="Dana Whitfield", chamber="Assembly", district=12):
    return f'{name},{chamber},{district},D,"{committees}",,,,,,,\n'


@pytest.mark.parametrize(
    ("chamber", "typed", "meant"),
    [
        ("Assembly", "Mental Health & Substance Abuse Prevention", MH),
        ("Assembly", "  mental health and substance-abuse prevention. ", MH),
        ("Assembly", f"Assembly Committee on {MH}", MH),
        ("Assembly", "HEALTH AGING & LONG TERM CARE COMMITTEE", "Health, Aging and Long-Term Care"),
        ("Assembly", "Joint Committee on Finance", "Joint Finance"),
        ("Senate", "Senate Committee on Health", "Health"),
        ("Senate", "Committee on Health", "Health"),
        ("Senate", "Health Committee", "Health"),
    ],
)  # fmt: skip
def test_the_import_matches_a_committee_name_written_differently(
    coalition, client_as, chamber, typed, meant
):
    CommitteeFactory(chamber="assembly", name=MH)
    CommitteeFactory(chamber="assembly", name="Health, Aging and Long-Term Care")
    CommitteeFactory(chamber="assembly", name="Joint Finance")
    CommitteeFactory(chamber="senate", name="Health")
    CommitteeFactory(chamber="senate", name="Mental Health, Substance Abuse Prevention")

    response = upload(client_as(coalition.admin), HEADER + committee_row(typed, chamber=chamber))

    result = response.context["result"]
    assert (result.created, result.errors, result.committees_added) == (1, [], [])
    legislator = Legislator.objects.get()
    assert [(c.chamber, c.name) for c in legislator.committees.all()] == [(chamber.lower(), meant)]
    assert Committee.objects.count() == 5


@pytest.mark.parametrize(
    "typed",
    [
        "Health",
        "Committee on Health",
        "Assembly Committee on Health",
        "Health, Aging",
        "Health, Aging and Long-Term Care Reform",
        "Helth, Aging and Long-Term Care",
    ],
)
def test_a_committee_name_only_like_one_is_refused_with_the_suggestion(coalition, client_as, typed):
    CommitteeFactory(chamber="assembly", name="Health, Aging and Long-Term Care")
    text = HEADER + (
        "Marcus Lindqvist,Assembly,5,R,,,,,,,,\n"
        + committee_row(f"Rural Affairs;{typed}", district=7)
    )

    response = upload(client_as(coalition.admin), text)

    result = response.context["result"]
    message = (
        f'No Assembly committee is called "{typed}". Did you mean '
        '"Health, Aging and Long-Term Care"? Use the committee\'s full name.'
    )
    assert result.errors == [[3, "Dana Whitfield", message]]
    assert result.created == 1
    assert list(Legislator.objects.values_list("full_name", flat=True)) == ["Marcus Lindqvist"]
    assert list(Committee.objects.values_list("name", flat=True)) == [
        "Health, Aging and Long-Term Care"
    ]  # not even the row's Rural Affairs
    assert message in html.unescape(response.content.decode())


def test_a_look_alike_names_every_candidate_most_alike_first(coalition, client_as):
    CommitteeFactory(chamber="assembly", name="Mental Health and Substance Abuse Prevention")
    CommitteeFactory(chamber="assembly", name="Mental Health Reform")
    CommitteeFactory(chamber="senate", name="Mental Health")

    response = upload(client_as(coalition.admin), HEADER + committee_row("Mental Health"))

    assert response.context["result"].errors == [[2, "Dana Whitfield", (
        'No Assembly committee is called "Mental Health". Did you mean "Mental Health Reform" '
        'or "Mental Health and Substance Abuse Prevention"? Use the committee\'s full name.'
    )]]  # fmt: skip


def test_a_committee_like_no_other_is_added_and_listed_on_the_result_page(coalition, client_as):
    CommitteeFactory(chamber="assembly", name="Health, Aging and Long-Term Care")
    text = HEADER + (
        committee_row("Assembly Committee on Rural Affairs")
        + committee_row("Health", name="Marcus Lindqvist", chamber="Senate", district=5)
    )

    response = upload(client_as(coalition.admin), text)

    result = response.context["result"]
    assert (result.created, result.errors) == (2, [])
    rural = Committee.objects.get(chamber="assembly", name="Rural Affairs")
    health = Committee.objects.get(
        chamber="senate", name="Health"
    )  # the other chamber's is no match
    assert result.committees_added == [(2, rural), (3, health)]
    dana = Legislator.objects.get(full_name="Dana Whitfield")
    (change,) = changes_of("legislator", dana.pk)
    assert change.changes["committees"] == [None, ["Assembly Committee on Rural Affairs"]]
    page = response.content.decode()
    assert "Committees added" in page
    assert (
        '<th scope="row">2</th>\n            <td>Assembly</td>\n            <td>Rural Affairs</td>'
        in page
    )
    assert (
        '<th scope="row">3</th>\n            <td>Senate</td>\n            <td>Health</td>' in page
    )


def test_an_import_adding_no_committee_says_so(coalition, client_as):
    CommitteeFactory(chamber="assembly", name="Rural Affairs")

    response = upload(client_as(coalition.admin), HEADER + committee_row("rural affairs"))

    assert response.context["result"].committees_added == []
    assert "None: every committee was already known." in response.content.decode()


def test_look_alike_new_committees_in_one_file_become_one(coalition, client_as):
    text = HEADER + (
        committee_row("Rural Affairs", name="One", district=1)
        + committee_row("Rural affairs.;RURAL AFFAIRS", name="Two", district=2)
        + committee_row("Rural Affairs Committee", name="Three", district=3)
        + committee_row("Rural Affair", name="Four", district=4)
    )

    response = upload(client_as(coalition.admin), text)

    result = response.context["result"]
    rural = Committee.objects.get()
    assert rural.name == "Rural Affairs"
    assert result.committees_added == [(2, rural)]
    assert sorted(rural.members.values_list("full_name", flat=True)) == ["One", "Three", "Two"]
    assert result.errors == [[5, "Four", (
        'No Assembly committee is called "Rural Affair". Did you mean "Rural Affairs" (added by '
        "line 2)? Use the committee's full name."
    )]]  # fmt: skip


@pytest.mark.parametrize("typed", ["Committee", "...", "Senate Committee on"])
def test_a_committee_cell_without_a_name_is_a_bad_row(coalition, client_as, typed):
    response = upload(client_as(coalition.admin), HEADER + committee_row(typed))

    assert response.status_code == 200
    assert response.context["result"].errors == [
        [2, "Dana Whitfield", f'"{typed}" is not a committee\'s name: write its full name.']
    ]
    assert not Committee.objects.exists()


# Bills ------------------------------------------------------------------------


def bill_data(paper, **overrides):
    recommendation = paper.adopted_revision.recommendations.get(number=1)
    data = {
        "number": "ab 412",
        "session": "2025-2026",
        "title": "Relating to funding the 988 crisis line",
        "status": "introduced",
        "link": "https://docs.legis.wisconsin.gov/2025/proposals/ab412",
        "papers": [paper.pk],
        "recommendations": [recommendation.pk],
        "committees": [CommitteeFactory().pk],
    }
    return {**data, **overrides}


def test_bill_filters(coalition, client_as):
    paper = coalition.legislative_paper()
    carried = BillFactory(number="AB 1", status="introduced")
    carried.papers.add(paper)
    BillFactory(number="AB 2", status="introduced")
    BillFactory(number="AB 3", status="signed")
    BillFactory(number="AB 4", status="introduced", session="2023-2024").papers.add(paper)

    response = client_as(coalition.partner).get(
        BILLS, {"session": "2025-2026", "status": "introduced", "paper": paper.pk}
    )

    assert [bill.number for bill in response.context["page"]] == ["AB 1"]


def test_bills_sort_by_their_numbers_as_people_read_them(coalition, client_as):
    for number in ("AB 118", "LRB 1893", "AB 48", "SB 5", "AB 9", "ab 1000"):
        BillFactory(number=number)
    BillFactory(number="AB 2", session="2023-2024")
    renumbered = BillFactory(number="AB 700")
    renumbered.number = "AB 7"
    renumbered.save(update_fields=["number"])

    response = client_as(coalition.partner).get(BILLS)

    assert [bill.number for bill in response.context["page"]] == [
        "AB 7", "AB 9", "AB 48", "AB 118", "ab 1000", "LRB 1893", "SB 5", "AB 2",
    ]  # fmt: skip


def test_bill_list_queries_do_not_grow_with_rows(coalition, client_as):
    paper = coalition.legislative_paper()

    def add(n):
        for _ in range(n):
            BillFactory().papers.add(paper)

    assert_constant_queries(client_as(coalition.core), BILLS, add)


def test_the_bill_page_shows_papers_history_committees_and_contacts(coalition, client_as):
    bill = coalition.bill()
    paper = bill.papers.get()
    bill.recommendations.add(paper.adopted_revision.recommendations.get(number=1))
    BillStatusChange.objects.create(bill=bill, status="introduced", on=datetime.date(2025, 2, 1))
    contact = ContactFactory(
        legislators=[LegislatorFactory(full_name="Dana Whitfield")], papers=[paper], bills=[bill]
    )

    response = client_as(coalition.partner).get(bill.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 200
    assert paper.title in page
    assert "recommendation 1" in page
    assert "Mental Health and Substance Abuse Prevention" in page
    assert "1 Feb 2025" in page
    assert contact.get_absolute_url() in page
    assert "Dana Whitfield" in page
    assert "Record a new status" not in page  # partners read; the Core Group records


def test_core_adds_a_bill_with_its_first_status_and_record(coalition, client_as):
    paper = coalition.legislative_paper()

    response = client_as(coalition.core).post(reverse("advocacy:add_bill"), bill_data(paper))

    bill = Bill.objects.get()
    assert response.status_code == 302
    assert response["Location"] == bill.get_absolute_url()
    assert (bill.number, bill.status) == ("AB 412", "introduced")
    assert list(bill.papers.all()) == [paper]
    assert [step.status for step in bill.history.all()] == ["introduced"]
    (change,) = changes_of("bill", bill.pk)
    assert (change.action, change.actor) == ("created", coalition.core)


def test_only_adopted_papers_and_their_adopted_recommendations_are_offered(coalition, client_as):
    adopted = coalition.legislative_paper()
    draft = coalition.paper()

    form = client_as(coalition.core).get(reverse("advocacy:add_bill")).context["form"]

    assert list(form.fields["papers"].queryset) == [adopted]
    offered = set(form.fields["recommendations"].queryset)
    assert offered == set(adopted.adopted_revision.recommendations.all())
    assert not offered & set(draft.current_revision.recommendations.all())


def test_a_draft_paper_cannot_be_put_on_a_bill(coalition, client_as):
    draft = coalition.paper()
    data = bill_data(coalition.legislative_paper(), papers=[draft.pk], recommendations=[])

    response = client_as(coalition.core).post(reverse("advocacy:add_bill"), data)

    assert response.status_code == 400
    assert "papers-error" in response.content.decode()


def test_a_recommendation_needs_its_paper_ticked(coalition, client_as):
    data = bill_data(coalition.legislative_paper(), papers=[])

    response = client_as(coalition.core).post(reverse("advocacy:add_bill"), data)

    assert response.status_code == 400
    assert error_next_to(response, "recommendations").startswith("Tick the paper")


def test_a_bill_number_twice_in_a_session_is_a_form_error(coalition, client_as):
    BillFactory(number="AB 412", session="2025-2026")
    data = bill_data(coalition.legislative_paper(), title="Typed title")

    response = client_as(coalition.core).post(reverse("advocacy:add_bill"), data)

    assert response.status_code == 400
    assert (
        error_next_to(response, "number") == "AB 412 of the 2025-2026 session is already recorded."
    )
    assert "Typed title" in response.content.decode()


def test_editing_a_bill_records_the_change_and_leaves_the_status(coalition, client_as):
    bill = coalition.bill()
    paper = bill.papers.get()
    data = bill_data(paper, number=bill.number, title="A new title", status="signed")

    response = client_as(coalition.admin).post(
        reverse("advocacy:edit_bill", kwargs={"pk": bill.pk}), data
    )

    assert response.status_code == 302
    bill.refresh_from_db()
    assert (bill.title, bill.status) == ("A new title", "in_committee")
    change = changes_of("bill", bill.pk)[-1]
    assert change.changes["title"][1] == "A new title"
    assert "status" not in change.changes


def test_recording_a_status_keeps_the_history(coalition, client_as):
    bill = coalition.bill()
    url = reverse("advocacy:bill_status", kwargs={"pk": bill.pk})
    client = client_as(coalition.core)

    client.post(url, {"status": "passed_committee", "on": "2025-03-12", "note": "7-2"})
    client.post(url, {"status": "in_committee", "on": "2025-02-01", "note": "Late entry"})

    bill.refresh_from_db()
    assert bill.status == "passed_committee"  # the latest by date, not by entry
    assert [(s.status, s.note) for s in bill.history.all()] == [
        ("passed_committee", "7-2"),
        ("in_committee", "Late entry"),
    ]
    first = changes_of("bill", bill.pk)[0]
    assert (first.action, first.changes["status"]) == (
        "status",
        ["in_committee", "passed_committee"],
    )


def test_a_status_without_a_date_is_refused_on_the_bill_page(coalition, client_as):
    bill = coalition.bill()

    response = client_as(coalition.core).post(
        reverse("advocacy:bill_status", kwargs={"pk": bill.pk}),
        {"status": "signed", "on": "", "note": "Typed note"},
    )

    assert response.status_code == 400
    assert error_next_to(response, "on") == "This field is required."
    assert 'value="Typed note"' in response.content.decode()
    assert not bill.history.exists()


def test_a_status_dated_ahead_is_refused(coalition, client_as):
    bill = coalition.bill()
    ahead = timezone.localdate() + datetime.timedelta(days=30)

    response = client_as(coalition.core).post(
        reverse("advocacy:bill_status", kwargs={"pk": bill.pk}),
        {"status": "signed", "on": ahead.isoformat(), "note": ""},
    )

    assert response.status_code == 400
    assert "the date is ahead" in error_next_to(response, "on")
    bill.refresh_from_db()
    assert bill.status != "signed"


# Districts ----------------------------------------------------------------------


def test_a_partner_records_their_organisation_districts(coalition, client_as):
    organisation = coalition.partner.organisation
    url = reverse("advocacy:organisation_districts", kwargs={"pk": organisation.pk})

    response = client_as(coalition.partner).post(
        url, {"assembly": "70, 12 14,12", "senate": "5; 24"}
    )

    assert response.status_code == 302
    rows = OrganisationDistrict.objects.filter(organisation=organisation)
    assert sorted(rows.values_list("chamber", "district")) == [
        ("assembly", 12), ("assembly", 14), ("assembly", 70), ("senate", 5), ("senate", 24),
    ]  # fmt: skip
    (change,) = changes_of("organisation", organisation.pk)
    assert change.changes["assembly districts"] == ["", "12, 14, 70"]


def test_saving_districts_again_replaces_them(coalition, client_as):
    organisation = coalition.partner.organisation
    url = reverse("advocacy:organisation_districts", kwargs={"pk": organisation.pk})
    client = client_as(coalition.partner)
    client.post(url, {"assembly": "12, 14", "senate": "5"})

    client.post(url, {"assembly": "14, 70", "senate": ""})

    rows = OrganisationDistrict.objects.filter(organisation=organisation)
    assert sorted(rows.values_list("chamber", "district")) == [("assembly", 14), ("assembly", 70)]
    form = client.get(url).context["form"]
    assert form.initial == {"assembly": "14, 70", "senate": ""}


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("12, 100", "Districts run from 1 to 99; not: 100."),
        ("12, twelve", "Type district numbers only, separated by commas; not: twelve."),
        ("0", "Districts run from 1 to 99; not: 0."),
    ],
)
def test_bad_districts_are_refused_with_the_text_kept(coalition, client_as, typed, error):
    url = reverse(
        "advocacy:organisation_districts", kwargs={"pk": coalition.partner.organisation.pk}
    )

    response = client_as(coalition.partner).post(url, {"assembly": typed, "senate": "34"})

    assert response.status_code == 400
    assert error_next_to(response, "assembly") == error
    assert error_next_to(response, "senate") == "Districts run from 1 to 33; not: 34."
    assert f'value="{typed}"' in response.content.decode()
    assert not OrganisationDistrict.objects.exists()


def test_the_districts_page_groups_organisations_by_chamber(coalition, client_as):
    lakeshore = OrganisationFactory(name="Lakeshore Counseling")
    nami = OrganisationFactory(name="NAMI Dane")
    OrganisationDistrict.objects.create(organisation=lakeshore, chamber="assembly", district=12)
    OrganisationDistrict.objects.create(organisation=nami, chamber="assembly", district=12)
    OrganisationDistrict.objects.create(organisation=nami, chamber="senate", district=5)
    LegislatorFactory(full_name="Dana Whitfield", chamber="assembly", district=12)

    response = client_as(coalition.wg_member).get(DISTRICTS)

    assembly, senate = response.context["chambers"]
    assert [(d["number"], [o.name for o in d["organisations"]]) for d in assembly["districts"]] == [
        (12, ["Lakeshore Counseling", "NAMI Dane"])
    ]
    assert [person.full_name for person in assembly["districts"][0]["legislators"]] == [
        "Dana Whitfield"
    ]
    assert [(d["number"], d["legislators"]) for d in senate["districts"]] == [(5, [])]


def test_the_districts_page_queries_do_not_grow_with_rows(coalition, client_as):
    def add(n):
        for _ in range(n):
            organisation = OrganisationFactory()
            legislator = LegislatorFactory()
            OrganisationDistrict.objects.create(
                organisation=organisation, chamber="assembly", district=legislator.district
            )

    assert_constant_queries(client_as(coalition.admin), DISTRICTS, add)


# The pages filled in, and with their errors: axe finds nothing -----------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_filled_pages_and_errors_are_accessible(coalition, page_as, tmp_path):
    from tests.test_accessibility import assert_accessible, assert_page_accessible

    bill = coalition.bill()
    BillStatusChange.objects.create(bill=bill, status="introduced", on=datetime.date(2025, 2, 1))
    legislator = coalition.legislator()
    ContactFactory(legislators=[legislator], papers=list(bill.papers.all()), bills=[bill])
    OrganisationDistrict.objects.create(
        organisation=coalition.partner.organisation,
        chamber="assembly",
        district=legislator.district,
    )
    admin = page_as(coalition.admin)
    for url in (LEGISLATORS, BILLS, DISTRICTS, bill.get_absolute_url()):
        assert_page_accessible(admin, url)

    # A form sent empty: each error next to its field.
    admin.goto(reverse("advocacy:add_legislator"))
    admin.get_by_role("button", name="Add the legislator").click()
    admin.locator("#id_full_name-error").wait_for()
    assert_accessible(admin)

    # The import's result, with a refused row.
    csv_file = tmp_path / "legislators.csv"
    csv_file.write_text(HEADER + "Dana Whitfield,Assembly,12,D,,,,,,,,\nNobody,Council,3,D\n")
    admin.goto(reverse("advocacy:import_legislators"))
    admin.get_by_label("CSV file").set_input_files(str(csv_file))
    admin.get_by_role("button", name="Check and import").click()
    admin.get_by_text("1 legislator added").wait_for()
    assert_accessible(admin)

    # A status without its date, refused on the bill's page.
    core = page_as(coalition.core)
    core.goto(bill.get_absolute_url())
    core.get_by_label("Since").fill("")
    core.get_by_label("Note").fill("Typed note")
    core.get_by_role("button", name="Record the status").click()
    core.locator("#id_on-error").wait_for()
    assert_accessible(core)


def test_two_legislators_cannot_hold_one_seat_at_the_same_time(coalition, client_as):
    LegislatorFactory(full_name="Jordan Ekstrom", chamber="senate", district=11)
    data = {"full_name": "Someone Else", "chamber": "senate", "district": "11", "party": "D"}

    response = client_as(coalition.admin).post(reverse("advocacy:add_legislator"), data)

    assert response.status_code == 400
    assert "Jordan Ekstrom holds this seat" in error_next_to(response, "district")
    assert 'value="Someone Else"' in response.content.decode()


def test_a_successor_with_a_later_term_takes_the_seat(coalition, client_as):
    LegislatorFactory(
        full_name="Jordan Ekstrom", chamber="senate", district=11,
        term_start=datetime.date(2021, 1, 4), term_end=datetime.date(2025, 1, 5),
    )  # fmt: skip
    data = {"full_name": "Someone Else", "chamber": "senate", "district": "11", "party": "D",
            "term_start": "2025-01-06"}  # fmt: skip

    response = client_as(coalition.admin).post(reverse("advocacy:add_legislator"), data)

    assert response.status_code == 302


# One seat, one legislator at a time: the form and the import share the rule -------

JAN_2021, JAN_2023 = datetime.date(2021, 1, 4), datetime.date(2023, 1, 3)
HELD_TO_2025, JAN_2025 = datetime.date(2025, 1, 5), datetime.date(2025, 1, 6)
TERMS = [  # the seat holder's term, then the new legislator's; whether they overlap
    pytest.param(None, None, "2025-01-06", "", True, id="holder-open-both-ends"),
    pytest.param(JAN_2021, HELD_TO_2025, "2025-01-06", "", False, id="successor"),
    pytest.param(JAN_2021, HELD_TO_2025, "2025-01-05", "", True, id="one-day-shared"),
    pytest.param(JAN_2025, None, "", "2025-01-06", True, id="open-start-meets"),
    pytest.param(JAN_2025, None, "2023-01-03", "2025-01-05", False, id="predecessor"),
    pytest.param(JAN_2021, HELD_TO_2025, "", "", True, id="new-term-open-both-ends"),
]


def jordan_in_senate_11(start, end):
    return LegislatorFactory(full_name="Jordan Ekstrom", chamber="senate", district=11,
                             term_start=start, term_end=end)  # fmt: skip


@pytest.mark.parametrize(("held_start", "held_end", "start", "end", "overlaps"), TERMS)
def test_the_form_refuses_a_seat_held_for_part_of_the_term(
    coalition, client_as, held_start, held_end, start, end, overlaps
):
    jordan_in_senate_11(held_start, held_end)
    data = {"full_name": "Someone Else", "chamber": "senate", "district": "11", "party": "D",
            "term_start": start, "term_end": end}  # fmt: skip

    response = client_as(coalition.admin).post(reverse("advocacy:add_legislator"), data)

    assert response.status_code == (400 if overlaps else 302)
    if overlaps:
        assert error_next_to(response, "district") == (
            "Jordan Ekstrom holds this seat for the same time. Give one of them a term that "
            "ends before the other's starts, or correct the district."
        )
    assert Legislator.objects.count() == (1 if overlaps else 2)


@pytest.mark.parametrize(("held_start", "held_end", "start", "end", "overlaps"), TERMS)
def test_the_import_refuses_a_seat_held_for_part_of_the_term(
    coalition, client_as, held_start, held_end, start, end, overlaps
):
    jordan_in_senate_11(held_start, held_end)
    text = "name,chamber,district,party,term_start,term_end\n" + (
        f"Someone Else,Senate,11,D,{start},{end}\n"
    )

    response = upload(client_as(coalition.admin), text)

    result = response.context["result"]
    assert result.errors == ([[2, "Someone Else", (
        "Jordan Ekstrom holds Senate district 11 for the same time. Give one of them a term "
        "that ends before the other's starts, or correct the district."
    )]] if overlaps else [])  # fmt: skip
    assert result.created == (0 if overlaps else 1)


def test_the_import_refuses_two_rows_of_the_file_in_one_seat(coalition, client_as):
    text = HEADER + (
        "Dana Whitfield,Assembly,12,D,,,,,,,,\n"
        "Other Person,Assembly,12,R,,,,,,2025-01-06,,\n"
        "Ends First,Assembly,14,D,,,,,,2021-01-04,2025-01-05,\n"
        "Starts Next,Assembly,14,R,,,,,,2025-01-06,,\n"
    )

    response = upload(client_as(coalition.admin), text)

    result = response.context["result"]
    assert result.errors == [[3, "Other Person", (
        "Dana Whitfield (line 2 of this file) holds Assembly district 12 for the same time. "
        "Give one of them a term that ends before the other's starts, or correct the district."
    )]]  # fmt: skip
    assert result.created == 3


def test_a_row_updating_the_legislator_in_the_seat_is_not_a_conflict(coalition, client_as):
    LegislatorFactory(full_name="Dana Whitfield", chamber="assembly", district=12)
    LegislatorFactory(full_name="Old Name", chamber="senate", district=5, external_id="ocd/5")
    jordan_in_senate_11(JAN_2021, HELD_TO_2025)
    LegislatorFactory(full_name="Successor", chamber="senate", district=11, term_start=JAN_2025)
    text = (
        "name,chamber,district,party,phone,external_id\n"
        "Dana Whitfield,Assembly,12,R,(608) 555-0112,\n"
        "New Name,Senate,5,R,,ocd/5\n"
        # No term columns: Jordan's term stays as it is and still ends before the successor's.
        "Jordan Ekstrom,Senate,11,R,(608) 555-0111,\n"
    )

    response = upload(client_as(coalition.admin), text)

    result = response.context["result"]
    assert (result.updated, result.created, result.errors) == (3, 0, [])
    assert Legislator.objects.get(external_id="ocd/5").full_name == "New Name"
