"""The emails themselves: one per person (never BCC), plain text and HTML,
when in the reader's own time zone, an .ics file for events, and a signed
one-click unsubscribe link (with the List-Unsubscribe headers) for each kind."""

import zoneinfo

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import dateformat, timezone

from reminders.registry import Event, Recipient

UNSUBSCRIBE_SALT = "reminders.unsubscribe"
# The unsubscribe "kind" of the daily digest: it turns every notification that
# goes to the digest off.
DIGEST = "digest"


def unsubscribe_token(recipient_key: str, kind: str) -> str:
    """Signed, per person and kind; it does not expire, as unsubscribe links
    in old emails must keep working."""
    return signing.dumps({"r": recipient_key, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[str, str] | None:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return data["r"], data["k"]


def unsubscribe_url(recipient_key: str, kind: str) -> str:
    token = unsubscribe_token(recipient_key, kind)
    return settings.SITE_URL + reverse("reminders:unsubscribe", kwargs={"token": token})


def local(moment, time_zone: str):
    return moment.astimezone(zoneinfo.ZoneInfo(time_zone))


def _email(*, subject, template, context, to, unsubscribe, delivery_id, kind):
    context = {**context, "unsubscribe": unsubscribe, "site_url": settings.SITE_URL,
               "coalition": settings.COALITION_SHORT_NAME}  # fmt: skip
    headers = {"X-MHAP-Delivery": str(delivery_id), "X-MHAP-Kind": kind}
    subject = " ".join(subject.split())  # a title typed with a line break
    if unsubscribe:
        headers["List-Unsubscribe"] = f"<{unsubscribe}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"reminders/email/{template}.txt", context),
        to=[to],
        headers=headers,
    )
    message.attach_alternative(
        render_to_string(f"reminders/email/{template}.html", context), "text/html"
    )
    return message


def reminder(*, delivery, event: Event, recipient: Recipient, kind_label: str):
    starts = local(event.starts_at, recipient.time_zone)
    # Built once here: a template naming event.ics would call it (Django calls
    # callables), building the calendar file again for each mention.
    ics = event.ics() if event.ics else None
    message = _email(
        subject=f"{event.what}: {event.title}, {dateformat.format(starts, 'D j M, g:i A T')}",
        template="reminder",
        context={
            "event": event,
            "recipient": recipient,
            "starts": starts,
            "ends": local(event.ends_at, recipient.time_zone) if event.ends_at else None,
            "kind_label": kind_label,
            "has_calendar": ics is not None,
            "now": timezone.now(),  # "starts in ..." as the email leaves
            "url": settings.SITE_URL + event.path,
        },
        to=recipient.email,
        unsubscribe=unsubscribe_url(recipient.key, delivery.kind),
        delivery_id=delivery.pk,
        kind=delivery.kind,
    )
    if ics is not None:
        message.attach("event.ics", ics, "text/calendar")
    return message


def notification(*, delivery, kind_label: str) -> EmailMultiAlternatives:
    payload = delivery.payload
    return _email(
        subject=payload["subject"],
        template="notification",
        context={
            "body": payload["body"],
            "url": settings.SITE_URL + payload["path"],
            "kind_label": kind_label,
        },
        to=delivery.email,
        unsubscribe=unsubscribe_url(delivery.recipient_key, delivery.kind),
        delivery_id=delivery.pk,
        kind=delivery.kind,
    )


def digest(*, deliveries, labels: dict[str, str], time_zone: str) -> EmailMultiAlternatives:
    first = deliveries[0]
    items = [
        {"subject": d.payload["subject"], "body": d.payload["body"],
         "url": settings.SITE_URL + d.payload["path"], "kind_label": labels.get(d.kind, d.kind),
         "at": local(d.created_at, time_zone)}
        for d in deliveries
    ]  # fmt: skip
    count = len(items)
    return _email(
        subject=f"Your {settings.COALITION_SHORT_NAME} Hub digest: "
        f"{count} update{'s' if count != 1 else ''}",
        template="digest",
        context={"items": items},
        to=first.email,
        unsubscribe=unsubscribe_url(first.recipient_key, DIGEST),
        delivery_id=",".join(str(d.pk) for d in deliveries),
        kind="digest",
    )
