"""The reminder engine on a fixed clock: who is reminded of what, when, once."""

import datetime
import smtplib
from email import message_from_bytes

import pytest
from django.core import mail
from django.utils import timezone

from reminders import engine, services
from reminders.models import Delivery, Preference
from reminders.registry import Event, Recipient, ReminderKind, registry
from summits.models import Feedback
from tests.factories import (
    ActionItemFactory,
    LearningSessionFactory,
    MeetingFactory,
    MembershipFactory,
    SummitFactory,
    UserFactory,
)
from workgroups import services as workgroup_services

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
MINUTE = datetime.timedelta(minutes=1)
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)
START = datetime.datetime(2026, 12, 10, 18, 0, tzinfo=UTC)  # noon in Wisconsin


def sweep(at) -> list:
    """Run the sweep at `at`; the messages it sent."""
    before = len(mail.outbox)
    engine.sweep(now=at)
    return mail.outbox[before:]


def to(messages) -> list[str]:
    return sorted(address for message in messages for address in message.to)


@pytest.fixture
def meeting(coalition):
    return MeetingFactory(workgroup=coalition.workgroup, starts_at=START, ends_at=START + HOUR)


@pytest.fixture(autouse=True)
def _nothing_else_happening(coalition):
    """The coalition fixture's own objects fall due at no test's times."""


def test_a_meeting_is_reminded_to_its_workgroup_a_day_and_an_hour_before_once(coalition, meeting):
    members = sorted([coalition.wg_member.email, coalition.wg_chair.email])

    assert sweep(START - DAY - 2 * MINUTE) == []  # planned, not yet due
    assert Delivery.objects.filter(status="pending").count() == 2
    day_before = sweep(START - DAY + MINUTE)
    assert to(day_before) == members
    assert all(len(message.to) == 1 and not message.bcc for message in day_before)
    assert sweep(START - DAY + 2 * MINUTE) == []  # once
    assert sweep(START - 2 * HOUR) == []
    assert to(sweep(START - HOUR + MINUTE)) == members
    assert sweep(START + MINUTE) == []
    assert Delivery.objects.filter(status="sent").count() == 4


def test_the_email_says_what_when_in_my_zone_where_and_the_agenda(coalition, meeting):
    coalition.wg_member.time_zone = "Europe/London"
    coalition.wg_member.save()

    (message,) = [m for m in sweep(START - DAY + MINUTE) if m.to == [coalition.wg_member.email]]

    assert "Workgroup meeting: Medicaid & Workforce: Monthly meeting" in message.subject
    assert "Thursday 10 December 2026, 6:00 PM GMT" in message.body
    assert meeting.link in message.body
    assert "Loan repayment paper: next draft" in message.body
    assert f"/workgroups/medicaid-workforce/meetings/{meeting.pk}/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "<strong>Medicaid &amp; Workforce: Monthly meeting</strong>" in html
    assert "A calendar file is attached." in message.body
    assert "a calendar file is attached" in html
    (_, ics, ics_type) = message.attachments[0]
    assert ics_type == "text/calendar"
    assert b"BEGIN:VEVENT" in (ics if isinstance(ics, bytes) else ics.encode())
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    parsed = message_from_bytes(message.message().as_bytes())
    assert parsed["To"] == coalition.wg_member.email


def test_an_events_reminder_builds_its_calendar_file_once(coalition, meeting, monkeypatch):
    from workgroups import reminder_kinds

    built = []
    real = reminder_kinds.calendar_bytes
    monkeypatch.setattr(
        reminder_kinds, "calendar_bytes", lambda *a, **k: built.append(1) or real(*a, **k)
    )

    messages = sweep(START - DAY + MINUTE)

    assert len(messages) == 2
    # Once for both recipients (same time zone), not once more for each
    # template that mentions it.
    assert len(built) == 1
    assert messages[0].attachments[0][1] == messages[1].attachments[0][1]


def test_a_moved_meeting_is_reminded_for_its_new_time_never_its_old(coalition, meeting):
    sweep(START - DAY - MINUTE)  # the day-before reminders are planned
    new_start = START + 2 * DAY
    meeting.starts_at, meeting.ends_at = new_start, new_start + HOUR
    meeting.save()

    assert sweep(START - DAY + MINUTE) == []
    assert set(Delivery.objects.values_list("status", flat=True)) == {"skipped"}
    assert "moved" in Delivery.objects.first().skip_reason
    assert sweep(START - HOUR + MINUTE) == []
    moved = sweep(new_start - DAY + MINUTE)
    assert len(moved) == 2
    assert "Saturday 12 December 2026" in moved[0].body


def test_a_cancelled_meeting_is_not_reminded(coalition, meeting):
    sweep(START - DAY - MINUTE)
    meeting.status = "cancelled"
    meeting.save()

    assert sweep(START - DAY + MINUTE) == []
    assert sweep(START - HOUR + MINUTE) == []
    assert set(Delivery.objects.values_list("skip_reason", flat=True)) == {
        "The event was cancelled or removed."
    }


def test_who_left_is_not_reminded_and_who_joined_is(coalition, meeting):
    sweep(START - DAY - MINUTE)
    workgroup_services.end_membership(membership=coalition.wg_member.memberships.get())
    newcomer = MembershipFactory(workgroup=coalition.workgroup).person

    sent = sweep(START - DAY + MINUTE)

    assert to(sent) == sorted([coalition.wg_chair.email, newcomer.email])


def test_admins_change_lead_times_and_the_next_reminders_use_them(coalition, meeting):
    services.set_lead_times(actor=coalition.admin, kind="meeting", minutes=[30])

    assert sweep(START - DAY + MINUTE) == []
    assert sweep(START - HOUR + MINUTE) == []
    assert len(sweep(START - 30 * MINUTE + MINUTE)) == 2


def test_a_day_before_is_the_same_clock_time_across_a_daylight_saving_change(coalition):
    # Clocks in Wisconsin go forward at 2 am on Sunday 14 March 2027.
    sunday_nine = datetime.datetime(2027, 3, 14, 14, 0, tzinfo=UTC)  # 9 am CDT
    meeting = MeetingFactory(
        workgroup=coalition.workgroup, starts_at=sunday_nine, ends_at=sunday_nine + HOUR
    )
    event = registry.reminders["meeting"].event(f"meeting:{meeting.pk}")

    # 9 am CST on Saturday: 23 hours before, not 24.
    assert engine.due_at(event, 24 * 60) == datetime.datetime(2027, 3, 13, 15, 0, tzinfo=UTC)
    assert engine.due_at(event, 60) == sunday_nine - HOUR
    assert sweep(datetime.datetime(2027, 3, 13, 14, 1, tzinfo=UTC)) == []
    assert len(sweep(datetime.datetime(2027, 3, 13, 15, 1, tzinfo=UTC))) == 2


def test_the_digest_goes_at_seven_on_each_persons_clock_across_a_change():
    saturday_evening = datetime.datetime(2027, 3, 14, 2, 0, tzinfo=UTC)  # 8 pm CST
    london_night = datetime.datetime(2027, 3, 28, 0, 30, tzinfo=UTC)  # BST begins at 1 am

    assert services.next_digest(saturday_evening, "America/Chicago") == datetime.datetime(
        2027, 3, 14, 12, 0, tzinfo=UTC
    )  # 7 am CDT
    assert services.next_digest(london_night, "Europe/London") == datetime.datetime(
        2027, 3, 28, 6, 0, tzinfo=UTC
    )  # 7 am BST


def test_every_member_is_reminded_of_a_summit(coalition):
    summit = SummitFactory(starts_at=START, ends_at=START + 4 * HOUR)
    gone = UserFactory(is_active=False)

    sent = sweep(START - 7 * DAY + MINUTE)

    everyone = [coalition.partner, coalition.wg_member, coalition.wg_chair,
                coalition.other_chair, coalition.core, coalition.admin]  # fmt: skip
    assert to(sent) == sorted(person.email for person in everyone)
    assert gone.email not in to(sent)
    assert summit.title in sent[0].subject


def test_learning_session_registrants_guests_included_are_reminded(coalition):
    from learning_sessions.models import SessionRegistration

    session = LearningSessionFactory(status="scheduled", starts_at=START)
    now = timezone.now()
    register = SessionRegistration.objects.create
    register(session=session, person=coalition.partner, confirmed_at=now)
    register(session=session, guest_name="Ana", guest_email="Ana@Example.net", confirmed_at=now)
    register(session=session, guest_name="Unconfirmed", guest_email="later@example.net")

    sent = sweep(START - HOUR + MINUTE)

    assert to(sent) == ["Ana@Example.net", coalition.partner.email]
    assert session.meeting_link in sent[0].body


def test_a_closing_round_reminds_only_who_has_papers_left_to_answer(coalition):
    feedback_round = coalition.feedback_round()
    revision = feedback_round.revisions.get()
    Feedback.objects.create(round=feedback_round, revision=revision, person=coalition.partner,
                            stance="support")  # fmt: skip
    closes = feedback_round.closes_at

    sent = [
        m for m in sweep(closes - DAY + MINUTE) if m.extra_headers["X-MHAP-Kind"] == "round_closing"
    ]

    assert coalition.partner.email not in to(sent)
    assert coalition.wg_member.email in to(sent)
    assert len(to(sent)) == len(set(to(sent)))
    assert "Feedback round closes" in sent[0].subject


def test_an_action_item_owner_is_reminded_unless_it_is_done(coalition):
    due = datetime.date(2026, 12, 10)
    ActionItemFactory(workgroup=coalition.workgroup, owner=coalition.wg_member, due_on=due)
    done = ActionItemFactory(workgroup=coalition.workgroup, owner=coalition.wg_chair, due_on=due,
                             done_at=timezone.now())  # fmt: skip

    sent = sweep(datetime.datetime(2026, 12, 9, 15, 1, tzinfo=UTC))  # 9:01 am CST the day before

    assert to(sent) == [coalition.wg_member.email]
    assert done.description not in sent[0].body


def test_a_person_who_turned_a_kind_off_is_not_reminded(coalition, meeting):
    Preference.objects.create(person=coalition.wg_member, kind="meeting", choice="off")

    assert to(sweep(START - DAY + MINUTE)) == [coalition.wg_chair.email]


def test_late_never_lost_a_sweep_after_an_outage_sends_the_nearest_reminder(coalition, meeting):
    sweep(START - 3 * DAY)  # the last sweep before the outage

    sent = sweep(START - 30 * MINUTE)  # back after both due times passed

    assert to(sent) == sorted([coalition.wg_member.email, coalition.wg_chair.email])
    assert set(Delivery.objects.values_list("lead_minutes", flat=True)) == {60}


def test_nothing_is_sent_for_an_event_that_has_begun(coalition, meeting):
    sweep(START - HOUR - MINUTE)

    assert sweep(START + MINUTE) == []
    assert "begun" in Delivery.objects.first().skip_reason


class _Refusing:
    """A delivery mailer whose server refuses: for now, or for good."""

    error = smtplib.SMTPDataError(451, b"Try again later")

    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        return True

    def close(self):
        pass

    def send_messages(self, messages):
        raise self.error


_real_mailers = mail.mailers


@pytest.fixture
def refusing(monkeypatch):
    monkeypatch.setattr(engine.mail, "mailers", {"delivery": _Refusing()})
    monkeypatch.setattr(_Refusing, "error", _Refusing.error)
    yield _Refusing
    engine.mail.mailers = _real_mailers


def test_a_mail_server_that_fails_is_retried_with_backoff_then_marked_failed(
    coalition, meeting, refusing, settings
):
    settings.REMINDER_MAX_ATTEMPTS = 3
    at = START - DAY + MINUTE
    sweep(at)
    row = Delivery.objects.filter(email=coalition.wg_member.email).get()
    assert (row.status, row.attempts) == ("pending", 1)
    assert row.send_after == at + datetime.timedelta(seconds=60)
    assert "Try again later" in row.last_error

    sweep(at + 2 * MINUTE)
    sweep(at + 5 * MINUTE)

    row.refresh_from_db()
    assert (row.status, row.attempts) == ("failed", 3)
    assert "SMTPDataError" in row.last_error


def test_an_unreachable_mail_server_charges_no_attempt_and_mail_waits(
    coalition, meeting, refusing, settings
):
    settings.REMINDER_MAX_ATTEMPTS = 2
    refusing.error = smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
    at = START - DAY + MINUTE
    for minutes in range(0, 10, 2):  # the server is down for ten minutes
        sweep(at + minutes * MINUTE)

    assert set(Delivery.objects.values_list("status", "attempts")) == {("pending", 0)}
    assert "Connection unexpectedly closed" in Delivery.objects.first().last_error
    mail.mailers = _real_mailers
    assert len(sweep(at + 11 * MINUTE)) == 2


def test_a_recipient_refused_for_good_fails_at_once(coalition, meeting, refusing):
    refusing.error = smtplib.SMTPRecipientsRefused({"x@example.org": (550, b"No such user")})

    sweep(START - DAY + MINUTE)

    assert set(Delivery.objects.values_list("status", "attempts")) == {("failed", 1)}


def test_a_sweep_that_died_leaves_its_batch_to_the_next_once_the_lease_ends(
    coalition, meeting, settings
):
    at = START - DAY + MINUTE
    engine.plan(at)
    claimed = engine.claim(worker="dead-worker", now=at)  # ... and then it was killed
    assert len(claimed) == 2

    assert sweep(at + MINUTE) == []  # still leased to the dead sweep
    later = at + datetime.timedelta(seconds=settings.REMINDER_LEASE_SECONDS + 1)
    assert len(sweep(later)) == 2
    assert sweep(later + MINUTE) == []


def test_two_sweeps_claim_different_deliveries(coalition, meeting):
    at = START - DAY + MINUTE
    engine.plan(at)

    first = engine.claim(worker="a", now=at, size=1)
    second = engine.claim(worker="b", now=at, size=5)

    assert {d.pk for d in first}.isdisjoint({d.pk for d in second})
    assert len(first) + len(second) == 2
    assert engine.claim(worker="c", now=at) == []


def test_one_delivery_per_reminder_is_a_database_constraint(coalition, meeting):
    from django.db import IntegrityError, transaction

    engine.plan(START - DAY + MINUTE)
    row = Delivery.objects.first()
    row.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()


class _Deadline(ReminderKind):
    """A kind an app might add: the engine sends it without a change."""

    name = "test_deadline"
    label = "Test deadlines"
    default_setting = "test_deadline"

    def __init__(self, person):
        self.person = person

    def _event(self):
        return Event(key="deadline:1", starts_at=START, title="Budget testimony due",
                     what="Deadline", path="/", time_zone="America/Chicago")  # fmt: skip

    def events(self, *, after, until):
        return [self._event()] if after < START <= until else []

    def event(self, key):
        return self._event()

    def recipients(self, event):
        p = self.person
        return [Recipient(key=f"person:{p.pk}", email=p.email, name=p.full_name,
                          time_zone=p.time_zone, person_id=p.pk)]  # fmt: skip


def test_a_new_kind_joins_without_changing_the_engine(coalition, settings, monkeypatch):
    settings.REMINDER_LEAD_TIMES = {**settings.REMINDER_LEAD_TIMES, "test_deadline": [120]}
    monkeypatch.setitem(registry.reminders, "test_deadline", _Deadline(coalition.core))

    sent = sweep(START - 2 * HOUR + MINUTE)

    assert to(sent) == [coalition.core.email]
    assert "Deadline: Budget testimony due" in sent[0].subject


def test_a_meeting_scheduled_or_moved_inside_its_lead_time_is_still_reminded(coalition):
    now = START - 3 * DAY
    sweep(now)  # the planner has run up to here
    soon = MeetingFactory(workgroup=coalition.workgroup, starts_at=now + 40 * MINUTE,
                          ends_at=now + 100 * MINUTE)  # fmt: skip

    sent = sweep(now + MINUTE)

    assert to(sent) == sorted([coalition.wg_member.email, coalition.wg_chair.email])
    assert set(Delivery.objects.values_list("lead_minutes", flat=True)) == {60}
    assert "Monthly meeting" in sent[0].subject
    assert sweep(now + 2 * MINUTE) == []
    soon.starts_at, soon.ends_at = now + 50 * MINUTE, now + 110 * MINUTE  # moved again
    soon.save()
    assert len(sweep(now + 3 * MINUTE)) == 2


def test_a_meeting_moved_back_is_reminded_again(coalition, meeting):
    sweep(START - DAY - MINUTE)
    meeting.starts_at, meeting.ends_at = START + DAY, START + DAY + HOUR
    meeting.save()
    sweep(START - DAY + MINUTE)  # its reminders skipped: it moved
    meeting.starts_at, meeting.ends_at = START, START + HOUR
    meeting.save()

    # Its day-before time has just passed; the hour-before reminder is to come.
    assert sweep(START - DAY + 2 * MINUTE) == []
    assert len(sweep(START - HOUR + MINUTE)) == 2


def test_a_delivery_that_cannot_be_built_fails_alone(coalition, meeting, monkeypatch):
    sweep(START - DAY - MINUTE)
    broken = Delivery.objects.filter(email=coalition.wg_member.email).get()
    real = engine.messages.Reminder.message

    def message(self, *, delivery, **kwargs):
        if delivery.pk == broken.pk:
            raise ValueError("a template is broken")
        return real(self, delivery=delivery, **kwargs)

    monkeypatch.setattr(engine.messages.Reminder, "message", message)

    assert to(sweep(START - DAY + MINUTE)) == [coalition.wg_chair.email]
    broken.refresh_from_db()
    assert broken.status == "failed"
    assert "a template is broken" in broken.last_error


def test_planning_that_fails_does_not_stop_the_outbox(coalition, monkeypatch, settings):
    from django.core.mail import send_mail

    settings.MAILERS = {
        "default": {"BACKEND": "reminders.mail.OutboxEmailBackend"},
        "delivery": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
    }

    def broken(**kwargs):
        raise RuntimeError("a kind is broken")

    monkeypatch.setattr(registry.reminders["summit"], "events", broken)
    send_mail("Still sent", "Body", None, ["x@example.org"])

    assert [m.subject for m in sweep(START)] == ["Still sent"]


def test_sending_costs_a_few_queries_per_email_however_many_recipients(coalition):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_per_email(members: int) -> float:
        Delivery.objects.all().delete()
        for _ in range(members):
            UserFactory()
        summit = SummitFactory()
        at = summit.starts_at - 7 * DAY + MINUTE
        with CaptureQueriesContext(connection) as queries:
            sent = sweep(at)
        summit.delete()
        return len(queries) / len(sent)

    small, large = queries_per_email(5), queries_per_email(60)

    assert large <= 3  # claim, mark sent, and little else, per email
    assert large <= small


@pytest.mark.django_db(transaction=True)
def test_a_claim_skips_rows_another_sweep_holds_without_waiting(coalition, meeting):
    import threading

    from django.db import connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no row locks; PostgreSQL (CI) runs this")
    at = START - DAY + MINUTE
    engine.plan(at)
    held = Delivery.objects.order_by("pk").first()
    locked, release = threading.Event(), threading.Event()

    def other_sweep():
        with transaction.atomic():
            list(Delivery.objects.select_for_update().filter(pk=held.pk))
            locked.set()
            release.wait(10)
        connection.close()

    thread = threading.Thread(target=other_sweep)
    thread.start()
    try:
        assert locked.wait(10)
        claimed = engine.claim(worker="this", now=at)
    finally:
        release.set()
        thread.join()

    assert [row.pk for row in claimed] == list(
        Delivery.objects.exclude(pk=held.pk).values_list("pk", flat=True)
    )


def test_list_unsubscribe_leaves_as_a_plain_link_on_the_wire(coalition, meeting):
    from reminders.smtp import POLICY

    (message, *_) = sweep(START - DAY + MINUTE)

    wire = message.message(policy=POLICY).as_bytes()
    header = next(line for line in wire.split(b"\r\n") if line.startswith(b"List-Unsubscribe:"))
    assert header.startswith(b"List-Unsubscribe: <http")
    assert b"=?utf-8?" not in header


def test_a_meeting_set_less_than_a_day_ahead_is_reminded_once_an_hour_before(coalition):
    now = START - 3 * DAY
    sweep(now)
    MeetingFactory(workgroup=coalition.workgroup, starts_at=now + 66 * MINUTE,
                   ends_at=now + 126 * MINUTE)  # fmt: skip

    assert sweep(now + MINUTE) == []  # the hour-before reminder is still to come
    assert len(sweep(now + 7 * MINUTE)) == 2
    assert set(Delivery.objects.values_list("lead_minutes", flat=True)) == {60}
