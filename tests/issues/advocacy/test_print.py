"""Advocacy's overview, the printable leave-behind and a paper's supporters."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from issues.models import AdvocacyChange, IssuePaper, PaperRevision, PaperSupport
from tests.factories import (
    BillFactory,
    CommitteeFactory,
    ContactFactory,
    FollowUpFactory,
    LegislatorFactory,
    OrganisationFactory,
)
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db


def overview_row(client, paper):
    response = client.get(reverse("advocacy:overview"))
    assert response.status_code == 200
    rows = [*response.context["legislative"], *response.context["others"]]
    return next(row for row in rows if row.paper.pk == paper.pk)


# The overview ------------------------------------------------------------------


def test_overview_counts_each_legislators_latest_response_once(coalition, client_as):
    paper = coalition.legislative_paper()
    changed_mind, firm = LegislatorFactory(full_name="Ann Arbor"), LegislatorFactory()
    ContactFactory(
        on=datetime.date(2025, 2, 3), legislators=[changed_mind, firm], papers=[paper],
        legislators__response="undecided",
    )  # fmt: skip
    ContactFactory(
        on=datetime.date(2025, 3, 10), legislators=[changed_mind], papers=[paper],
        legislators__response="supportive",
    )  # fmt: skip

    row = overview_row(client_as(coalition.wg_member), paper)

    assert [(value, count) for value, _, count in row.tally] == [
        ("supportive", 1), ("undecided", 1), ("opposed", 0), ("no_response", 0),
    ]  # fmt: skip
    assert {reached.legislator.pk: reached.response for reached in row.reached} == {
        changed_mind.pk: "supportive",
        firm.pk: "undecided",
    }
    assert row.paper.contact_count == 2
    assert row.paper.last_contact_on == datetime.date(2025, 3, 10)


def test_overview_counts_each_legislator_under_their_own_response(coalition, client_as):
    paper = coalition.legislative_paper()
    for_it, against = LegislatorFactory(), LegislatorFactory()
    ContactFactory(
        legislators={for_it: "supportive", against: "opposed"}, papers=[paper],
        members_present=[coalition.wg_member, coalition.core], logged_by=coalition.core,
    )  # fmt: skip
    ContactFactory(legislators=[LegislatorFactory()], papers=[paper], logged_by=coalition.core)

    row = overview_row(client_as(coalition.wg_member), paper)

    assert [(value, count) for value, _, count in row.tally] == [
        ("supportive", 2), ("undecided", 0), ("opposed", 1), ("no_response", 0),
    ]  # fmt: skip
    by_pk = {reached.legislator.pk: reached for reached in row.reached}
    assert by_pk[for_it.pk].label == "Supportive"
    assert by_pk[against.pk].label == "Opposed"
    # Who met them: those present, else whoever logged it.
    met = sorted([coalition.wg_member.full_name, coalition.core.full_name])
    assert by_pk[for_it.pk].met_by == met
    assert [r.met_by for pk, r in by_pk.items() if pk not in (for_it.pk, against.pk)] == [
        [coalition.core.full_name]
    ]


def test_overview_counts_committee_members_reached_out_of_all(coalition, client_as):
    paper = coalition.legislative_paper()
    health = CommitteeFactory(chamber="senate", name="Health")
    bill = BillFactory(number="SB 12", status="in_committee")
    bill.papers.add(paper)
    bill.committees.add(health)
    on_committee = [LegislatorFactory(chamber="senate") for _ in range(3)]
    for legislator in on_committee:
        legislator.committees.add(health)
    elsewhere = LegislatorFactory()
    ContactFactory(legislators=[on_committee[0], elsewhere], papers=[paper])

    row = overview_row(client_as(coalition.wg_member), paper)

    assert (len(row.reached), row.committee_reached, row.committee_members) == (2, 1, 3)
    assert row.bills == [bill]
    assert row.committees == [health]


def test_overview_lists_open_follow_ups_of_every_paper_a_contact_was_about(coalition, client_as):
    first, second = coalition.legislative_paper(), coalition.legislative_paper()
    contact = ContactFactory(papers=[first, second, coalition.paper()],
                             members_present=[coalition.wg_chair],
                             logged_by=coalition.wg_member)  # fmt: skip
    today = timezone.localdate()
    FollowUpFactory(contact=contact, owner=coalition.core, due_on=today - datetime.timedelta(1))
    FollowUpFactory(contact=contact, owner=coalition.core, due_on=today + datetime.timedelta(3))
    FollowUpFactory(contact=contact, owner=coalition.core, due_on=today, done_at=timezone.now())
    client = client_as(coalition.partner)

    rows = [overview_row(client, first), overview_row(client, second)]

    assert [(len(row.follow_ups), row.overdue) for row in rows] == [(2, 1), (2, 1)]
    assert rows[0].people == sorted([coalition.wg_chair.full_name, coalition.wg_member.full_name])
    content = client.get(reverse("advocacy:overview")).content.decode()
    assert "<strong>Overdue:</strong>" in content


def test_overview_shows_legislative_papers_then_other_adopted_papers_with_contacts(
    coalition, client_as
):
    legislative = coalition.legislative_paper()
    discussed, quiet = coalition.legislative_paper(), coalition.legislative_paper()
    IssuePaper.objects.filter(pk__in=[discussed.pk, quiet.pk]).update(legislative=False)
    draft = coalition.paper()
    ContactFactory(papers=[discussed, draft])

    response = client_as(coalition.wg_member).get(reverse("advocacy:overview"))

    assert [row.paper.pk for row in response.context["legislative"]] == [legislative.pk]
    assert [row.paper.pk for row in response.context["others"]] == [discussed.pk]
    content = response.content.decode()
    assert reverse("advocacy:leave_behind", kwargs={"pk": legislative.pk}) in content
    assert reverse("advocacy:leave_behind", kwargs={"pk": discussed.pk}) not in content
    assert f"{reverse('advocacy:log_contact')}?paper={legislative.pk}" in content
    assert reverse("advocacy:paper", kwargs={"pk": legislative.pk}) in content


def test_overview_links_supporters_for_the_core_group_only(coalition, client_as):
    paper = coalition.legislative_paper()
    supporters = reverse("advocacy:supporters", kwargs={"pk": paper.pk})

    as_member = client_as(coalition.wg_member).get(reverse("advocacy:overview"))
    as_core = client_as(coalition.core).get(reverse("advocacy:overview"))

    assert supporters not in as_member.content.decode()
    assert supporters in as_core.content.decode()


def test_overview_lists_the_most_recent_contacts_first(coalition, client_as):
    paper = coalition.legislative_paper()
    old = ContactFactory(on=datetime.date(2025, 1, 7), papers=[paper])
    new = ContactFactory(on=datetime.date(2025, 4, 1), papers=[paper])

    response = client_as(coalition.wg_member).get(reverse("advocacy:overview"))

    assert response.context["recent"] == [new, old]


def test_overview_queries_do_not_grow_with_papers_contacts_or_legislators(coalition, client_as):
    committee = CommitteeFactory()
    today = timezone.localdate()

    def add_rows(n):
        for _ in range(n):
            paper = coalition.legislative_paper()
            bill = BillFactory()
            bill.papers.add(paper)
            bill.committees.add(committee)
            legislators = [LegislatorFactory(), LegislatorFactory()]
            legislators[0].committees.add(committee)
            contact = ContactFactory(
                papers=[paper], legislators=legislators, bills=[bill],
                members_present=[coalition.wg_member], logged_by=coalition.wg_chair,
            )  # fmt: skip
            FollowUpFactory(contact=contact, owner=coalition.wg_member, due_on=today)

    assert_constant_queries(
        client_as(coalition.wg_member), reverse("advocacy:overview"), add_rows, small=2, large=6
    )


def test_overview_is_for_members_only(coalition, client_as):
    response = client_as(None).get(reverse("advocacy:overview"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# The leave-behind -------------------------------------------------------------------


def test_leave_behind_has_the_adopted_text_supporters_bills_and_a_contact(coalition, client_as):
    paper = coalition.legislative_paper()
    PaperRevision.objects.filter(pk=paper.adopted_revision_id).update(
        summary="Fund **988** from a fee. <script>alert('x')</script>"
    )
    PaperSupport.objects.create(paper=paper, organisation=OrganisationFactory(name="NAMI Dane"))
    bill = BillFactory(number="AB 118", title="Relating to a 988 fee")
    bill.papers.add(paper)

    response = client_as(coalition.wg_member).get(
        reverse("advocacy:leave_behind", kwargs={"pk": paper.pk})
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{paper.adopted_revision.title}</h1>" in content
    assert "Fund <strong>988</strong> from a fee." in content
    assert "<script>alert" not in content
    assert '<li value="1">' in content and '<li value="2">' in content
    assert "Recommendation 1 of the paper." in content
    assert "NAMI Dane" in content
    assert "AB 118" in content and "Relating to a 988 fee" in content
    assert coalition.wg_member.email in content  # the contact line: who prints it
    assert "js/print_button.js" in content
    assert " style=" not in content and " onclick=" not in content


@pytest.mark.parametrize("state", ["draft", "under_review", "archived"])
def test_leave_behind_is_not_found_for_a_paper_not_adopted(state, coalition, client_as):
    paper = coalition.paper(state=state)

    response = client_as(coalition.core).get(
        reverse("advocacy:leave_behind", kwargs={"pk": paper.pk})
    )

    assert response.status_code == 404


def test_leave_behind_is_not_found_for_a_non_legislative_paper(coalition, client_as):
    paper = coalition.legislative_paper()
    IssuePaper.objects.filter(pk=paper.pk).update(legislative=False)

    response = client_as(coalition.core).get(
        reverse("advocacy:leave_behind", kwargs={"pk": paper.pk})
    )

    assert response.status_code == 404


# Supporters ---------------------------------------------------------------------


def test_core_adds_a_supporter_and_the_change_is_recorded(coalition, client_as):
    paper = coalition.legislative_paper()
    organisation = OrganisationFactory(name="Recovery Alliance of Milwaukee")
    url = reverse("advocacy:supporters", kwargs={"pk": paper.pk})

    response = client_as(coalition.core).post(url, {"organisation": organisation.pk})

    assert response.status_code == 302
    support = PaperSupport.objects.get(paper=paper)
    assert (support.organisation, support.added_by) == (organisation, coalition.core)
    change = AdvocacyChange.objects.get()
    assert (change.actor, change.subject, change.subject_id, change.action) == (
        coalition.core, "paper", paper.pk, "supporter_added",
    )  # fmt: skip
    assert change.changes == {"supporters": [[], ["Recovery Alliance of Milwaukee"]]}


def test_supporters_offer_only_organisations_not_yet_supporting(coalition, client_as):
    paper = coalition.legislative_paper()
    already = OrganisationFactory(name="Already There")
    PaperSupport.objects.create(paper=paper, organisation=already)
    url = reverse("advocacy:supporters", kwargs={"pk": paper.pk})
    client = client_as(coalition.admin)

    page = client.get(url)
    again = client.post(url, {"organisation": already.pk})

    assert already not in page.context["form"].fields["organisation"].queryset
    assert again.status_code == 400
    assert PaperSupport.objects.filter(paper=paper).count() == 1
    assert not AdvocacyChange.objects.exists()


def test_core_removes_a_supporter_and_the_change_is_recorded(coalition, client_as):
    paper = coalition.legislative_paper()
    support = PaperSupport.objects.create(
        paper=paper, organisation=OrganisationFactory(name="Fox Valley Family Voices")
    )
    url = reverse("advocacy:remove_supporter", kwargs={"pk": paper.pk, "support_pk": support.pk})

    response = client_as(coalition.core).post(url)

    assert response.status_code == 302
    assert not PaperSupport.objects.exists()
    change = AdvocacyChange.objects.get()
    assert change.action == "supporter_removed"
    assert change.changes == {"supporters": [["Fox Valley Family Voices"], []]}


def test_removing_a_supporter_of_another_paper_is_not_found(coalition, client_as):
    paper, other = coalition.legislative_paper(), coalition.legislative_paper()
    support = PaperSupport.objects.create(paper=other, organisation=OrganisationFactory())
    url = reverse("advocacy:remove_supporter", kwargs={"pk": paper.pk, "support_pk": support.pk})

    response = client_as(coalition.core).post(url)

    assert response.status_code == 404
    assert PaperSupport.objects.count() == 1


def test_removing_a_supporter_refuses_get(coalition, client_as):
    paper = coalition.legislative_paper()
    support = PaperSupport.objects.create(paper=paper, organisation=OrganisationFactory())
    url = reverse("advocacy:remove_supporter", kwargs={"pk": paper.pk, "support_pk": support.pk})

    response = client_as(coalition.core).get(url)

    assert response.status_code == 405
    assert PaperSupport.objects.count() == 1


@pytest.mark.parametrize("role", ["partner", "wg_member", "wg_chair"])
def test_members_outside_the_core_group_may_not_add_supporters(role, coalition, client_as):
    paper = coalition.legislative_paper()
    url = reverse("advocacy:supporters", kwargs={"pk": paper.pk})

    response = client_as(coalition.user(role)).post(url, {"organisation": OrganisationFactory().pk})

    assert response.status_code == 403
    assert not PaperSupport.objects.exists()


def test_supporters_of_a_paper_not_adopted_are_not_found(coalition, client_as):
    paper = coalition.paper()

    response = client_as(coalition.core).get(
        reverse("advocacy:supporters", kwargs={"pk": paper.pk})
    )

    assert response.status_code == 404
