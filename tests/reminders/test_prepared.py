"""A reminder is rendered once per event and time zone, and its bytes are
prepared once: every recipient's email must still be exactly the one
Django's mail API builds for them, and arrive so over SMTP."""

import datetime
import email
import email.policy
from types import SimpleNamespace

import pytest

from reminders import messages
from reminders.registry import Recipient, registry
from reminders.smtp import POLICY
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 12, 10, 18, 0, tzinfo=datetime.UTC)
RECIPIENTS = [
    Recipient(key="person:1", email="ana@example.org", name="Ana Ruiz",
              time_zone="America/Chicago"),
    Recipient(key="person:2", email="j.o-brien+hub@example.org", name="Jo O'Brien <&> “JB”",
              time_zone="America/Chicago"),
    Recipient(key="guest:nguyen@example.net", email="nguyen@example.net",
              name="Nguyễn Thị Lan", time_zone="America/Chicago"),
]  # fmt: skip


def parsed(data: bytes):
    return email.message_from_bytes(data, policy=email.policy.default)


def what_it_says(message) -> dict:
    """Everything a mail program shows or acts on."""
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    (attachment,) = message.iter_attachments()
    return {
        **{name: str(message[name]) for name in (
            "Subject", "From", "To", "Date", "Message-ID", "List-Unsubscribe",
            "List-Unsubscribe-Post", "X-MHAP-Delivery", "X-MHAP-Kind")},
        "text": text.get_content(),
        "text encoding": text["Content-Transfer-Encoding"],
        "html": html.get_content(),
        "html encoding": html["Content-Transfer-Encoding"],
        "attachment": (attachment.get_filename(), attachment.get_content_type(),
                       attachment.get_content()),
    }  # fmt: skip


@pytest.fixture
def layout(coalition):
    meeting = MeetingFactory(workgroup=coalition.workgroup, starts_at=START, agenda="1. **Parity**",
                             ends_at=START + datetime.timedelta(hours=1))  # fmt: skip
    kind = registry.reminders["meeting"]
    event = kind.event(f"meeting:{meeting.pk}")
    return messages.Reminder(
        event=event, kind=kind.name, kind_label=kind.label, time_zone="America/Chicago"
    )


def test_each_recipients_prepared_email_is_the_one_django_builds(layout):
    assert layout.prepared is not None
    for n, recipient in enumerate(RECIPIENTS, start=1):
        message = layout.message(delivery=SimpleNamespace(pk=100 + n), recipient=recipient)

        assert message.prepared is not None
        fast = what_it_says(parsed(message.prepared))
        built = what_it_says(parsed(message.message(policy=POLICY).as_bytes()))
        assert fast == built
        assert fast["To"] == recipient.email
        assert f"Hello {recipient.name}," in fast["text"]
        assert "Hello Jo O&#x27;Brien &lt;&amp;&gt;" in built["html"] or n != 2
        assert fast["X-MHAP-Delivery"] == str(100 + n)
        token = fast["List-Unsubscribe"].strip("<>")
        assert token in fast["text"] and token in fast["html"]
        assert messages.read_unsubscribe_token(token.rstrip("/").rsplit("/", 1)[1]) == (
            recipient.key, "meeting")  # fmt: skip


def test_every_email_has_its_own_message_id(layout):
    ids = {
        parsed(layout.message(delivery=SimpleNamespace(pk=n), recipient=RECIPIENTS[0]).prepared)[
            "Message-ID"
        ]
        for n in range(5)
    }
    assert len(ids) == 5


def test_an_address_outside_the_plain_form_gets_an_email_built_in_full(layout):
    recipient = Recipient(key="person:9", email='"ana ruiz"@example.org', name="Ana",
                          time_zone="UTC")  # fmt: skip

    message = layout.message(delivery=SimpleNamespace(pk=1), recipient=recipient)

    assert message.prepared is None
    assert "Hello Ana," in what_it_says(parsed(message.message(policy=POLICY).as_bytes()))["text"]


def test_bytes_the_probe_cannot_prove_are_not_used(layout, monkeypatch, coalition):
    monkeypatch.setattr(messages, "same_email", lambda one, other: False)
    meeting = MeetingFactory(workgroup=coalition.workgroup, starts_at=START)
    kind = registry.reminders["meeting"]

    unproved = messages.Reminder(event=kind.event(f"meeting:{meeting.pk}"), kind=kind.name,
                                 kind_label=kind.label, time_zone="UTC")  # fmt: skip

    assert unproved.prepared is None
    assert (
        unproved.message(delivery=SimpleNamespace(pk=1), recipient=RECIPIENTS[0]).prepared is None
    )
