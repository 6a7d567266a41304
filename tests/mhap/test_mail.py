import time
from pathlib import Path

import pytest
from django.core.mail import EmailMultiAlternatives, send_mail
from django.db import transaction

from mhap.mail import deserialize_message, serialize_message
from reminders import engine
from reminders.models import Delivery
from tests import workers

pytestmark = pytest.mark.django_db

OUTBOX_MAILERS = {
    "default": {"BACKEND": "reminders.mail.OutboxEmailBackend"},
    "delivery": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
}


def test_serialized_message_round_trips_alternatives_and_attachments():
    message = EmailMultiAlternatives(
        subject="Summit feedback round opens",
        body="Plain text",
        from_email="hub@mhap.test",
        to=["chair@example.org"],
        cc=["core@example.org"],
        reply_to=["facilitator@example.org"],
        headers={"X-MHAP-Kind": "round-opened"},
    )
    message.attach_alternative("<p>HTML</p>", "text/html")
    message.attach("agenda.ics", "BEGIN:VCALENDAR", "text/calendar")
    message.attach("minutes.pdf", b"%PDF-1.7\x00\xff", "application/pdf")

    copy = deserialize_message(serialize_message(message))

    assert copy.subject == message.subject
    assert copy.to == ["chair@example.org"]
    assert copy.cc == ["core@example.org"]
    assert copy.reply_to == ["facilitator@example.org"]
    assert copy.extra_headers == {"X-MHAP-Kind": "round-opened"}
    assert [tuple(alt) for alt in copy.alternatives] == [("<p>HTML</p>", "text/html")]
    assert [tuple(att) for att in copy.attachments] == [
        ("agenda.ics", "BEGIN:VCALENDAR", "text/calendar"),
        ("minutes.pdf", b"%PDF-1.7\x00\xff", "application/pdf"),
    ]


def test_mail_waits_in_the_outbox_and_the_sweep_sends_it(settings, mailoutbox):
    settings.MAILERS = OUTBOX_MAILERS

    send_mail("Reminder", "Body", "hub@mhap.test", ["member@example.org"])

    row = Delivery.objects.get()
    assert (row.kind, row.email, row.status) == ("email", "member@example.org", "pending")
    assert mailoutbox == []
    engine.sweep()
    assert [m.subject for m in mailoutbox] == ["Reminder"]
    row.refresh_from_db()
    assert row.status == "sent"


@pytest.mark.django_db(transaction=True)
def test_mail_in_a_rolled_back_transaction_is_never_sent(settings, mailoutbox):
    settings.MAILERS = OUTBOX_MAILERS

    with pytest.raises(RuntimeError), transaction.atomic():
        send_mail("Reminder", "Body", "hub@mhap.test", ["member@example.org"])
        raise RuntimeError("the request failed")

    assert not Delivery.objects.exists()
    engine.sweep()
    assert mailoutbox == []


def test_the_sweep_is_asked_for_only_once_the_transaction_commits(
    settings, django_capture_on_commit_callbacks, monkeypatch
):
    settings.MAILERS = OUTBOX_MAILERS
    asked = []
    monkeypatch.setattr("reminders.tasks.sweep.apply_async", lambda **kw: asked.append(kw))

    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Reminder", "Body", "hub@mhap.test", ["member@example.org"])
        assert asked == []

    assert len(asked) == 1


@pytest.fixture
def celery_worker_process(tmp_path, monkeypatch):
    """A real `celery worker` process on its own queue, delivering to files."""
    mail_dir = tmp_path / "mail"
    env = workers.process_env(
        tmp_path, monkeypatch, EMAIL_DELIVERY_BACKEND="file", EMAIL_FILE_PATH=str(mail_dir)
    )
    worker = workers.start("worker", env, "--concurrency", "1", "--pool", "solo")
    yield worker, mail_dir
    workers.reset_producer_pool()
    workers.stop(worker)


def wait_for_files(folder: Path, timeout: float) -> list[Path]:
    """The mail files once a message is written in one: the file backend
    creates its file when the connection opens, before the message is in it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        files = sorted(folder.glob("*.log")) if folder.exists() else []
        if any("Subject:" in path.read_text(errors="replace") for path in files):
            return [path for path in files if "Subject:" in path.read_text(errors="replace")]
        time.sleep(0.25)
    return []


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_process_delivers_an_email(settings, celery_worker_process):
    """From the outbox, through the broker, to a worker process and out."""
    worker, mail_dir = celery_worker_process
    settings.MAILERS = OUTBOX_MAILERS

    with transaction.atomic():
        send_mail(
            "Data workgroup meets Thursday",
            "Agenda: the 988 dashboard.",
            "hub@mhap.test",
            ["member@example.org"],
        )

    files = wait_for_files(mail_dir, timeout=60)
    if not files:
        workers.stop(worker)
        output = worker.stdout.read().decode(errors="replace")
        pytest.fail(f"the worker delivered nothing within 60 s. Its log:\n{output}")
    delivered = files[0].read_text()
    assert "Subject: Data workgroup meets Thursday" in delivered
    assert "To: member@example.org" in delivered
    assert "Agenda: the 988 dashboard." in delivered
