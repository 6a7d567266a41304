"""The sweep over real SMTP (an aiosmtpd server in this process): each
member gets their own email, made from bytes prepared once; and each email
is recorded as sent after the server accepted it and before the next can be
accepted, so a crash can double one email, no more."""

import datetime
import email
import email.policy
import threading

import pytest
from aiosmtpd.controller import Controller

from reminders import engine, smtp
from reminders.models import Delivery
from tests.factories import MeetingFactory, MembershipFactory
from tests.reminders.test_drills import free_port
from tests.reminders.test_prepared import what_it_says

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 12, 10, 18, 0, tzinfo=datetime.UTC)
DUE = START - datetime.timedelta(days=1, minutes=-1)  # the day-before reminder is due


class Server:
    """Keeps what it accepts, and writes each acceptance in a shared log."""

    def __init__(self, log):
        self.log = log
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.received.append((envelope.rcpt_tos, message))
        self.log.append(("accepted", int(message["X-MHAP-Delivery"])))
        return "250 OK"


@pytest.fixture
def server(settings):
    log = []
    handler = Server(log)
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.MAILERS = {
        **settings.MAILERS,
        "delivery": {"BACKEND": "reminders.smtp.EmailBackend",
                     "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "timeout": 10}},
    }  # fmt: skip
    yield handler
    controller.stop()


@pytest.fixture
def meeting(coalition):
    for _ in range(3):
        MembershipFactory(workgroup=coalition.workgroup)
    return MeetingFactory(workgroup=coalition.workgroup, starts_at=START,
                          ends_at=START + datetime.timedelta(hours=1))  # fmt: skip


@pytest.fixture
def records(server, monkeypatch):
    real = engine._mark_sent

    def mark_sent(rows, worker, **kwargs):
        real(rows, worker, **kwargs)
        server.log.append(("recorded", rows[0].pk))
        server.threads.append(threading.current_thread().name)

    monkeypatch.setattr(engine, "_mark_sent", mark_sent)
    server.threads = []
    return server.log


def test_the_sweep_sends_each_workgroup_member_their_own_email(
    coalition, meeting, server, monkeypatch
):
    prepared, real_send = [], smtp.EmailBackend._send

    def send(self, message):
        prepared.append(message.prepared is not None)
        return real_send(self, message)

    monkeypatch.setattr(smtp.EmailBackend, "_send", send)

    engine.sweep(now=DUE)

    members = sorted(m.person.email for m in coalition.workgroup.memberships.all())
    assert sorted(to for (to,), _ in server.received) == members
    assert prepared == [True] * len(members)
    for (to,), message in server.received:
        says = what_it_says(message)
        assert says["To"] == to
        assert says["text encoding"] == "8bit"
        assert "A reminder: Workgroup meeting" in says["text"]
        assert says["attachment"][0] == "event.ics"


def test_each_email_is_recorded_after_it_is_accepted_and_before_the_next_is(
    coalition, meeting, server, records
):
    engine.sweep(now=DUE)

    accepted = [pk for event, pk in records if event == "accepted"]
    assert len(accepted) == 5
    for n, pk in enumerate(accepted):
        assert records.index(("accepted", pk)) < records.index(("recorded", pk))
        if n + 1 < len(accepted):
            assert records.index(("recorded", pk)) < records.index(("accepted", accepted[n + 1]))
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}
    # All but the last were recorded while the server answered the next
    # email's first commands, in the helper thread; the last at the end.
    assert [name.startswith("record-sent") for name in server.threads] == [True] * 4 + [False]


def test_a_record_that_fails_stops_the_sweep_before_another_email_is_accepted(
    coalition, meeting, server, monkeypatch, settings
):
    real, calls = engine._mark_sent, []

    def mark_sent(rows, worker, **kwargs):
        calls.append(rows[0].pk)
        if len(calls) == 2:
            raise engine.DatabaseError("the database went away")
        return real(rows, worker, **kwargs)

    monkeypatch.setattr(engine, "_mark_sent", mark_sent)

    with pytest.raises(engine._RecordFailed):
        engine.sweep(now=DUE)

    # The first recorded, the second accepted but not recorded, none after it.
    assert len(server.received) == 2
    assert list(Delivery.objects.order_by("pk").values_list("status", flat=True)) == [
        "sent",
        *["sending"] * 4,
    ]

    # Its lease runs out: the next sweep sends the unrecorded one again (the
    # one double) and the rest once.
    monkeypatch.setattr(engine, "_mark_sent", real)
    later = DUE + datetime.timedelta(seconds=settings.REMINDER_LEASE_SECONDS + 1)
    engine.sweep(now=later)
    assert len(server.received) == 6
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}
