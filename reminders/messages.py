"""The emails themselves: one per person (never BCC), plain text and HTML,
when in the reader's own time zone, an .ics file for events, and a signed
one-click unsubscribe link (with the List-Unsubscribe headers) for each kind."""

import secrets
import zoneinfo
from email.parser import BytesParser
from email.utils import formatdate, make_msgid
from types import SimpleNamespace

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.core.mail.utils import DNS_NAME
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.html import conditional_escape

from reminders.registry import Event, Recipient
from reminders.smtp import POLICY, SIMPLE_ADDRESS

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


def _context(context):
    return {**context, "site_url": settings.SITE_URL, "coalition": settings.COALITION_SHORT_NAME}


def _headers(*, unsubscribe, delivery_id, kind) -> dict:
    headers = {"X-MHAP-Delivery": str(delivery_id), "X-MHAP-Kind": kind}
    if unsubscribe:
        headers["List-Unsubscribe"] = f"<{unsubscribe}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return headers


def _message(*, subject, text, html, to, headers, cls=EmailMultiAlternatives):
    message = cls(subject=" ".join(subject.split()), body=text, to=[to], headers=headers)
    message.attach_alternative(html, "text/html")
    return message


def _email(*, subject, template, context, to, unsubscribe, delivery_id, kind):
    context = _context({**context, "unsubscribe": unsubscribe})
    return _message(
        subject=subject,  # a title typed with a line break is put on one line
        text=render_to_string(f"reminders/email/{template}.txt", context),
        html=render_to_string(f"reminders/email/{template}.html", context),
        to=to,
        headers=_headers(unsubscribe=unsubscribe, delivery_id=delivery_id, kind=kind),
    )


class PreparedEmail(EmailMultiAlternatives):
    """An email whose bytes were made ahead (`prepared`, or None): the
    delivery mailer (reminders.smtp) sends them as they are instead of
    building the MIME message again."""

    prepared: bytes | None = None


class Reminder:
    """One event's reminder as it reads in one time zone: subject, text, HTML
    and calendar file rendered once, and each recipient's email made from
    them by filling in their name and unsubscribe link. A summit reminds
    10,000 members: rendering the templates and building the MIME message
    for each cost 10 ms an email, several times the sending (make bench).

    The email's bytes are prepared once too, with stand-ins where a
    recipient's values go. They are used only when a probe proves that
    filling them in gives the email Django's mail API builds (same headers,
    same encoding, same parts); otherwise each email is built in full."""

    def __init__(self, *, event: Event, kind: str, kind_label: str, time_zone: str):
        stand_in = secrets.token_hex(8)
        self.slots = {
            "name": f"name{stand_in}",
            "name_html": f"namehtml{stand_in}",
            "unsubscribe": f"unsubscribe{stand_in}",
            "unsubscribe_html": f"unsubscribehtml{stand_in}",
            "email": f"to{stand_in}@example.invalid",
            "delivery": f"delivery{stand_in}",
            "message_id": f"<id{stand_in}@example.invalid>",
        }
        self.kind = kind
        starts = local(event.starts_at, time_zone)
        # Built once here: a template naming event.ics would call it (Django
        # calls callables), building the calendar file again for each mention.
        self.ics = event.ics() if event.ics else None
        self.date = formatdate(localtime=settings.EMAIL_USE_LOCALTIME)
        self.subject = f"{event.what}: {event.title}, {dateformat.format(starts, 'D j M, g:i A T')}"
        context = _context({
            "event": event,
            "starts": starts,
            "ends": local(event.ends_at, time_zone) if event.ends_at else None,
            "kind_label": kind_label,
            "has_calendar": self.ics is not None,
            "now": timezone.now(),  # "starts in ..." as the email leaves
            "url": settings.SITE_URL + event.path,
        })  # fmt: skip
        self.text = render_to_string(
            "reminders/email/reminder.txt",
            {**context, "recipient": {"name": self.slots["name"]},
             "unsubscribe": self.slots["unsubscribe"]},
        )  # fmt: skip
        self.html = render_to_string(
            "reminders/email/reminder.html",
            {**context, "recipient": {"name": self.slots["name_html"]},
             "unsubscribe": self.slots["unsubscribe_html"]},
        )  # fmt: skip
        self.prepared = None
        self.prepared = self._prepare()

    def message(self, *, delivery, recipient: Recipient) -> PreparedEmail:
        unsubscribe = unsubscribe_url(recipient.key, self.kind)
        values = {
            "name": recipient.name,
            "name_html": conditional_escape(recipient.name),
            "unsubscribe": unsubscribe,
            "unsubscribe_html": conditional_escape(unsubscribe),
            "email": recipient.email,
            "delivery": str(delivery.pk),
            "message_id": make_msgid(domain=DNS_NAME),
        }
        message = _message(
            subject=self.subject,
            text=self._fill(self.text, values),
            html=self._fill(self.html, values),
            to=recipient.email,
            headers={**_headers(unsubscribe=unsubscribe, delivery_id=delivery.pk, kind=self.kind),
                     "Date": self.date, "Message-ID": values["message_id"]},
            cls=PreparedEmail,
        )  # fmt: skip
        if self.ics is not None:
            message.attach("event.ics", self.ics, "text/calendar")
        if self.prepared is not None and _fits(values):
            message.prepared = self._fill(self.prepared, values)
        return message

    def _fill(self, stencil, values):
        for slot, stand_in in self.slots.items():
            if isinstance(stencil, bytes):
                stencil = stencil.replace(stand_in.encode(), values[slot].encode())
            else:
                stencil = stencil.replace(stand_in, values[slot])
        return stencil

    def _prepare(self) -> bytes | None:
        """The email's bytes with stand-ins, if filling them in is proved, on a
        probe with the awkward values a recipient may have, to give what
        Django builds; otherwise None."""
        slots = self.slots
        stencil = _message(
            subject=self.subject, text=self.text, html=self.html, to=slots["email"],
            headers={**_headers(unsubscribe=slots["unsubscribe"], delivery_id=slots["delivery"],
                                kind=self.kind),
                     "Date": self.date, "Message-ID": slots["message_id"]},
        )  # fmt: skip
        if self.ics is not None:
            stencil.attach("event.ics", self.ics, "text/calendar")
        prepared = stencil.message(policy=POLICY).as_bytes()
        if any(stand_in.encode() not in prepared for stand_in in slots.values()):
            return None  # a part encoded so that a stand-in no longer reads as itself
        self.prepared = prepared
        probe = self.message(delivery=SimpleNamespace(pk=10**9), recipient=PROBE)
        if probe.prepared is None or not same_email(
            probe.prepared, probe.message(policy=POLICY).as_bytes()
        ):
            return None
        return prepared


# A recipient's values as awkward as they come: letters outside ASCII, HTML's
# special characters, quotes.
PROBE = Recipient(key="guest:o'brien@example.org", email="o.brien+hub@example.org",
                  name="Zoë O'Brien-Nguyễn <&> “Jo”", time_zone="UTC")  # fmt: skip
# The length a value can take and leave every header and body line unfolded.
LONGEST_VALUE = 300


def _fits(values) -> bool:
    return (
        SIMPLE_ADDRESS.fullmatch(values["email"]) is not None
        and all(len(value) <= LONGEST_VALUE for value in values.values())
        and not any(c in values["name"] for c in "\r\n\x00")
    )


def same_email(one: bytes, other: bytes) -> bool:
    """Whether two emails are the same but for their MIME boundaries: every
    part's headers, in order, and its encoded content."""
    parse = BytesParser(policy=POLICY).parsebytes
    first, second = list(parse(one).walk()), list(parse(other).walk())
    if len(first) != len(second):
        return False
    for a, b in zip(first, second, strict=True):
        if [(k, v) for k, v in a.items() if k.lower() != "content-type"] != [
            (k, v) for k, v in b.items() if k.lower() != "content-type"
        ]:
            return False
        if a.get_content_type() != b.get_content_type() or dict(a.get_params() or []) | {
            "boundary": None
        } != dict(b.get_params() or []) | {"boundary": None}:
            return False
        if not a.is_multipart() and a.get_payload() != b.get_payload():
            return False
    return True


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
