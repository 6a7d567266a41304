"""The outbox: Django's mail API writes each message as a Delivery row in the
transaction of the change it tells of. A rolled-back request sends nothing; a
committed one is sent by the sweep, late if the worker or broker is down,
never lost."""

import uuid

from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from mhap.mail import serialize_message


class OutboxEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        from reminders.engine import OUTBOX
        from reminders.models import Delivery
        from reminders.tasks import send_soon

        now = timezone.now()
        rows = []
        for message in email_messages:
            if not message.recipients():
                continue
            key = uuid.uuid4().hex
            rows.append(
                Delivery(
                    kind=OUTBOX,
                    event_key=f"message:{key}",
                    recipient_key=f"message:{key}",
                    email=message.recipients()[0][:254],
                    event_starts_at=now,
                    due_at=now,
                    send_after=now,
                    payload=serialize_message(message),
                )
            )
        Delivery.objects.bulk_create(rows)
        if rows:
            send_soon()
        return len(rows)
