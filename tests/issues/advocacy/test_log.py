"""The advocacy contact log: logging a contact with follow-ups, editing it,
marking follow-ups done, and the pages that read the log (contacts list,
follow-ups, a contact, a legislator's and a paper's advocacy pages)."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from issues.models import AdvocacyChange, Contact, FollowUp, OrganisationDistrict
from tests.factories import (
    BillFactory,
    CommitteeFactory,
    ContactFactory,
    FollowUpFactory,
    LegislatorFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db

NEW = reverse("advocacy:log_contact")


def follow_up_rows(rows=(), *, initial=0, total=3):
    """The follow-up formset's POST data: `rows` filled in, the rest blank."""
    data = {
        "follow_up-TOTAL_FORMS": str(total),
        "follow_up-INITIAL_FORMS": str(initial),
        "follow_up-MIN_NUM_FORMS": "0",
        "follow_up-MAX_NUM_FORMS": str(total),
    }
    for index in range(total):
        row = rows[index] if index < len(rows) else {}
        for name in ("id", "description", "owner", "due_on"):
            data[f"follow_up-{index}-{name}"] = row.get(name, "")
    return data


def contact_data(*, legislators, papers, **fields):
    data = {
        "on": "2025-03-04",
        "kind": "meeting",
        "legislators": [str(legislator.pk) for legislator in legislators],
        "papers": [str(paper.pk) for paper in papers],
        "staff_met": "",
        "ask": "Co-sponsor the bill.",
        "response": "supportive",
        "notes": "",
        **follow_up_rows(),
    }
    data.update(fields)
    return data


@pytest.fixture
def paper(coalition):
    return coalition.legislative_paper()


@pytest.fixture
def member(coalition, client_as):
    return client_as(coalition.wg_member)


# Logging a contact -----------------------------------------------------------------


def test_the_form_starts_today_as_a_meeting_with_the_logger_present(coalition, member, paper):
    LegislatorFactory(full_name="Ann Assembly")

    response = member.get(NEW)

    assert response.status_code == 200
    form = response.context["form"]
    assert form["on"].value() == timezone.localdate()
    assert form["kind"].value() == "meeting"
    assert form["members_present"].value() == [str(coalition.wg_member.pk)]
    html = response.content.decode()
    for label in ("Legislators met", "Papers discussed", "Response", "Log the contact"):
        assert label in html
    assert "Ann Assembly" in html
    assert 'src="/static/js/advocacy_log.js"' in html


def test_paper_and_legislator_links_preselect_them(member, paper):
    legislator = LegislatorFactory()

    response = member.get(f"{NEW}?paper={paper.pk}&legislator={legislator.pk}")

    form = response.context["form"]
    assert form["papers"].value() == [str(paper.pk)]
    assert form["legislators"].value() == [str(legislator.pk)]


def test_a_paper_not_adopted_is_not_offered_nor_preselected(coalition, member):
    draft = coalition.paper()

    response = member.get(f"{NEW}?paper={draft.pk}")

    assert "papers" not in response.context["form"].initial
    assert draft.title not in response.content.decode()


def test_the_legislators_are_grouped_by_chamber(member, paper):
    LegislatorFactory(full_name="Sam Senator", chamber="senate", district=4, party="R")
    LegislatorFactory(full_name="Ann Assembly", chamber="assembly", district=12)

    groups = member.get(NEW).context["form"].legislator_groups()

    assert [(label, [box.choice_label for box in boxes]) for label, boxes in groups] == [
        ("Assembly", ["Rep. Ann Assembly (D-12)"]),
        ("Senate", ["Sen. Sam Senator (R-4)"]),
    ]


def test_logging_a_contact_saves_it_with_its_follow_ups_and_records_both(coalition, member, paper):
    first, second = LegislatorFactory(), LegislatorFactory(chamber="senate")
    bill = BillFactory()
    organisation = OrganisationFactory()
    data = contact_data(
        legislators=[first, second],
        papers=[paper],
        bills=[str(bill.pk)],
        staff_met="Jo Aide",
        members_present=[str(coalition.wg_member.pk), str(coalition.core.pk)],
        organisations_present=[str(organisation.pk)],
        notes="They asked for the **fiscal note**.",
        **follow_up_rows(
            [
                {
                    "description": "Send the fiscal note",
                    "owner": str(coalition.core.pk),
                    "due_on": "2025-03-18",
                }
            ]
        ),
    )

    response = member.post(NEW, data)

    contact = Contact.objects.get()
    assert response.status_code == 302
    assert response["Location"] == contact.get_absolute_url()
    assert contact.logged_by == coalition.wg_member
    assert contact.on == datetime.date(2025, 3, 4)
    assert set(contact.legislators.all()) == {first, second}
    assert list(contact.papers.all()) == [paper]
    assert list(contact.bills.all()) == [bill]
    assert set(contact.members_present.all()) == {coalition.wg_member, coalition.core}
    assert list(contact.organisations_present.all()) == [organisation]
    assert contact.staff_met == "Jo Aide"
    (follow_up,) = contact.follow_ups.all()
    assert (follow_up.description, follow_up.owner, follow_up.due_on) == (
        "Send the fiscal note",
        coalition.core,
        datetime.date(2025, 3, 18),
    )
    records = {(r.subject, r.subject_id, r.action): r for r in AdvocacyChange.objects.all()}
    assert set(records) == {
        ("contact", contact.pk, "created"),
        ("follow_up", follow_up.pk, "created"),
    }
    created = records["contact", contact.pk, "created"]
    assert created.actor == coalition.wg_member
    assert "response" not in created.changes
    assert created.changes["legislators"] == [
        None,
        sorted([f"{first}: Supportive", f"{second}: Supportive"]),
    ]
    assert {row.legislator: row.response for row in contact.responses.all()} == {
        first: "supportive",
        second: "supportive",
    }


def test_a_contact_needs_a_legislator_and_a_paper_and_keeps_what_was_typed(coalition, member):
    data = contact_data(
        legislators=[],
        papers=[],
        ask="Vote yes on AB 12",
        **follow_up_rows(
            [
                {
                    "description": "Call back",
                    "owner": str(coalition.wg_member.pk),
                    "due_on": "2025-04-01",
                }
            ]
        ),
    )

    response = member.post(NEW, data)

    assert response.status_code == 400
    html = response.content.decode()
    assert "Tick at least one legislator." in html
    assert "Tick at least one paper." in html
    assert "Vote yes on AB 12" in html
    assert 'value="Call back"' in html
    assert 'value="2025-04-01"' in html
    assert Contact.objects.count() == 0


def test_a_follow_up_begun_must_be_finished(member, paper):
    data = contact_data(
        legislators=[LegislatorFactory()],
        papers=[paper],
        **follow_up_rows([{"description": "Send the data", "owner": ""}]),
    )

    response = member.post(NEW, data)

    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose who will do it." in html
    assert "Give a due date." in html
    assert 'value="Send the data"' in html
    assert Contact.objects.count() == 0


def test_blank_follow_up_rows_with_their_default_owner_are_left_out(coalition, member, paper):
    data = contact_data(
        legislators=[LegislatorFactory()],
        papers=[paper],
        **follow_up_rows([{"owner": str(coalition.wg_member.pk)}] * 3),
    )

    response = member.post(NEW, data)

    assert response.status_code == 302
    assert FollowUp.objects.count() == 0


def test_a_contact_cannot_be_dated_in_the_future(member, paper):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    data = contact_data(legislators=[LegislatorFactory()], papers=[paper], on=tomorrow.isoformat())

    response = member.post(NEW, data)

    assert response.status_code == 400
    assert "The date cannot be in the future." in response.content.decode()


def test_a_response_must_be_chosen(member, paper):
    data = contact_data(legislators=[LegislatorFactory()], papers=[paper], response="")

    response = member.post(NEW, data)

    assert response.status_code == 400
    assert "Choose how they responded, or give each legislator met a response below." in (
        response.content.decode()
    )
    assert not Contact.objects.exists()


def test_the_response_is_not_offered_as_optional(member):
    page = member.get(NEW).content.decode()

    legend = re.search(r"<legend[^>]*>\s*Response\s*(.*?)</legend>", page, re.S)
    assert legend is not None
    assert "optional" not in legend.group(1)


def test_the_error_summary_names_the_follow_ups_mistakes_too(coalition, member, paper):
    data = contact_data(
        legislators=[],
        papers=[paper],
        **follow_up_rows([{"description": "Send the brief", "owner": str(coalition.wg_member.pk)}]),
    )

    response = member.post(NEW, data)

    assert response.status_code == 400
    summary = re.search(
        r'class="[^"]*mhap-error-summary.*?</ul>', response.content.decode(), re.S
    ).group(0)
    assert '<a href="#id_legislators_0">Legislators met</a>: Tick at least one legislator.' in (
        summary
    )
    assert '<a href="#id_follow_up-0-due_on">Follow-up 1: Due date</a>: Give a due date.' in (
        summary
    )


def test_a_contact_that_looks_logged_already_is_pointed_out(coalition, member, paper):
    legislator = LegislatorFactory()
    earlier = ContactFactory(
        on=datetime.date(2025, 3, 4), legislators=[legislator, LegislatorFactory()],
        papers=[paper], logged_by=coalition.core,
    )  # fmt: skip
    ContactFactory(on=datetime.date(2025, 3, 5), legislators=[legislator], papers=[paper])

    response = member.post(NEW, contact_data(legislators=[legislator], papers=[paper]), follow=True)

    page = response.content.decode()
    assert "The contact is logged." in page
    assert (
        f'{coalition.core.full_name} logged <a href="{earlier.get_absolute_url()}">a contact on '
        "the same day</a>"
    ) in page


def test_a_contact_unlike_any_other_is_not_pointed_out(coalition, member, paper):
    ContactFactory(on=datetime.date(2025, 3, 4), papers=[paper])  # another legislator

    response = member.post(
        NEW, contact_data(legislators=[LegislatorFactory()], papers=[paper]), follow=True
    )

    assert "on the same day" not in response.content.decode()


def test_legislators_met_together_may_each_respond_differently(coalition, member, paper):
    for_it, against, unsure = (LegislatorFactory() for _ in range(3))
    data = contact_data(
        legislators=[for_it, against, unsure],
        papers=[paper],
        response="undecided",  # for those given no response of their own
        **{f"response_of_{for_it.pk}": "supportive", f"response_of_{against.pk}": "opposed"},
    )

    response = member.post(NEW, data)

    assert response.status_code == 302
    contact = Contact.objects.get()
    assert {row.legislator: row.response for row in contact.responses.all()} == {
        for_it: "supportive",
        against: "opposed",
        unsure: "undecided",
    }
    page = member.get(contact.get_absolute_url()).content.decode()
    assert f"{for_it}</a>: <strong>Supportive</strong>" in page
    assert f"{against}</a>: <strong>Opposed</strong>" in page


def test_each_legislator_may_have_their_own_response_and_none_for_all(member, paper):
    first, second = LegislatorFactory(), LegislatorFactory()
    data = contact_data(
        legislators=[first, second],
        papers=[paper],
        response="",
        **{f"response_of_{first.pk}": "opposed", f"response_of_{second.pk}": "supportive"},
    )

    assert member.post(NEW, data).status_code == 302
    assert sorted(Contact.objects.get().responses.values_list("response", flat=True)) == [
        "opposed",
        "supportive",
    ]


def test_a_response_for_one_legislator_only_still_needs_one_for_the_others(member, paper):
    first, second, not_met = LegislatorFactory(), LegislatorFactory(), LegislatorFactory()
    data = contact_data(
        legislators=[first, second],
        papers=[paper],
        response="",
        **{f"response_of_{first.pk}": "opposed", f"response_of_{not_met.pk}": "supportive"},
    )

    response = member.post(NEW, data)

    assert response.status_code == 400
    page = response.content.decode()
    assert "give each legislator met a response below" in page
    assert 'value="opposed" selected' in page  # what was chosen is kept
    assert "data-own-responses open" in page  # where the missing one is given
    assert not Contact.objects.exists()


def test_an_own_response_that_is_not_a_response_is_refused(member, paper):
    legislator = LegislatorFactory()
    data = contact_data(
        legislators=[legislator], papers=[paper], **{f"response_of_{legislator.pk}": "furious"}
    )

    response = member.post(NEW, data)

    assert response.status_code == 400
    assert "Select a valid choice. furious is not one of the available choices." in (
        response.content.decode()
    )


def test_the_edit_form_shows_one_response_when_all_alike_and_each_when_not(
    coalition, member, paper
):
    first, second = LegislatorFactory(), LegislatorFactory()
    alike = ContactFactory(
        legislators=[first, second], papers=[paper], legislators__response="opposed",
        logged_by=coalition.wg_member,
    )  # fmt: skip
    mixed = ContactFactory(
        legislators={first: "opposed", second: "supportive"}, papers=[paper],
        logged_by=coalition.wg_member,
    )  # fmt: skip

    alike_form = member.get(edit_url(alike)).context["form"]
    mixed_form = member.get(edit_url(mixed)).context["form"]

    assert alike_form["response"].value() == "opposed"
    assert not alike_form.has_own_responses()
    assert mixed_form["response"].value() is None
    assert mixed_form[f"response_of_{first.pk}"].value() == "opposed"
    assert mixed_form[f"response_of_{second.pk}"].value() == "supportive"
    assert mixed_form.has_own_responses()


def test_changing_one_legislators_response_leaves_the_others_and_is_recorded(
    coalition, member, paper
):
    first, second = LegislatorFactory(), LegislatorFactory()
    contact = ContactFactory(
        legislators={first: "undecided", second: "opposed"}, papers=[paper],
        logged_by=coalition.wg_member,
    )  # fmt: skip
    data = contact_data(
        legislators=[first, second],
        papers=[paper],
        response="",
        members_present=[],
        **{f"response_of_{first.pk}": "supportive", f"response_of_{second.pk}": "opposed"},
    )

    assert member.post(edit_url(contact), data).status_code == 302

    assert {row.legislator: row.response for row in contact.responses.all()} == {
        first: "supportive",
        second: "opposed",
    }
    changed = AdvocacyChange.objects.get(subject="contact", action="changed")
    assert changed.changes["legislators"] == [
        sorted([f"{first}: Undecided", f"{second}: Opposed"]),
        sorted([f"{first}: Supportive", f"{second}: Opposed"]),
    ]


# Editing a contact ---------------------------------------------------------------------


def edit_url(contact):
    return reverse("advocacy:edit_contact", kwargs={"pk": contact.pk})


def test_the_logger_changes_a_contact_and_only_the_differences_are_recorded(
    coalition, member, paper
):
    contact = coalition.contact()
    follow_up = FollowUpFactory(contact=contact, owner=coalition.wg_member)
    legislator = contact.legislators.get()
    other = LegislatorFactory(full_name="Newly Met")
    data = contact_data(
        legislators=[legislator, other],
        papers=list(contact.papers.all()),
        members_present=[str(coalition.wg_member.pk)],
        response="undecided",
        **follow_up_rows(
            [
                {
                    "id": str(follow_up.pk),
                    "description": follow_up.description,
                    "owner": str(coalition.wg_member.pk),
                    "due_on": "2025-03-25",
                },
                {
                    "description": "Invite to the summit",
                    "owner": str(coalition.core.pk),
                    "due_on": "2025-04-01",
                },
            ],
            initial=1,
            total=4,
        ),
    )

    response = member.post(edit_url(contact), data)

    assert response.status_code == 302
    contact.refresh_from_db()
    assert {row.legislator: row.response for row in contact.responses.all()} == {
        legislator: "undecided",
        other: "undecided",
    }
    follow_up.refresh_from_db()
    assert follow_up.due_on == datetime.date(2025, 3, 25)
    assert contact.follow_ups.count() == 2
    changed = AdvocacyChange.objects.get(subject="contact", action="changed")
    assert changed.actor == coalition.wg_member
    assert set(changed.changes) == {"legislators"}
    assert changed.changes["legislators"] == [
        [f"{legislator}: Supportive"],
        sorted([f"{legislator}: Undecided", f"{other}: Undecided"]),
    ]
    moved = AdvocacyChange.objects.get(subject="follow_up", subject_id=follow_up.pk)
    assert moved.changes == {"due_on": ["2025-03-18", "2025-03-25"]}
    assert AdvocacyChange.objects.filter(subject="follow_up", action="created").count() == 1


def test_a_follow_up_marked_done_while_the_edit_page_was_open_does_not_block_the_save(
    coalition, member
):
    contact = coalition.contact()
    first = FollowUpFactory(contact=contact, owner=coalition.wg_member, due_on="2025-03-10")
    second = FollowUpFactory(contact=contact, owner=coalition.wg_member, due_on="2025-03-20")
    rows = [
        {"id": str(f.pk), "description": f.description, "owner": str(coalition.wg_member.pk),
         "due_on": str(f.due_on)}
        for f in (first, second)
    ]  # fmt: skip
    rows[1]["description"] = "Send the fiscal note and the one-pager"
    data = contact_data(
        legislators=list(contact.legislators.all()),
        papers=list(contact.papers.all()),
        members_present=[str(coalition.wg_member.pk)],
        **follow_up_rows(rows, initial=2, total=5),
    )
    # The page above was opened; then the owner marks the first one done.
    member.post(reverse("advocacy:follow_up_done", kwargs={"pk": first.pk}))

    response = member.post(edit_url(contact), data)

    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.done_at is not None
    assert second.description == "Send the fiscal note and the one-pager"


def test_the_edit_page_survives_odd_follow_up_counts_and_ids(coalition, member):
    contact = coalition.contact()
    data = contact_data(
        legislators=list(contact.legislators.all()), papers=list(contact.papers.all()),
        **follow_up_rows([{"id": "²"}], total=3),
    )  # fmt: skip
    data["follow_up-TOTAL_FORMS"] = "x"

    assert member.post(edit_url(contact), data).status_code == 400


def test_the_logger_deletes_a_contact_logged_twice_and_the_record_keeps_it(coalition, member):
    contact = coalition.contact()
    FollowUpFactory(contact=contact, owner=coalition.wg_member)
    url = reverse("advocacy:delete_contact", kwargs={"pk": contact.pk})

    asked = member.get(url)
    assert asked.status_code == 200
    assert Contact.objects.filter(pk=contact.pk).exists()  # GET only asks

    response = member.post(url)

    assert response.status_code == 302
    assert not Contact.objects.filter(pk=contact.pk).exists()
    assert not FollowUp.objects.filter(contact_id=contact.pk).exists()
    deleted = AdvocacyChange.objects.get(subject="contact", subject_id=contact.pk)
    assert deleted.action == "deleted"
    assert deleted.actor == coalition.wg_member
    assert deleted.changes["legislators"][1] is None
    assert deleted.changes["legislators"][0][0].endswith(": Supportive")
    assert len(deleted.changes["follow_ups"][0]) == 1


def test_another_member_may_not_delete_a_contact(coalition, client_as):
    contact = coalition.contact()
    url = reverse("advocacy:delete_contact", kwargs={"pk": contact.pk})

    assert client_as(coalition.wg_chair).post(url).status_code == 403
    assert Contact.objects.filter(pk=contact.pk).exists()


def test_a_save_over_someone_elses_newer_save_is_refused_and_keeps_the_typing(
    coalition, member, client_as
):
    contact = coalition.contact()  # logged by the member
    form = member.get(edit_url(contact)).context["form"]
    opened = form["opened"].value()
    core = client_as(coalition.core)
    core_form = core.get(edit_url(contact)).context["form"]
    theirs = contact_data(
        legislators=list(contact.legislators.all()),
        papers=list(contact.papers.all()),
        notes="Core's notes.",
        members_present=[str(coalition.wg_member.pk)],
        opened=core_form["opened"].value(),
    )
    assert core.post(edit_url(contact), theirs).status_code == 302
    mine = contact_data(
        legislators=list(contact.legislators.all()),
        papers=list(contact.papers.all()),
        notes="My notes, typed while Core saved.",
        members_present=[str(coalition.wg_member.pk)],
        opened=opened,
    )

    refused = member.post(edit_url(contact), mine)

    assert refused.status_code == 409
    page = refused.content.decode()
    assert f"{coalition.core.full_name} saved this contact after you opened it (notes)" in page
    assert "My notes, typed while Core saved." in page  # kept
    contact.refresh_from_db()
    assert contact.notes == "Core's notes."
    # Sent again from that page, it replaces theirs.
    again = {**mine, "opened": refused.context["form"]["opened"].value()}
    assert member.post(edit_url(contact), again).status_code == 302
    contact.refresh_from_db()
    assert contact.notes == "My notes, typed while Core saved."


def test_a_save_that_changes_nothing_does_not_refuse_anothers_save(coalition, member, client_as):
    contact = coalition.contact()
    opened = member.get(edit_url(contact)).context["form"]["opened"].value()
    core = client_as(coalition.core)
    unchanged = core.get(edit_url(contact)).context["form"]
    data = {name: value for name in unchanged.fields if (value := unchanged[name].value())}
    assert core.post(edit_url(contact), data | follow_up_rows()).status_code == 302
    mine = contact_data(
        legislators=list(contact.legislators.all()),
        papers=list(contact.papers.all()),
        members_present=[str(coalition.wg_member.pk)],
        notes="Mine.",
        opened=opened,
    )

    assert member.post(edit_url(contact), mine).status_code == 302
    contact.refresh_from_db()
    assert contact.notes == "Mine."


def test_saving_an_unchanged_contact_records_nothing(coalition, member):
    contact = coalition.contact()
    form = member.get(edit_url(contact)).context["form"]
    values = {name: form[name].value() for name in form.fields}
    data = {name: value for name, value in values.items() if value is not None}
    data |= follow_up_rows()
    data["on"] = contact.on.isoformat()

    response = member.post(edit_url(contact), data)

    assert response.status_code == 302
    assert AdvocacyChange.objects.count() == 0


def test_a_follow_up_of_another_contact_cannot_be_edited_through_this_one(coalition, member):
    contact = coalition.contact()
    foreign = FollowUpFactory(contact=ContactFactory(), description="Not yours")
    data = contact_data(
        legislators=list(contact.legislators.all()),
        papers=list(contact.papers.all()),
        **follow_up_rows(
            [
                {
                    "id": str(foreign.pk),
                    "description": "Taken over",
                    "owner": str(coalition.wg_member.pk),
                    "due_on": "2025-05-01",
                }
            ],
            initial=0,
        ),
    )

    response = member.post(edit_url(contact), data)

    assert response.status_code == 400
    foreign.refresh_from_db()
    assert foreign.description == "Not yours"


def test_another_member_may_not_edit_a_contact(coalition, client_as):
    contact = coalition.contact()
    data = contact_data(
        legislators=list(contact.legislators.all()), papers=list(contact.papers.all())
    )

    response = client_as(coalition.wg_chair).post(edit_url(contact), data)

    assert response.status_code == 403
    assert AdvocacyChange.objects.count() == 0


def test_the_edit_form_shows_the_open_follow_ups(coalition, client_as):
    follow_up = coalition.follow_up()
    FollowUpFactory(
        contact=follow_up.contact,
        owner=coalition.core,
        done_at=timezone.now(),
        description="Already sent",
    )

    response = client_as(coalition.core).get(edit_url(follow_up.contact))

    html = response.content.decode()
    assert f'value="{follow_up.description}"' in html
    assert "Already sent" not in html
    assert "Save the contact" in html


# A contact and its follow-ups ------------------------------------------------------------


def done_url(follow_up):
    return reverse("advocacy:follow_up_done", kwargs={"pk": follow_up.pk})


def test_the_owner_marks_a_follow_up_done_once(coalition, client_as):
    follow_up = FollowUpFactory(contact=coalition.contact(), owner=coalition.wg_chair)
    client = client_as(coalition.wg_chair)

    first = client.post(done_url(follow_up))
    again = client.post(done_url(follow_up))

    follow_up.refresh_from_db()
    assert first.status_code == again.status_code == 302
    assert first["Location"] == follow_up.contact.get_absolute_url()
    assert follow_up.done_by == coalition.wg_chair
    assert follow_up.done_at is not None
    (done,) = AdvocacyChange.objects.filter(subject="follow_up", action="done")
    assert done.actor == coalition.wg_chair


def test_marking_done_returns_to_a_safe_next_page_only(coalition, client_as):
    client = client_as(coalition.wg_member)
    follow_ups_url = reverse("advocacy:follow_ups")

    here = client.post(done_url(coalition.follow_up()), {"next": follow_ups_url})
    away = client.post(done_url(coalition.follow_up()), {"next": "https://evil.example/"})

    assert here["Location"] == follow_ups_url
    assert away["Location"].startswith("/advocacy/contacts/")


def test_a_member_who_neither_owns_nor_logged_it_may_not_mark_it_done(coalition, client_as):
    follow_up = coalition.follow_up()

    response = client_as(coalition.partner).post(done_url(follow_up))

    assert response.status_code == 403
    follow_up.refresh_from_db()
    assert follow_up.done_at is None


def test_marking_done_refuses_get(coalition, client_as):
    response = client_as(coalition.wg_member).get(done_url(coalition.follow_up()))

    assert response.status_code == 405


def test_the_contact_page_shows_everything_and_its_record(coalition, client_as, paper):
    contact = coalition.contact()
    contact.notes = "Asked about **cost**. <script>alert(1)</script>"
    contact.staff_met = "Jo Aide"
    contact.save()
    mine = FollowUpFactory(contact=contact, owner=coalition.partner, description="Mine to do")
    data = contact_data(
        legislators=list(contact.legislators.all()),
        papers=[paper],
        response="opposed",
        members_present=[str(coalition.wg_member.pk)],
        notes=contact.notes,
        staff_met="Jo Aide",
        **follow_up_rows(
            [
                {
                    "id": str(mine.pk),
                    "description": mine.description,
                    "owner": str(coalition.partner.pk),
                    "due_on": mine.due_on.isoformat(),
                }
            ],
            initial=1,
            total=4,
        ),
    )
    assert client_as(coalition.wg_member).post(edit_url(contact), data).status_code == 302

    response = client_as(coalition.partner).get(contact.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>cost</strong>" in html
    assert "<script>alert(1)</script>" not in html
    assert "Jo Aide" in html
    assert "Wren Member" in html  # logged by
    (met,) = contact.legislators.all()
    assert f"Legislators met and their responses: {met}: Supportive → {met}: Opposed" in html
    assert "Mine to do" in html
    assert f'action="{done_url(mine)}"' in html  # the partner owns it
    assert "Edit the contact" not in html


def test_the_contact_page_offers_mark_done_only_to_those_allowed(coalition, client_as):
    follow_up = coalition.follow_up()

    as_chair = client_as(coalition.wg_chair).get(follow_up.contact.get_absolute_url())
    as_core = client_as(coalition.core).get(follow_up.contact.get_absolute_url())

    assert done_url(follow_up) not in as_chair.content.decode()
    assert done_url(follow_up) in as_core.content.decode()
    assert "Edit the contact" in as_core.content.decode()


def test_an_unknown_contact_is_not_found(member):
    assert member.get(reverse("advocacy:contact", kwargs={"pk": 999})).status_code == 404


# The contacts list ------------------------------------------------------------------------


CONTACTS = reverse("advocacy:contacts")


def listed(client, query="") -> list[int]:
    response = client.get(f"{CONTACTS}?{query}")
    assert response.status_code == 200
    return [contact.pk for contact in response.context["contacts"]]


def test_the_contacts_list_is_newest_first_and_filters(coalition, member, paper):
    other_paper = coalition.legislative_paper()
    ann, bob = LegislatorFactory(), LegislatorFactory()
    old = ContactFactory(
        on=datetime.date(2025, 1, 10),
        legislators=[ann],
        papers=[paper],
        legislators__response="opposed",
        kind="call",
        logged_by=coalition.core,
    )
    new = ContactFactory(
        on=datetime.date(2025, 3, 10),
        legislators=[bob],
        papers=[other_paper],
        logged_by=coalition.wg_member,
    )

    assert listed(member) == [new.pk, old.pk]
    assert listed(member, f"paper={paper.pk}") == [old.pk]
    assert listed(member, f"legislator={bob.pk}") == [new.pk]
    assert listed(member, "response=opposed") == [old.pk]
    assert listed(member, "kind=meeting") == [new.pk]
    assert listed(member, "mine=on") == [new.pk]
    assert listed(member, "date_from=2025-02-01") == [new.pk]
    assert listed(member, "date_to=2025-02-01") == [old.pk]
    assert listed(member, "date_to=not-a-date&kind=call") == [old.pk]  # a bad filter is left out


def test_the_contacts_list_is_paginated(member, paper):
    for _ in range(26):
        ContactFactory(papers=[paper])

    assert len(listed(member)) == 25
    assert len(listed(member, "page=2")) == 1


def test_the_contacts_list_queries_do_not_grow_with_contacts(coalition, member, paper):
    def add(n):
        for _ in range(n):
            ContactFactory(
                legislators=[LegislatorFactory(), LegislatorFactory()],
                papers=[paper],
                bills=[BillFactory()],
                members_present=[coalition.wg_member],
                logged_by=UserFactory(),
            )

    assert_constant_queries(member, CONTACTS, add)


# Follow-ups -------------------------------------------------------------------------------


FOLLOW_UPS = reverse("advocacy:follow_ups")


def test_open_follow_ups_come_mine_first_with_overdue_ones_said_in_words(coalition, member):
    today = timezone.localdate()
    others = FollowUpFactory(
        owner=coalition.core,
        due_on=today - datetime.timedelta(days=3),
        description="Core calls the office",
    )
    mine = FollowUpFactory(
        owner=coalition.wg_member,
        due_on=today + datetime.timedelta(days=5),
        description="I send the data",
    )
    FollowUpFactory(owner=coalition.wg_member, done_at=timezone.now(), description="Done one")

    response = member.get(FOLLOW_UPS)

    rows = [row[0] for row in response.context["follow_ups"]]
    assert rows == [mine, others]
    html = response.content.decode()
    assert "Overdue" in html
    assert "Done one" not in html
    assert others.contact.get_absolute_url() in html
    assert [row[0] for row in member.get(f"{FOLLOW_UPS}?show=mine").context["follow_ups"]] == [mine]


def test_the_follow_ups_queries_do_not_grow_with_rows(coalition, member):
    def add(n):
        for _ in range(n):
            FollowUpFactory(
                owner=UserFactory(),
                contact=ContactFactory(
                    legislators=[LegislatorFactory()], papers=[coalition.legislative_paper()]
                ),
            )

    assert_constant_queries(member, FOLLOW_UPS, add, small=2, large=6)


# A legislator's page -----------------------------------------------------------------------


def test_pages_and_filters_read_each_legislators_own_response(coalition, member, paper):
    for_it, against = LegislatorFactory(), LegislatorFactory()
    met_by = UserFactory(full_name="Ola Present")
    contact = ContactFactory(
        legislators={for_it: "supportive", against: "opposed"},
        papers=[paper],
        members_present=[met_by],
        logged_by=coalition.wg_member,
    )

    paper_page = member.get(reverse("advocacy:paper", kwargs={"pk": paper.pk}))
    against_page = member.get(against.get_absolute_url())

    latest = {row.subject: row.label for row in paper_page.context["advocacy"].latest}
    assert latest == {for_it: "Supportive", against: "Opposed"}
    met_by_column = re.findall(r"<td>\s*Ola Present\s*</td>", paper_page.content.decode())
    assert len(met_by_column) == 2  # by whom each was met
    assert [row.label for row in against_page.context["page"].latest] == ["Opposed"]
    their_response = re.search(
        r'data-label="Their response">\s*(\w+)\s*</td>', against_page.content.decode()
    )
    assert their_response.group(1) == "Opposed"
    assert listed(member, "response=opposed") == [contact.pk]
    assert listed(member, f"response=opposed&legislator={against.pk}") == [contact.pk]
    assert listed(member, f"response=opposed&legislator={for_it.pk}") == []


def test_a_legislators_page_shows_contacts_latest_responses_and_partners(
    coalition, client_as, paper
):
    legislator = LegislatorFactory(chamber="senate", district=7, full_name="Sam Senator")
    legislator.committees.add(CommitteeFactory(chamber="senate", name="Health"))
    other_paper = coalition.legislative_paper()
    ContactFactory(
        on=datetime.date(2025, 1, 5),
        legislators=[legislator],
        papers=[paper],
        legislators__response="undecided",
    )
    latest = ContactFactory(
        on=datetime.date(2025, 2, 5),
        legislators=[legislator],
        papers=[paper, other_paper],
        legislators__response="supportive",
        logged_by=coalition.core,
    )
    nearby = OrganisationFactory(name="Senate Seven Clinic")
    elsewhere = OrganisationFactory(name="Assembly Seven Clinic")
    OrganisationDistrict.objects.create(organisation=nearby, chamber="senate", district=7)
    OrganisationDistrict.objects.create(organisation=elsewhere, chamber="assembly", district=7)
    url = legislator.get_absolute_url()

    response = client_as(coalition.partner).get(url)

    page = response.context["page"]
    assert len(page.contacts) == 2
    assert [(row.subject, row.contact) for row in page.latest] == sorted(
        [(paper, latest), (other_paper, latest)], key=lambda pair: pair[0].title.lower()
    )
    assert page.organisations == [nearby]
    html = response.content.decode()
    assert "Health" in html
    assert f"{NEW}?legislator={legislator.pk}" in html
    assert reverse("advocacy:edit_legislator", kwargs={"pk": legislator.pk}) not in html
    as_admin = client_as(coalition.admin).get(url).content.decode()
    assert reverse("advocacy:edit_legislator", kwargs={"pk": legislator.pk}) in as_admin


def test_a_legislators_page_queries_do_not_grow_with_contacts(coalition, member, paper):
    legislator = LegislatorFactory()

    def add(n):
        for _ in range(n):
            ContactFactory(
                legislators=[legislator, LegislatorFactory()],
                papers=[paper, coalition.legislative_paper()],
                logged_by=UserFactory(),
            )

    assert_constant_queries(member, legislator.get_absolute_url(), add, small=1, large=4)


# A paper's advocacy page -------------------------------------------------------------------


def paper_url(paper):
    return reverse("advocacy:paper", kwargs={"pk": paper.pk})


def test_only_adopted_papers_have_an_advocacy_page(coalition, member):
    assert member.get(paper_url(coalition.paper())).status_code == 404


def test_a_papers_page_shows_bills_latest_responses_coverage_and_follow_ups(
    coalition, member, paper
):
    committee = CommitteeFactory(chamber="assembly", name="Health")
    reached, waiting = (
        LegislatorFactory(full_name="Ann Reached"),
        LegislatorFactory(full_name="Bo Waiting"),
    )
    reached.committees.add(committee)
    waiting.committees.add(committee)
    bill = BillFactory(number="AB 12", status="passed_committee")
    bill.papers.add(paper)
    bill.committees.add(committee)
    ContactFactory(
        on=datetime.date(2025, 1, 5),
        legislators=[reached],
        papers=[paper],
        legislators__response="opposed",
    )
    newer = ContactFactory(
        on=datetime.date(2025, 2, 5),
        legislators=[reached],
        papers=[paper],
        legislators__response="supportive",
    )
    about_another = ContactFactory(legislators=[waiting], papers=[coalition.legislative_paper()])
    due = FollowUpFactory(contact=newer, owner=coalition.core, description="Send the brief")
    FollowUpFactory(contact=about_another, description="Not about this paper")

    response = member.get(paper_url(paper))

    advocacy = response.context["advocacy"]
    assert advocacy.bills == [bill]
    assert [(row.subject, row.contact) for row in advocacy.latest] == [(reached, newer)]
    (coverage,) = advocacy.coverage
    assert coverage.committee == committee
    assert [(member_, bool(latest)) for member_, latest in coverage.members] == [
        (reached, True),
        (waiting, False),
    ]
    assert advocacy.follow_ups == [due]
    html = response.content.decode()
    assert "Passed committee" in html
    assert "1 of 2 members reached" in html
    assert "Not yet" in html
    assert "Not about this paper" not in html
    assert f"{NEW}?paper={paper.pk}" in html
    assert reverse("advocacy:leave_behind", kwargs={"pk": paper.pk}) in html


def test_a_papers_page_queries_do_not_grow_with_contacts(coalition, member, paper):
    committee = CommitteeFactory()
    bill = BillFactory()
    bill.papers.add(paper)
    bill.committees.add(committee)

    def add(n):
        for _ in range(n):
            legislator = LegislatorFactory()
            legislator.committees.add(committee)
            contact = ContactFactory(
                legislators=[legislator, LegislatorFactory()],
                papers=[paper],
                members_present=[coalition.wg_member],
                logged_by=UserFactory(),
            )
            FollowUpFactory(contact=contact, owner=UserFactory())

    assert_constant_queries(member, paper_url(paper), add, small=1, large=4)


# The log in a browser-free flow: logged, then seen on the paper's page ---------------------


def test_a_logged_meeting_with_two_legislators_about_two_papers_shows_on_each_paper(
    coalition, member, paper
):
    other_paper = coalition.legislative_paper()
    ann, bob = LegislatorFactory(full_name="Ann Able"), LegislatorFactory(full_name="Bob Baker")

    member.post(NEW, contact_data(legislators=[ann, bob], papers=[paper, other_paper]))

    for shown in (paper, other_paper):
        html = member.get(paper_url(shown)).content.decode()
        assert "Ann Able" in html
        assert "Bob Baker" in html
        assert "Supportive" in html


# In a browser: the filterable lists, and the pages full of rows, checked by axe -------------


@pytest.fixture
def full_log(coalition, paper):
    """A paper with a bill, a committee, legislators in both chambers, and a
    contact with a follow-up that was changed once."""
    committee = CommitteeFactory(chamber="assembly", name="Health")
    ann = LegislatorFactory(full_name="Ann Able", district=3)
    LegislatorFactory(full_name="Bob Baker", district=4).committees.add(committee)
    sam = LegislatorFactory(full_name="Sam Senator", chamber="senate", district=9)
    ann.committees.add(committee)
    bill = BillFactory(number="AB 12")
    bill.papers.add(paper)
    bill.committees.add(committee)
    contact = ContactFactory(
        legislators=[ann, sam], papers=[paper], bills=[bill], logged_by=coalition.wg_member,
        members_present=[coalition.wg_member], organisations_present=[OrganisationFactory()],
        notes="Asked for the **fiscal note**.", on=timezone.localdate(),
    )  # fmt: skip
    follow_up = FollowUpFactory(
        contact=contact, owner=coalition.admin, due_on=timezone.localdate() - datetime.timedelta(1)
    )
    FollowUpFactory(contact=contact, owner=coalition.wg_member, done_at=timezone.now())
    from django.db import transaction

    from issues.services.advocacy import record

    with transaction.atomic():
        record(actor=coalition.wg_member, subject="contact", subject_id=contact.pk,
               action="changed", before={"response": "undecided"},
               after={"response": "supportive"})  # fmt: skip
    return {"contact": contact, "follow_up": follow_up, "ann": ann}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_legislators_list_filters_as_one_types_and_enter_sends_nothing(
    coalition, page_as, full_log, paper
):
    from tests.test_accessibility import assert_accessible, record_console_errors

    page = page_as(coalition.wg_member)
    errors = record_console_errors(page)
    page.goto(NEW)
    legislators = page.get_by_role("group", name="Legislators met")
    box = page.get_by_label("Filter the legislators by name, district or party letter (D, R)")

    box.fill("senator")

    assert legislators.get_by_label("Sen. Sam Senator (D-9)").is_visible()
    assert not legislators.get_by_label("Rep. Ann Able (D-3)").is_visible()
    assert not page.get_by_role("group", name="Assembly").is_visible()
    assert "1 of 3 shown" in legislators.inner_text()
    box.press("Enter")
    assert page.url.endswith(NEW)
    assert page.evaluate("document.activeElement.id") == legislators.get_by_label(
        "Sen. Sam Senator (D-9)"
    ).get_attribute("id")
    page.keyboard.press("Space")
    box.fill("")
    assert legislators.get_by_label("Rep. Ann Able (D-3)").is_visible()
    assert_accessible(page)
    assert errors == []  # nothing refused by the Content-Security-Policy
    # Sent without a paper: the form comes back with the legislator still ticked.
    page.locator("label[for=id_response_0]").click()  # USWDS draws the radio on its label
    page.get_by_role("button", name="Log the contact").click()
    assert "Tick at least one paper." in page.content()
    assert legislators.get_by_label("Sen. Sam Senator (D-9)").is_checked()
    assert_accessible(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_log_pages_full_of_rows_have_no_wcag_violations(coalition, page_as, full_log, paper):
    from tests.test_accessibility import assert_page_accessible

    page = page_as(coalition.admin)
    contact = full_log["contact"]
    for path in (
        contact.get_absolute_url(),
        edit_url(contact),
        reverse("advocacy:follow_ups"),
        reverse("advocacy:contacts"),
        paper_url(paper),
        full_log["ann"].get_absolute_url(),
    ):
        assert assert_page_accessible(page, path).status == 200, path
