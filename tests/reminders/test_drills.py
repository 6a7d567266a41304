"""Fault drills: real worker and beat processes, a real broker and a real SMTP
server on loopback, and the faults production will meet — a worker killed
mid-batch, the broker gone for a while, two beats at once. Every message is
counted where it arrives, by the delivery id in its headers.

They need the test database on PostgreSQL (the processes share it) and run on
CI; tests/workers.py says why they skip elsewhere."""

import contextlib
import email
import shutil
import socket
import subprocess
import threading
import time
from collections import Counter

import psycopg
import pytest
from aiosmtpd.controller import Controller
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone
from psycopg import sql

from mhap.mail import serialize_message
from reminders.models import Delivery, PlannerState
from tests import workers
from tests.factories import (
    LearningSessionFactory,
    MeetingFactory,
    MembershipFactory,
    WorkgroupFactory,
)

pytestmark = [pytest.mark.django_db(transaction=True)]


class Sink:
    """An SMTP server that counts each delivery id it receives."""

    def __init__(self):
        self.received = Counter()
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content)
        with self.lock:
            for pk in (message["X-MHAP-Delivery"] or "").split(","):
                if pk:
                    self.received[int(pk)] += 1
        return "250 OK"

    def count(self) -> int:
        with self.lock:
            return len(self.received)

    def doubled(self) -> int:
        with self.lock:
            return sum(n - 1 for n in self.received.values())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def sink():
    handler = Sink()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    handler.port = controller.port
    yield handler
    controller.stop()


@pytest.fixture
def drill(tmp_path, monkeypatch, sink):
    """Start workers and beats for a drill; all are stopped afterwards."""
    started = []
    logs = tmp_path / "logs"
    logs.mkdir()

    def env(**extra):
        return workers.process_env(
            tmp_path,
            monkeypatch,
            EMAIL_DELIVERY_BACKEND="smtp",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(sink.port),
            REMINDER_SWEEP_SECONDS="1",
            REMINDER_LEASE_SECONDS="5",
            REMINDER_RETRY_SECONDS="2",
            **extra,
        )

    def start(kind, environment, *args):
        log = open(logs / f"{kind}-{len(started)}.log", "wb")  # noqa: SIM115 -- closed with the process
        if kind == "beat":
            args = ("--schedule", str(tmp_path / f"beat-{len(started)}"), *args)
        process = workers.start(kind, environment, *args, log=log)
        started.append(process)
        return process

    def log_tail() -> str:
        """Each log's errors, then its last lines."""
        parts = []
        for path in sorted(logs.iterdir()):
            text = path.read_text(errors="replace")
            errors = [line for line in text.splitlines() if "CRITICAL" in line or "ERROR" in line]
            parts.append(f"--- {path.name}\n" + "\n".join(errors[:20]) + "\n…\n" + text[-3000:])
        return "\n".join(parts)

    start.log_tail = log_tail
    start.env = env
    yield start
    for process in started:
        workers.stop(process, kill=True)
    workers.reset_producer_pool()


def due_messages(count: int, *, after_seconds: float = 0, delay: float = 0) -> list[int]:
    """`count` queued emails, due from `delay` seconds on, spread over
    `after_seconds`."""
    now = timezone.now()
    rows = []
    for n in range(count):
        due = now + timezone.timedelta(seconds=delay + after_seconds * n / max(count, 1))
        message = EmailMessage(f"Drill {n}", "Body", "hub@mhap.test", [f"p{n}@example.org"])
        rows.append(Delivery(kind="email", event_key=f"drill:{n}", recipient_key=f"drill:{n}",
                             email=f"p{n}@example.org", event_starts_at=now, due_at=due,
                             send_after=due, payload=serialize_message(message)))  # fmt: skip
    return [row.pk for row in Delivery.objects.bulk_create(rows)]


def wait_until(condition, *, timeout: float, drill=None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"not done within {timeout:.0f} s\n" + (drill.log_tail() if drill else ""))


@contextlib.contextmanager
def sweep_in_flight():
    """Hold the planner's row from another connection until a sweep waits on
    it: that sweep's task is running and unacknowledged until the block ends."""
    with psycopg.connect(workers.database_url()) as holder, holder.transaction():
        holder.execute(
            sql.SQL("SELECT 1 FROM {} FOR UPDATE").format(
                sql.Identifier(PlannerState._meta.db_table)
            )
        )

        def a_sweep_waits():
            with psycopg.connect(workers.database_url(), autocommit=True) as probe:
                row = probe.execute(
                    "SELECT count(*) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND wait_event_type = 'Lock'"
                ).fetchone()
            return row[0] > 0

        wait_until(a_sweep_waits, timeout=30)
        yield


def all_sent(ids, sink):
    return lambda: (
        set(ids) <= set(sink.received) and not Delivery.objects.exclude(status="sent").exists()
    )


def test_a_worker_killed_three_times_mid_batch_loses_nothing(drill, sink):
    ids = due_messages(2000)
    env = drill.env()
    drill("beat", env)
    worker = drill("worker", env, "--concurrency", "1")
    kills = 0
    for threshold in (300, 900, 1500):
        wait_until(lambda t=threshold: sink.count() >= t, timeout=120, drill=drill)
        workers.stop(worker, kill=True)  # SIGKILL, mid-batch
        kills += 1
        worker = drill("worker", env, "--concurrency", "1")

    wait_until(all_sent(ids, sink), timeout=180, drill=drill)

    assert set(sink.received) == set(ids)  # none lost
    assert sink.doubled() <= kills  # at most the one in flight at each kill
    assert Delivery.objects.filter(status="sent").count() == len(ids)


def test_mail_due_while_the_broker_is_down_arrives_once_it_is_back(drill, sink, client, settings):
    """Reminders planned by the worker itself (five meetings of a 60-person
    workgroup) and queued emails fall due while a private Redis is stopped."""
    if shutil.which("redis-server") is None:
        pytest.skip("needs redis-server for a private Redis (Debian: apt-get install redis-server)")
    port = free_port()
    redis_command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1",
                     "--save", "", "--appendonly", "no"]  # fmt: skip

    def start_redis():
        process = subprocess.Popen(redis_command, stdout=subprocess.DEVNULL)
        wait_until(lambda: _answers(port), timeout=20)
        return process

    redis = start_redis()
    try:
        env = drill.env(broker_url=f"redis://127.0.0.1:{port}/0")
        worker = drill("worker", env, "--concurrency", "2")
        drill("beat", env)
        wait_until(PlannerState.objects.exists, timeout=30, drill=drill)  # a sweep ran
        with sweep_in_flight():  # the broker goes while a task is unacknowledged
            redis.terminate()
            redis.wait(timeout=10)
        time.sleep(2)
        assert worker.poll() is None, "the worker exited:\n" + drill.log_tail()
        # Due in 3 to 10 seconds, while the broker is down.
        workgroup = WorkgroupFactory()
        for _ in range(60):
            MembershipFactory(workgroup=workgroup)
        soon = timezone.now() + timezone.timedelta(hours=1)
        for n in range(5):
            start = soon + timezone.timedelta(seconds=3 + n * 2)
            MeetingFactory(workgroup=workgroup, starts_at=start,
                           ends_at=start + timezone.timedelta(hours=1))  # fmt: skip
        queued = due_messages(100, after_seconds=7, delay=3)
        # The pages go on answering, and what they send waits in the outbox.
        settings.MAILERS = {
            "default": {"BACKEND": "reminders.mail.OutboxEmailBackend"},
            "delivery": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
        }
        session = LearningSessionFactory(
            status="scheduled", starts_at=timezone.now() + timezone.timedelta(days=3)
        )
        assert client.get(reverse("learning_sessions:library")).status_code == 200
        page = client.post(
            reverse("learning_sessions:register_guest", kwargs={"slug": session.slug}),
            {"name": "Ana", "email": "ana@example.net", "organisation": ""},
        )
        assert "Check your email" in page.content.decode()
        time.sleep(12)  # every due time passes while the broker is down
        assert sink.count() == 0
        redis = start_redis()

        def everything_arrived():
            reminders = Delivery.objects.filter(kind="meeting")
            return (
                reminders.count() == 300
                and not Delivery.objects.exclude(status="sent").exists()
                and set(Delivery.objects.values_list("pk", flat=True)) <= set(sink.received)
            )

        wait_until(everything_arrived, timeout=150, drill=drill)

        assert set(sink.received) == set(Delivery.objects.values_list("pk", flat=True))
        assert set(queued) <= set(sink.received)
        assert Delivery.objects.filter(email="ana@example.net").exists()  # the guest's email
        assert sink.doubled() == 0
    finally:
        redis.terminate()
        redis.wait(timeout=10)


def test_two_beats_at_once_send_nothing_twice(drill, sink):
    ids = due_messages(500, after_seconds=5)
    env = drill.env()
    drill("worker", env, "--concurrency", "3")
    drill("beat", env)
    drill("beat", env)

    wait_until(all_sent(ids, sink), timeout=120, drill=drill)

    assert set(sink.received) == set(ids)
    assert sink.doubled() == 0


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False
