"""Advocacy follow-ups are reminded to their owner through the reminders engine
(issues/reminder_kinds.py): a day before they fall due at 9 am in the
coalition's zone, once; never once done; for the new date when moved."""

import datetime

import pytest
from django.core import mail

from issues.services import advocacy_log as services
from reminders import engine
from reminders.models import Delivery
from tests.factories import FollowUpFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
MINUTE = datetime.timedelta(minutes=1)
DUE_ON = datetime.date(2026, 12, 10)
# 9 am CST (UTC-6) on the day before it is due.
REMIND_AT = datetime.datetime(2026, 12, 9, 15, 0, tzinfo=UTC)


def sweep(at) -> list:
    """Run the sweep at `at`; the messages it sent."""
    before = len(mail.outbox)
    engine.sweep(now=at)
    return mail.outbox[before:]


@pytest.fixture
def follow_up(coalition):
    return FollowUpFactory(
        contact=coalition.contact(),
        owner=coalition.wg_chair,
        due_on=DUE_ON,
        description="Send the fiscal note to the office",
    )


@pytest.mark.parametrize(
    ("due_on", "remind_at"),
    [
        pytest.param(DUE_ON, REMIND_AT, id="winter-CST"),
        pytest.param(
            datetime.date(2026, 7, 10),
            datetime.datetime(2026, 7, 9, 14, 0, tzinfo=UTC),  # 9 am CDT (UTC-5)
            id="summer-CDT",
        ),
    ],
)
def test_the_owner_is_reminded_the_day_before_at_nine_local_once(
    coalition, follow_up, due_on, remind_at
):
    follow_up.due_on = due_on
    follow_up.save()

    assert sweep(remind_at - 2 * MINUTE) == []  # planned, not yet due
    (message,) = sweep(remind_at + MINUTE)
    assert sweep(remind_at + 2 * MINUTE) == []  # once

    assert message.to == [coalition.wg_chair.email]
    assert "Advocacy follow-up due" in message.subject
    assert "Send the fiscal note to the office" in message.subject
    assert follow_up.contact.get_absolute_url() in message.body
    assert Delivery.objects.get().status == "sent"


def test_nobody_else_is_reminded(coalition, follow_up):
    sent = sweep(REMIND_AT + MINUTE)

    assert [message.to for message in sent] == [[coalition.wg_chair.email]]


def test_a_follow_up_marked_done_before_it_is_planned_is_not_reminded(coalition, follow_up):
    services.mark_follow_up_done(actor=coalition.wg_chair, follow_up=follow_up)

    assert sweep(REMIND_AT - 2 * MINUTE) == []
    assert sweep(REMIND_AT + MINUTE) == []
    assert not Delivery.objects.filter(status="sent").exists()


def test_a_follow_up_marked_done_after_it_is_planned_is_not_reminded(coalition, follow_up):
    sweep(REMIND_AT - 2 * MINUTE)
    assert Delivery.objects.filter(status="pending").count() == 1

    services.mark_follow_up_done(actor=coalition.wg_member, follow_up=follow_up)

    assert sweep(REMIND_AT + MINUTE) == []
    assert not Delivery.objects.filter(status="sent").exists()


def test_a_moved_due_date_is_reminded_for_its_new_date_only(coalition, follow_up):
    sweep(REMIND_AT - 2 * MINUTE)  # the reminder for the old date is planned
    contact = follow_up.contact
    details = services.ContactDetails(
        on=contact.on,
        kind=contact.kind,
        legislators={row.legislator: row.response for row in contact.responses.all()},
        papers=list(contact.papers.all()),
        ask=contact.ask,
        members_present=list(contact.members_present.all()),
    )
    new_due = DUE_ON + datetime.timedelta(days=2)
    services.change_contact(
        actor=coalition.wg_member,
        contact=contact,
        details=details,
        follow_ups=[
            services.FollowUpRow(
                description=follow_up.description,
                owner=follow_up.owner,
                due_on=new_due,
                follow_up=follow_up,
            )
        ],
    )

    assert sweep(REMIND_AT + MINUTE) == []  # the old date: nothing
    moved = REMIND_AT + datetime.timedelta(days=2)
    assert sweep(moved - 2 * MINUTE) == []
    (message,) = sweep(moved + MINUTE)
    assert sweep(moved + 2 * MINUTE) == []

    assert message.to == [coalition.wg_chair.email]
    assert "Sat 12 Dec" in message.subject
    assert Delivery.objects.filter(status="sent").count() == 1
