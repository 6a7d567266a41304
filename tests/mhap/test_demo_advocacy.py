"""The demo's advocacy: legislators, a bill for each adopted legislative
paper, a season of contacts, and follow-ups coming due for the reminders."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from issues.models import (
    AdvocacyChange,
    Bill,
    Committee,
    Contact,
    FollowUp,
    IssuePaper,
    Legislator,
    OrganisationDistrict,
    PaperSupport,
)

pytestmark = pytest.mark.django_db


def advocacy_counts():
    return tuple(
        model.objects.count()
        for model in (
            Committee, Legislator, Bill, Contact, FollowUp, OrganisationDistrict, PaperSupport,
        )
    )  # fmt: skip


def test_seed_demo_gives_every_adopted_legislative_paper_bills_contacts_and_supporters():
    call_command("seed_demo", "--force")
    first = advocacy_counts()
    call_command("seed_demo", "--force")

    assert advocacy_counts() == first
    papers = IssuePaper.objects.filter(state="adopted", legislative=True)
    assert papers.count() == 10  # "educating legislators on those 10 proposals"
    for paper in papers:
        assert paper.bills.filter(committees__isnull=False).exists(), paper.title
        assert paper.advocacy_contacts.exists(), paper.title
        assert paper.supporters.count() >= 3, paper.title
    legislators = Legislator.objects.all()
    assert legislators.count() >= 40
    assert all(1 <= row.district <= 99 for row in legislators.filter(chamber="assembly"))
    assert all(1 <= row.district <= 33 for row in legislators.filter(chamber="senate"))
    assert all(row.office_email.endswith("@legis.example.gov") for row in legislators)
    assert Contact.objects.filter(on__year=2025, on__month__lte=4).count() >= 30


def test_seed_demo_contacts_and_follow_ups_have_their_records():
    call_command("seed_demo", "--force")

    logged = AdvocacyChange.objects.filter(subject="contact", action="created")
    assert logged.count() == Contact.objects.count()
    assert AdvocacyChange.objects.filter(subject="follow_up", action="created").count() == (
        FollowUp.objects.count()
    )
    done = AdvocacyChange.objects.filter(subject="follow_up", action="done")
    assert done.count() == FollowUp.objects.filter(done_at__isnull=False).count()
    contact = Contact.objects.get(pk=logged.first().subject_id)
    assert logged.first().actor == contact.logged_by
    assert logged.first().changes["legislators"][1] == sorted(
        str(row) for row in contact.responses.all()
    )


def test_seed_demo_has_follow_ups_due_in_the_coming_days_and_some_done():
    call_command("seed_demo", "--force")
    today = timezone.localdate()

    soon = FollowUp.objects.open().filter(
        due_on__gte=today, due_on__lte=today + datetime.timedelta(days=3)
    )
    assert soon.count() >= 2
    assert FollowUp.objects.filter(done_at__isnull=False).exists()
    assert FollowUp.objects.open().filter(due_on__lt=today).exists()  # something overdue
