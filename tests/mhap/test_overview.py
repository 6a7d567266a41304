"""The Core Group's overview."""

import re

import pytest
from django.urls import reverse

from summits.models import Feedback
from tests.factories import IssueFactory, OrganisationFactory, SectorFactory, UserFactory
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db


def test_every_count_links_to_the_triage_page_filtered_to_it(coalition, client_as):
    for _ in range(3):
        IssueFactory(
            workgroup=coalition.workgroup, status="accepted", term="short", legislative="yes"
        )
    client = client_as(coalition.core)

    content = client.get(reverse("overview")).content.decode()

    link = re.search(
        rf'href="(/issues/\?workgroup={coalition.workgroup.pk}&amp;status=accepted)">3<', content
    )
    assert link
    triage = client.get(link.group(1).replace("&amp;", "&"))
    assert len(triage.context["page"].object_list) == 3
    assert 'href="/issues/?term=short&amp;legislative=yes">3<' in content
    assert '<svg class="mhap-chart"' in content
    assert 'role="img"' in content


def test_sectors_missing_from_the_conversation_are_named(coalition, client_as):
    families = SectorFactory(name="Family members")
    providers = SectorFactory(name="Providers")
    UserFactory(organisation=OrganisationFactory(sector=families))
    giver = UserFactory(organisation=OrganisationFactory(sector=providers))
    feedback_round = coalition.feedback_round()
    Feedback.objects.create(
        round=feedback_round,
        revision=feedback_round.revisions.get(),
        person=giver,
        organisation=giver.organisation,
        stance="support",
    )

    participation = client_as(coalition.core).get(reverse("overview")).context["participation"]

    assert "Family members" in participation["missing"]
    assert "Providers" not in participation["missing"]


def test_papers_show_feedback_and_the_share_answered(coalition, client_as):
    feedback_round = coalition.feedback_round()
    revision = feedback_round.revisions.get()
    for n, disposition in enumerate(["accepted", ""]):
        Feedback.objects.create(
            round=feedback_round,
            revision=revision,
            stance="support",
            giver_name=f"Guest {n}",
            disposition=disposition,
        )

    papers = client_as(coalition.core).get(reverse("overview")).context["papers"]

    (paper,) = [p for p in papers if p.pk == revision.paper_id]
    assert (paper.feedback_total, paper.answered_share) == (2, 50)


def test_the_overview_queries_do_not_grow_with_issues_papers_or_feedback(coalition, client_as):
    feedback_round = coalition.feedback_round()
    revision = feedback_round.revisions.get()

    def add(n):
        for _ in range(n):
            IssueFactory(workgroup=coalition.workgroup)
            coalition.paper()
            person = UserFactory(organisation=OrganisationFactory())
            Feedback.objects.create(
                round=feedback_round,
                revision=revision,
                person=person,
                organisation=person.organisation,
                stance="oppose",
            )

    assert_constant_queries(client_as(coalition.core), reverse("overview"), add)
