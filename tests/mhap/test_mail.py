import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, send_mail
from django.db import transaction
from kombu import pools as kombu_pools

from mhap.celery import app as celery_app
from mhap.mail import deserialize_message, serialize_message

pytestmark = pytest.mark.django_db

QUEUED_MAILERS = {
    "default": {"BACKEND": "mhap.mail.CeleryEmailBackend"},
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


def test_mail_is_queued_only_when_the_transaction_commits(
    settings, django_capture_on_commit_callbacks, monkeypatch
):
    settings.MAILERS = QUEUED_MAILERS
    queued = []
    monkeypatch.setattr("mhap.tasks.deliver_email.delay", queued.append)

    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Reminder", "Body", "hub@mhap.test", ["member@example.org"])
        assert queued == []  # nothing leaves before the commit

    assert [payload["subject"] for payload in queued] == ["Reminder"]


@pytest.mark.django_db(transaction=True)
def test_mail_in_a_rolled_back_transaction_is_never_queued(settings, monkeypatch):
    settings.MAILERS = QUEUED_MAILERS
    queued = []
    monkeypatch.setattr("mhap.tasks.deliver_email.delay", queued.append)

    with pytest.raises(RuntimeError), transaction.atomic():
        send_mail("Reminder", "Body", "hub@mhap.test", ["member@example.org"])
        raise RuntimeError("the request failed")

    assert queued == []


def test_worker_task_hands_the_message_to_the_delivery_mailer(settings, mailoutbox):
    settings.MAILERS = QUEUED_MAILERS
    message = EmailMultiAlternatives("Hello", "Body", "hub@mhap.test", ["a@example.org"])

    from mhap.tasks import deliver_email

    deliver_email.run(serialize_message(message))

    assert [sent.subject for sent in mailoutbox] == ["Hello"]


@pytest.fixture
def celery_worker_process(tmp_path, monkeypatch):
    """A real `celery worker` process on its own queue, delivering to files.

    It uses the same broker as the app: Redis when REDIS_URL is set, kombu's
    filesystem transport (in a temporary folder) otherwise.
    """
    queue = f"test-mail-{uuid.uuid4().hex[:8]}"
    mail_dir = tmp_path / "mail"
    env = {
        **os.environ,
        "CELERY_QUEUE": queue,
        "EMAIL_DELIVERY_BACKEND": "file",
        "EMAIL_FILE_PATH": str(mail_dir),
        "DEBUG": "0",
    }
    monkeypatch.setitem(celery_app.conf, "task_default_queue", queue)
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    if not settings.REDIS_URL:
        broker_dir = tmp_path / "broker"
        env["CELERY_BROKER_DIR"] = str(broker_dir)
        options = {
            "data_folder_in": str(broker_dir / "queue"),
            "data_folder_out": str(broker_dir / "queue"),
            "control_folder": str(broker_dir / "control"),
            "store_processed": False,
        }
        for folder in ("queue", "control"):
            (broker_dir / folder).mkdir(parents=True)
        monkeypatch.setitem(celery_app.conf, "broker_transport_options", options)
    # A fresh producer pool, so the test's messages go where the worker listens.
    reset_producer_pool()
    worker = subprocess.Popen(
        [
            sys.executable, "-m", "celery", "-A", "mhap", "worker",
            "--queues", queue, "--concurrency", "1", "--pool", "solo",
            "--without-mingle", "--without-gossip", "--loglevel", "INFO",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    yield worker, mail_dir
    reset_producer_pool()
    worker.terminate()
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


def reset_producer_pool():
    """Drop the app's connection and producer pools; the next publish builds new
    ones from the (patched or restored) configuration."""
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
        celery_app._pool = None
    celery_app.amqp._producer_pool = None
    # kombu keeps producer pools in a registry keyed by connection: clear it, or
    # the next publish to the same Redis gets the pool closed above.
    kombu_pools.reset()


def wait_for_files(folder: Path, timeout: float) -> list[Path]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        files = sorted(folder.glob("*.log")) if folder.exists() else []
        if files:
            return files
        time.sleep(0.25)
    return []


def test_a_real_worker_process_delivers_an_email(
    settings, celery_worker_process, django_capture_on_commit_callbacks
):
    worker, mail_dir = celery_worker_process
    settings.MAILERS = QUEUED_MAILERS

    with django_capture_on_commit_callbacks(execute=True):
        send_mail(
            "Data workgroup meets Thursday",
            "Agenda: the 988 dashboard.",
            "hub@mhap.test",
            ["member@example.org"],
        )

    files = wait_for_files(mail_dir, timeout=60)
    if not files:
        worker.terminate()
        output = worker.communicate(timeout=20)[0].decode(errors="replace")
        pytest.fail(f"the worker delivered nothing within 60 s. Its log:\n{output}")
    delivered = files[0].read_text()
    assert "Subject: Data workgroup meets Thursday" in delivered
    assert "To: member@example.org" in delivered
    assert "Agenda: the 988 dashboard." in delivered
