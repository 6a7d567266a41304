import datetime
import re

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from issues.models import IssuePaper
from summits import selectors, services
from summits.models import Feedback, FeedbackDraft
from tests.factories import OrganisationFactory
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db


def fields(**overrides):
    values = {
        "stance": "support_with_changes",
        "comments": "Name the fund.",
        "suggested_changes": "",
        "recommendation_number": None,
        "organisation_position": False,
    }
    values.update(overrides)
    return values


@pytest.fixture
def feedback_round(coalition):
    return coalition.feedback_round()


@pytest.fixture
def revision(feedback_round):
    return feedback_round.revisions.get()


def at(monkeypatch, moment):
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_round_puts_a_submitted_paper_under_review_on_its_frozen_version(feedback_round):
    paper = IssuePaper.objects.get()

    assert paper.state == "under_review"
    assert list(feedback_round.revisions.all()) == [paper.review_revision]


def test_feedback_is_one_per_person_and_edited_in_place(coalition, feedback_round, revision):
    services.give_feedback(
        person=coalition.partner, feedback_round=feedback_round, revision=revision, **fields()
    )
    services.give_feedback(
        person=coalition.partner,
        feedback_round=feedback_round,
        revision=revision,
        **fields(stance="oppose"),
    )

    assert list(Feedback.objects.values_list("person", "stance")) == [
        (coalition.partner.pk, "oppose")
    ]


def test_one_feedback_per_person_is_a_database_rule(coalition, feedback_round, revision):
    Feedback.objects.create(
        round=feedback_round, revision=revision, person=coalition.partner, stance="support"
    )

    with pytest.raises(IntegrityError):
        Feedback.objects.create(
            round=feedback_round, revision=revision, person=coalition.partner, stance="oppose"
        )


def test_one_organisation_position_per_paper_and_round(coalition, feedback_round, revision):
    organisation = OrganisationFactory(name="NAMI Wisconsin")
    for person in (coalition.partner, coalition.wg_member):
        person.organisation = organisation
        person.save(update_fields=["organisation"])
    services.give_feedback(
        person=coalition.partner,
        feedback_round=feedback_round,
        revision=revision,
        **fields(organisation_position=True),
    )

    with pytest.raises(services.SummitError, match="NAMI Wisconsin has stated its position"):
        services.give_feedback(
            person=coalition.wg_member,
            feedback_round=feedback_round,
            revision=revision,
            **fields(organisation_position=True),
        )
    services.give_feedback(
        person=coalition.wg_member, feedback_round=feedback_round, revision=revision, **fields()
    )

    assert Feedback.objects.filter(organisation=organisation).count() == 2


def test_window_a_second_before_the_close_is_accepted(
    coalition, feedback_round, revision, monkeypatch
):
    at(monkeypatch, feedback_round.closes_at - datetime.timedelta(seconds=1))

    services.give_feedback(
        person=coalition.partner, feedback_round=feedback_round, revision=revision, **fields()
    )

    assert Feedback.objects.count() == 1


def test_window_a_second_after_the_close_is_refused_and_text_kept(
    coalition, client_as, feedback_round, revision, monkeypatch
):
    at(monkeypatch, feedback_round.closes_at + datetime.timedelta(seconds=1))

    response = client_as(coalition.partner).post(
        reverse(
            "summits:give_feedback", kwargs={"pk": feedback_round.pk, "paper_pk": revision.paper_id}
        ),
        {"stance": "concerns", "comments": "My late but careful words."},
    )

    page = response.content.decode()
    assert response.status_code == 409
    assert "closed at" in page
    assert "My late but careful words." in page
    assert not Feedback.objects.exists()
    assert FeedbackDraft.objects.get().data["comments"] == ["My late but careful words."]


def test_feedback_before_the_round_opens_is_refused(coalition):
    feedback_round = coalition.feedback_round(open_now=False)

    with pytest.raises(services.RoundClosed):
        services.give_feedback(
            person=coalition.partner,
            feedback_round=feedback_round,
            revision=feedback_round.revisions.get(),
            **fields(),
        )


def test_kept_draft_counts_nowhere_and_comes_back_in_the_form(
    coalition, client_as, feedback_round, revision
):
    client = client_as(coalition.partner)
    kwargs = {"pk": feedback_round.pk, "paper_pk": revision.paper_id}
    client.post(reverse("summits:keep_feedback", kwargs=kwargs), {"comments": "Half a thought"})

    page = client.get(reverse("summits:give_feedback", kwargs=kwargs)).content.decode()

    assert "Half a thought" in page
    assert "This field is required" not in page
    assert not Feedback.objects.exists()
    assert selectors.rounds_open_to(person=coalition.partner)[0].answered == 0


def test_rounds_open_to_me_count_answered_papers(coalition, client_as, feedback_round, revision):
    client = client_as(coalition.partner)
    client.post(
        reverse(
            "summits:give_feedback", kwargs={"pk": feedback_round.pk, "paper_pk": revision.paper_id}
        ),
        {"stance": "support", "comments": ""},
    )

    page = client.get(reverse("summits:list")).content.decode()

    assert "you have answered 1 of 1 paper;" in page
    assert not FeedbackDraft.objects.exists()


def test_round_form_refuses_a_close_before_the_open_and_keeps_the_text(coalition, client_as):
    summit = coalition.summit()

    response = client_as(coalition.core).post(
        reverse("summits:round_create", kwargs={"slug": summit.slug}),
        {"title": "At the summit", "opens_on": "2027-01-21", "opens_time": "09:00",
         "closes_on": "2027-01-20", "closes_time": "17:00"},
    )  # fmt: skip

    assert response.status_code == 400
    assert "The round closes after it opens." in response.content.decode()
    assert "At the summit" in response.content.decode()


# Reports and dispositions -----------------------------------------------------------


def report_url(feedback_round, revision):
    return reverse(
        "summits:report", kwargs={"pk": feedback_round.pk, "paper_pk": revision.paper_id}
    )


def give(person, feedback_round, revision, **overrides):
    return services.give_feedback(
        person=person, feedback_round=feedback_round, revision=revision, **fields(**overrides)
    )


def test_members_see_results_only_once_the_round_closes(
    coalition, client_as, feedback_round, revision, monkeypatch
):
    client = client_as(coalition.partner)
    assert client.get(report_url(feedback_round, revision)).status_code == 403

    at(monkeypatch, feedback_round.closes_at)
    response = client.get(report_url(feedback_round, revision))

    assert response.status_code == 200
    assert not response.context["report"].feedback.exists()  # counts only: not others' comments


def test_results_while_open_when_the_round_says_so(coalition, client_as, feedback_round, revision):
    feedback_round.results_while_open = True
    feedback_round.save(update_fields=["results_while_open"])

    assert client_as(coalition.partner).get(report_url(feedback_round, revision)).status_code == 200


def test_report_counts_by_stance_and_sector(coalition, client_as, feedback_round, revision):
    organisation = OrganisationFactory(name="Family Voices", sector__name="Families")
    coalition.partner.organisation = organisation
    coalition.partner.save(update_fields=["organisation"])
    give(coalition.partner, feedback_round, revision, stance="oppose")
    give(coalition.wg_member, feedback_round, revision, stance="oppose")
    give(coalition.other_chair, feedback_round, revision, stance="support")

    report = (
        client_as(coalition.wg_chair).get(report_url(feedback_round, revision)).context["report"]
    )

    assert report.total == 3
    assert dict(report.by_stance)["Oppose"] == 2
    assert dict(report.by_sector)["Families"] == 1
    assert [item.giver for item in report.feedback] == [
        coalition.partner.full_name,
        coalition.wg_member.full_name,
        coalition.other_chair.full_name,
    ]


def test_report_queries_do_not_grow(coalition, client_as, feedback_round, revision):
    from tests.factories import UserFactory

    def add(n):
        for _ in range(n):
            give(UserFactory(organisation=OrganisationFactory()), feedback_round, revision)

    assert_constant_queries(
        client_as(coalition.core), report_url(feedback_round, revision), add, 2, 20
    )


def test_chair_answers_feedback_and_the_giver_sees_it(
    coalition, client_as, feedback_round, revision
):
    feedback = give(coalition.partner, feedback_round, revision)

    client_as(coalition.wg_chair).post(
        reverse("summits:disposition", kwargs={"pk": feedback.pk}),
        {"disposition": "partly_accepted", "reason": "The fee is now optional."},
    )
    page = client_as(coalition.partner).get(feedback_round.get_absolute_url()).content.decode()

    feedback.refresh_from_db()
    assert (feedback.disposition, feedback.disposed_by) == ("partly_accepted", coalition.wg_chair)
    assert "partly accepted" in page
    assert "The fee is now optional." in page


def test_chair_of_another_workgroup_cannot_answer(coalition, feedback_round, revision):
    feedback = give(coalition.partner, feedback_round, revision)

    with pytest.raises(services.NotAllowed):
        services.dispose(
            actor=coalition.other_chair, feedback=feedback, disposition="accepted", reason=""
        )


def test_feedback_csv_for_chairs_holds_their_papers_only(
    coalition, client_as, feedback_round, revision
):
    import csv
    import io

    give(coalition.partner, feedback_round, revision, comments="=cmd()")
    url = reverse("summits:feedback_csv", kwargs={"pk": feedback_round.pk})

    own = list(csv.reader(io.StringIO(client_as(coalition.wg_chair).get(url).content.decode())))
    other = list(
        csv.reader(io.StringIO(client_as(coalition.other_chair).get(url).content.decode()))
    )

    assert len(own) == 2
    assert own[1][8] == "'=cmd()"
    assert len(other) == 1  # the header only


def test_organiser_enters_feedback_for_someone_after_the_close(
    coalition, client_as, feedback_round, revision, monkeypatch
):
    organisation = OrganisationFactory(name="Fox Valley Family Voices")
    at(monkeypatch, feedback_round.closes_at + datetime.timedelta(days=1))

    url = reverse(
        "summits:on_behalf", kwargs={"pk": feedback_round.pk, "paper_pk": revision.paper_id}
    )
    response = client_as(coalition.core).post(
        url,
        {"giver_name": "Ana Ortiz", "organisation": organisation.pk, "stance": "support",
         "comments": "Said at table 4.", "organisation_position": "on"},
    )  # fmt: skip

    feedback = Feedback.objects.get()
    assert response.status_code == 302
    assert (feedback.person, feedback.giver, feedback.entered_by) == (
        None,
        "Ana Ortiz",
        coalition.core,
    )
    assert feedback.organisation_position is True


def test_on_behalf_by_a_chair_is_refused(coalition, feedback_round, revision):
    with pytest.raises(services.NotAllowed):
        services.enter_on_behalf(
            actor=coalition.wg_chair,
            feedback_round=feedback_round,
            revision=revision,
            giver_name="Ana",
            organisation=None,
            **fields(),
        )


def test_round_summary_counts_papers_and_shows_who_is_missing(
    coalition, client_as, feedback_round, revision
):
    from members.models import Sector

    families = OrganisationFactory(name="Family Voices", sector=Sector.objects.create(
        name="Families", slug="families"))  # fmt: skip
    counties = OrganisationFactory(name="Dane County", sector=Sector.objects.create(
        name="Counties", slug="counties"))  # fmt: skip
    coalition.partner.organisation = families
    coalition.partner.save(update_fields=["organisation"])
    coalition.wg_member.organisation = counties
    coalition.wg_member.save(update_fields=["organisation"])
    feedback = give(coalition.partner, feedback_round, revision, stance="concerns")
    services.dispose(actor=coalition.wg_chair, feedback=feedback, disposition="accepted", reason="")

    response = client_as(coalition.core).get(
        reverse("summits:round_summary", kwargs={"pk": feedback_round.pk})
    )

    summary = response.context["summary"]
    paper = summary.papers[0]
    assert (paper.total, paper.answered, dict(paper.by_stance)["Concerns"]) == (1, 1, 1)
    assert ("Families", 1, 1) in summary.sectors
    assert ("Counties", 1, 0) in summary.sectors
    assert summary.organisations_in == [families]
    assert summary.people_in == [coalition.partner.full_name]
    assert coalition.wg_member.full_name in summary.people_out
    assert counties in summary.organisations_out
    assert "missing from the conversation" in response.content.decode()


def test_round_summary_queries_do_not_grow(coalition, client_as, feedback_round, revision):
    from tests.factories import UserFactory

    def add(n):
        for _ in range(n):
            give(UserFactory(organisation=OrganisationFactory()), feedback_round, revision)

    assert_constant_queries(
        client_as(coalition.core),
        reverse("summits:round_summary", kwargs={"pk": feedback_round.pk}),
        add,
        2,
        20,
    )


def test_giver_sees_what_changed_since_the_version_they_reviewed(
    coalition, client_as, feedback_round, revision
):
    from issues import services as issue_services

    feedback = give(coalition.partner, feedback_round, revision)
    paper = revision.paper
    issue_services.return_for_revision(actor=coalition.wg_chair, paper=paper)
    issue_services.save_revision(
        actor=coalition.wg_chair,
        paper=paper,
        content={"title": paper.title, "summary": "Fund the line from a phone fee."},
        recommendations=[issue_services.RecommendationText(text="A revised ask.")],
        expected_version=paper.version,
    )
    issue_services.submit_for_review(actor=coalition.wg_chair, paper=paper, expected_version=3)
    issue_services.start_review(actor=coalition.core, paper=paper)

    page = client_as(coalition.partner).get(
        reverse("summits:changes_since", kwargs={"pk": feedback.pk})
    )

    assert page.context["new"].number == 3
    assert "phone" in "".join(
        chunk.text for s in page.context["sections"] for chunk in s.chunks if chunk.op == "insert"
    )


def test_a_long_report_shows_a_page_of_items_and_an_answer_returns_to_its_page(
    coalition, client_as, feedback_round, revision, monkeypatch
):
    from summits import views

    monkeypatch.setattr(views, "REPORT_PAGE_SIZE", 2)
    for person in (coalition.partner, coalition.wg_member, coalition.other_chair):
        give(person, feedback_round, revision)
    client = client_as(coalition.core)

    first = client.get(report_url(feedback_round, revision))
    last = client.get(report_url(feedback_round, revision) + "?page=2")

    assert first.context["report"].total == 3
    assert len(first.context["page"]) == 2
    assert "Page 1 of 2" in first.content.decode()
    (item,) = last.context["page"]
    assert f'id="feedback-{item.pk}"' in last.content.decode()
    answered = client.post(
        reverse("summits:disposition", kwargs={"pk": item.pk}),
        {"disposition": "accepted", "reason": "Agreed.", "page": "2"},
    )
    assert answered["Location"].endswith(f"?page=2#feedback-{item.pk}")
    assert client.get(report_url(feedback_round, revision)).context["report"].answered == 1


def test_report_before_the_close_says_when_results_come(
    coalition, client_as, feedback_round, revision
):
    response = client_as(coalition.partner).get(report_url(feedback_round, revision))

    assert response.status_code == 403
    assert "The results come when the round closes" in response.content.decode()


def test_round_paper_with_an_impossible_id_is_not_found(coalition, client_as, feedback_round):
    response = client_as(coalition.partner).get(
        reverse("summits:give_feedback", kwargs={"pk": feedback_round.pk, "paper_pk": 10**20})
    )

    assert response.status_code == 404


def test_unsubmitted_changes_are_shown_beside_the_recorded_feedback(
    coalition, client_as, feedback_round, revision
):
    give(coalition.partner, feedback_round, revision, stance="concerns", comments="Recorded.")
    client = client_as(coalition.partner)
    kwargs = {"pk": feedback_round.pk, "paper_pk": revision.paper_id}
    client.post(reverse("summits:keep_feedback", kwargs=kwargs), {"comments": "Second thoughts"})

    page = client.get(reverse("summits:give_feedback", kwargs=kwargs)).content.decode()

    assert "have not submitted" in page
    assert "“Recorded.”" in page
    assert "Second thoughts" in page


def test_an_autosave_arriving_after_its_form_was_submitted_is_not_kept(
    coalition, client_as, feedback_round, revision
):
    client = client_as(coalition.partner)
    kwargs = {"pk": feedback_round.pk, "paper_pk": revision.paper_id}
    form_url = reverse("summits:give_feedback", kwargs=kwargs)
    page = client.get(form_url).content.decode()
    opened_on = re.search(r'name="opened_on" value="([^"]*)"', page).group(1)
    typed = {"stance": "support", "comments": "Fund it.", "opened_on": opened_on}

    client.post(form_url, typed)  # submitted ...
    late = client.post(reverse("summits:keep_feedback", kwargs=kwargs), typed)  # ... then this

    assert "submitted since this page opened" in late.content.decode()
    assert not FeedbackDraft.objects.exists()
    page = client.get(form_url).content.decode()
    assert "have not submitted" not in page
    # Typing on the page opened after the submission is kept as before.
    opened_on = re.search(r'name="opened_on" value="([^"]*)"', page).group(1)
    assert opened_on
    kept = client.post(
        reverse("summits:keep_feedback", kwargs=kwargs),
        {**typed, "comments": "Fund it twice.", "opened_on": opened_on},
    )
    assert "Kept as you type" in kept.content.decode()
    assert FeedbackDraft.objects.get().data["comments"] == ["Fund it twice."]


def test_feedback_before_the_open_says_when_it_opens(coalition):
    feedback_round = coalition.feedback_round(open_now=False)

    with pytest.raises(services.RoundClosed, match="opens at"):
        services.give_feedback(
            person=coalition.partner,
            feedback_round=feedback_round,
            revision=feedback_round.revisions.get(),
            **fields(),
        )
