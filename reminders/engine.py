"""The sweep: plan the reminders falling due, then claim due deliveries and
send them, each once.

Planning turns (event, lead time, recipient) into Delivery rows shortly
before they fall due; the row's unique key makes planning idempotent, so two
sweeps at once, or one after an outage, never plan a reminder twice.

Sending claims a batch with SELECT ... FOR UPDATE SKIP LOCKED, leases it to
this sweep and commits; each message is marked sent as soon as the mail
server accepts it. A sweep that dies mid-batch leaves its lease to expire and
the next sweep sends what was not marked: only the one message in flight at
the moment of the crash can go out twice.
"""

import datetime
import logging
import os
import smtplib
import socket
import time
import uuid
import zoneinfo
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.core import mail
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, transaction
from django.db.models import F
from django.utils import timezone

from mhap.mail import DELIVERY_MAILER, deserialize_message
from reminders import messages
from reminders.enums import Choice, DeliveryStatus
from reminders.models import Delivery, PlannerState, Preference
from reminders.preferences import lead_minutes, opted_out
from reminders.registry import Event, registry

log = logging.getLogger(__name__)

OUTBOX = "email"  # the kind of a plain message queued through Django's mail API
DAY = 24 * 60
FRESH_STATISTICS_AFTER = 1000  # rows planned at once


def due_at(event: Event, minutes: int) -> datetime.datetime:
    """When a reminder `minutes` before the event falls due. Whole days count
    in the event's wall clock, so "1 day before" a 9 am meeting is 9 am the
    day before even across a daylight-saving change; hours are exact."""
    if minutes % DAY == 0:
        zone = zoneinfo.ZoneInfo(event.time_zone)
        wall = event.starts_at.astimezone(zone).replace(tzinfo=None)
        earlier = wall - datetime.timedelta(days=minutes // DAY)
        return earlier.replace(tzinfo=zone).astimezone(datetime.UTC)
    return event.starts_at - datetime.timedelta(minutes=minutes)


# Planning ---------------------------------------------------------------------


def plan(now: datetime.datetime) -> int:
    """Create the deliveries of every reminder falling due from where the last
    plan stopped (a little before, to catch late changes) until a little
    ahead. Returns how many new rows it asked for."""
    ahead = datetime.timedelta(seconds=settings.REMINDER_PLAN_AHEAD_SECONDS)
    overlap = datetime.timedelta(seconds=settings.REMINDER_PLAN_OVERLAP_SECONDS)
    state = PlannerState.objects.first()
    start = (state.planned_until if state else now - ahead) - overlap
    start = min(start, now - overlap)
    until = now + ahead
    created = 0
    for kind in registry.reminders.values():
        try:
            with transaction.atomic():
                created += _plan_kind(kind, now=now, start=start, until=until)
        except Exception:  # one kind's failure must not stop the others, or sending
            log.exception("planning %s reminders failed", kind.name)
    if created >= FRESH_STATISTICS_AFTER and connection.vendor == "postgresql":
        # The planner's statistics predate these rows: until autovacuum
        # analyzes the table (a minute or more later), PostgreSQL expects a
        # handful of due rows and sorts all 10,000 of a summit on each claim.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Delivery._meta.db_table}")
    if state is None:
        PlannerState.objects.create(planned_until=until)
    else:
        PlannerState.objects.filter(pk=state.pk, planned_until__lt=until).update(
            planned_until=until
        )
    return created


def _plan_kind(kind, *, now, start, until) -> int:
    leads = lead_minutes(kind)
    if not leads:
        return 0
    # Events still ahead whose earliest reminder could fall in the window
    # (a day's margin for wall-clock days across a clock change).
    horizon = until + datetime.timedelta(minutes=leads[0] + DAY)
    events = kind.events(after=now, until=horizon)
    # Events (at their current start) with no reminder yet: one scheduled or
    # moved closer than its lead times still gets its nearest due reminder.
    known = set(
        Delivery.objects.filter(kind=kind.name, event_key__in=[e.key for e in events])
        .exclude(status=DeliveryStatus.SKIPPED)
        .values_list("event_key", "event_starts_at")
        .distinct()
    )
    rows = []
    for event in events:
        dues = [(lead, due_at(event, lead)) for lead in leads]  # largest lead first
        overdue = [lead for lead, due in dues if due <= now]
        unreminded = (event.key, event.starts_at) not in known
        for lead, due in dues:
            in_window = start < due <= until
            if not in_window and not (unreminded and due <= now):
                continue
            # Planned late (an outage, an event moved closer, a new event):
            # only the nearest reminder that is due, never a burst of them;
            # and for an event new or moved inside its lead times, none while
            # a later reminder of it is still to come.
            still_to_come = any(later > now for _, later in dues)
            if due <= now and (lead != min(overdue) or (not in_window and still_to_come)):
                continue
            rows.append((event, lead, due))
    if not rows:
        return 0
    deliveries = []
    for event in {event.key: event for event, _, _ in rows}.values():
        recipients = kind.recipients(event)
        off = opted_out(kind.name, [r.key for r in recipients])
        for _, lead, due in (row for row in rows if row[0].key == event.key):
            # A later plan over the same window (they overlap, to catch late
            # joiners) inserts only who is new: not a summit's 10,000 again.
            planned = set(
                Delivery.objects.filter(
                    kind=kind.name, event_key=event.key, lead_minutes=lead,
                    event_starts_at=event.starts_at,
                ).values_list("recipient_key", flat=True)
            )  # fmt: skip
            deliveries += [
                Delivery(kind=kind.name, event_key=event.key, recipient_key=r.key,
                         person_id=r.person_id, email=r.email, lead_minutes=lead,
                         event_starts_at=event.starts_at, due_at=due, send_after=due)
                for r in recipients
                if r.key not in off and r.key not in planned
            ]  # fmt: skip
    # Two sweeps planning at once: the unique key keeps one row of each.
    Delivery.objects.bulk_create(deliveries, ignore_conflicts=True, batch_size=500)
    return len(deliveries)


# Sending ----------------------------------------------------------------------


def sweep(*, now=None, limit: int | None = None) -> dict:
    """Plan, then send everything due, batch by batch, for at most about a
    sweep interval. Safe to run in several processes at once. `now` fixes the
    clock (tests)."""
    clock = (lambda: now) if now else timezone.now
    counts = defaultdict(int)
    try:
        counts["planned"] = plan(clock())
    except Exception:  # the outbox and notifications go out even so
        log.exception("planning reminders failed")
    sender = Sender(clock)
    deadline = time.monotonic() + settings.REMINDER_SWEEP_SECONDS
    try:
        _commit_without_waiting_for_the_disk()
        while time.monotonic() < deadline and (limit is None or counts["claimed"] < limit):
            batch = claim(worker=sender.worker, now=clock())
            if not batch:
                break
            counts["claimed"] += len(batch)
            for status, n in sender.send(batch).items():
                counts[status] += n
    finally:
        sender.close()
        _commit_waiting_for_the_disk()
    return dict(counts)


# PostgreSQL's commits wait until the write-ahead log is on disk: 4 ms here,
# more than sending the email (make bench). The sweep's own commits (claims,
# "sent" marks) need not wait: each is visible at once and survives the
# sweep dying, which is the crash the marks are for. Only the database server
# itself crashing in the moment before its log reaches the disk (a fraction
# of a second) can lose the latest marks, and then those emails go out again:
# late duplicates, never losses. The setting is the sweep's connection's only,
# while it sends; everything else the app writes waits for the disk as ever.
def _commit_without_waiting_for_the_disk() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO OFF")


def _commit_waiting_for_the_disk() -> None:
    if connection.vendor == "postgresql":
        try:
            with connection.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")
        except DatabaseError:  # the connection is gone, and its setting with it
            log.debug("resetting synchronous_commit failed", exc_info=True)


def claim(*, worker: str, now, size: int | None = None) -> list[Delivery]:
    """Lease a batch of due deliveries to this worker: pending ones due now,
    and ones whose sender died (their lease ran out)."""
    size = size or settings.REMINDER_BATCH_SIZE
    lease = now + datetime.timedelta(seconds=settings.REMINDER_LEASE_SECONDS)
    locked = Delivery.objects.select_for_update(skip_locked=True, of=("self",))
    with transaction.atomic():
        rows = list(
            locked.filter(status=DeliveryStatus.PENDING, send_after__lte=now)
            .select_related("person")
            .order_by("send_after", "pk")[:size]
        )
        if len(rows) < size:
            rows += list(
                locked.filter(status=DeliveryStatus.SENDING, lease_until__lt=now)
                .select_related("person")
                .order_by("lease_until", "pk")[: size - len(rows)]
            )
        # A person's digest goes out whole: with one of its items, claim the rest.
        if digest_keys := {row.recipient_key for row in rows if row.digest}:
            rows += list(
                locked.filter(status=DeliveryStatus.PENDING, digest=True, send_after__lte=now,
                              recipient_key__in=digest_keys)
                .exclude(pk__in=[row.pk for row in rows])
                .select_related("person")
            )  # fmt: skip
        if rows:
            Delivery.objects.filter(pk__in=[row.pk for row in rows]).update(
                status=DeliveryStatus.SENDING,
                claimed_by=worker,
                lease_until=lease,
                attempts=F("attempts") + 1,
            )
    for row in rows:
        row.attempts += 1
    return rows


# The mail server itself is unreachable: nothing in the batch can go, and no
# message is at fault, so none is charged an attempt.
CONNECTION_LOST = (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError,
                   ConnectionError, socket.timeout, TimeoutError)  # fmt: skip


def _is_transient(error: Exception) -> bool:
    """A refusal for now (4xx) is tried again; 5xx and anything else fail."""
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _ in error.recipients.values())
    return isinstance(error, OSError)


class _ServerGone(Exception):
    pass


class _RecordFailed(Exception):
    """Recording an email as sent failed (the database): the sweep stops, and
    that email goes out again once its lease runs out."""


class _Record:
    """Records one accepted email as sent. Started, it runs in the sender's
    helper thread, on this thread's database connection, while the mail
    server answers the next email's MAIL FROM and RCPT TO; finish() waits
    for it, and the next email's DATA waits for finish(). Not started,
    finish() records at once. PostgreSQL's answer took about as long as the
    mail server's (make bench): made one after the other, they halved the
    sweep's speed."""

    def __init__(self, sender, rows, *, sent_at):
        self.sender, self.rows, self.sent_at = sender, rows, sent_at
        self.database = connections[DEFAULT_DB_ALIAS]
        self.future = None
        self.finished = False

    def _mark(self):
        _mark_sent(self.rows, self.sender.worker, now=self.sent_at, database=self.database)

    def start(self) -> None:
        if self.sender.helper is None:
            self.sender.helper = ThreadPoolExecutor(1, thread_name_prefix="record-sent")
        self.database.inc_thread_sharing()
        self.future = self.sender.helper.submit(self._mark)

    def finish(self) -> None:
        if self.finished:
            return
        self.finished = True
        try:
            if self.future is None:
                self._mark()
            else:
                try:
                    self.future.result()
                finally:
                    self.database.dec_thread_sharing()
        except Exception as error:
            raise _RecordFailed from error


class Sender:
    """Sends claimed deliveries over one mail connection. What it looks up
    (events, their recipients, people's choices) it keeps for the sweep."""

    def __init__(self, clock=timezone.now):
        self.clock = clock
        self.worker = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.backend = None
        self.renewed_at = time.monotonic()
        self.checks = _Checks()
        # The email the mail server accepted last, while its record waits
        # to be made during the next email's conversation (_Record).
        self.unrecorded = None
        self.helper = None  # the thread that records, started when needed

    def _connection(self):
        if self.backend is None:
            self.backend = mail.mailers[DELIVERY_MAILER]
            self.backend.open()
        return self.backend

    def close(self):
        if self.unrecorded is not None:  # the sweep stopped on an error
            try:
                self.record()
            except _RecordFailed:  # its lease runs out, and it goes again
                log.warning("recording a sent email failed", exc_info=True)
        if self.helper is not None:
            self.helper.shutdown()
            self.helper = None
        if self.backend is not None:
            try:
                self.backend.close()
            except Exception:  # the server went away; nothing left to close
                log.debug("closing the mail connection failed", exc_info=True)
            self.backend = None

    def send(self, batch: list[Delivery]) -> dict:
        self.renewed_at = time.monotonic()
        self.checks.now = self.clock()
        counts = defaultdict(int)
        groups = [[d] for d in batch if not d.digest]
        digests = defaultdict(list)
        for delivery in batch:
            if delivery.digest:
                digests[delivery.recipient_key].append(delivery)
        groups += list(digests.values())
        for n, rows in enumerate(groups):
            try:
                status = self._one(rows)
            except _ServerGone as error:
                # Release this and every later group, uncharged, for the next sweep.
                _release([row for group in groups[n:] for row in group], self.worker,
                         error, now=self.clock())  # fmt: skip
                counts["released"] += sum(len(group) for group in groups[n:])
                break
            counts[status] += len(rows)
        self.record()
        return counts

    def record(self) -> None:
        """Mark the email the mail server accepted last as sent, or wait
        until that is done."""
        if self.unrecorded is not None:
            task, self.unrecorded = self.unrecorded, None
            task.finish()

    def _one(self, rows) -> str:
        if not self._still_mine(rows):
            return "lost"
        if rows[0].digest:
            unwanted = self.checks.unwanted(rows)
            if unwanted:
                _finish_all(unwanted, self.worker, status=DeliveryStatus.SKIPPED,
                            skip_reason="Turned off by the person.")  # fmt: skip
                rows = [row for row in rows if row not in unwanted]
            if not rows:
                return "skipped"
        try:
            reason, message = self.checks.message(rows)
        except Exception as error:  # a message that cannot be built fails alone
            log.exception("building delivery %s failed", [r.pk for r in rows])
            return _failed(rows, self.worker, error, now=self.clock())
        if reason:
            _finish_all(rows, self.worker, status=DeliveryStatus.SKIPPED, skip_reason=reason)
            return "skipped"
        # At most one email is ever accepted and not yet recorded as sent: a
        # crash can double that one, no more. With Django's SMTP backend the
        # email before is recorded while the server answers this one's MAIL
        # FROM and RCPT TO, before this one can be accepted (_Record); with
        # the others each email is recorded at once.
        backend = self._connection()
        overlaps = getattr(backend, "runs_meanwhile", False)
        if overlaps and self.unrecorded is not None:
            backend.meanwhile = self.unrecorded
        try:
            backend.send_messages([message])
            failure = None
        except Exception as error:
            failure = error
        backend.meanwhile = None
        if not isinstance(failure, _RecordFailed):
            self.record()  # the server did not get as far as DATA: done now
        if isinstance(failure, _RecordFailed):
            self.close()  # mid-conversation: the server waits for a command
            raise failure
        if isinstance(failure, CONNECTION_LOST):
            self.close()
            raise _ServerGone(failure) from failure
        if failure is not None:  # every refusal is recorded on the row
            self.close()  # a fresh connection for the next message
            return _failed(rows, self.worker, failure, now=self.clock())
        self.unrecorded = _Record(self, rows, sent_at=self.clock())
        if not overlaps:
            self.record()
        return "sent"

    def _still_mine(self, rows) -> bool:
        """Renew the lease while a send could still outlast it: a sweep that
        lost its lease to another (it stalled) must not send what the other
        now owns."""
        lease = settings.REMINDER_LEASE_SECONDS
        left = lease - (time.monotonic() - self.renewed_at)
        if left > 3 * _send_timeout():
            return True
        renewed = Delivery.objects.filter(
            pk__in=[row.pk for row in rows],
            status=DeliveryStatus.SENDING,
            claimed_by=self.worker,
        ).update(lease_until=self.clock() + datetime.timedelta(seconds=lease))
        self.renewed_at = time.monotonic()
        return renewed == len(rows)


def _send_timeout() -> float:
    """The delivery mailer's timeout per network operation (30 s if unset)."""
    options = settings.MAILERS.get(DELIVERY_MAILER, {}).get("OPTIONS", {})
    return options.get("timeout") or 30


def _finish_all(rows, worker, **fields):
    Delivery.objects.filter(
        pk__in=[row.pk for row in rows], status=DeliveryStatus.SENDING, claimed_by=worker
    ).update(lease_until=None, **fields)


def _mark_sent(rows, worker, *, now, database=connection) -> None:
    """_finish_all(rows, worker, status=SENT, sent_at=now), with its SQL
    written out: it runs once for every email, and the ORM took longer to
    build that UPDATE (0.5 ms) than PostgreSQL took to run it (make bench)."""
    field = {f.name: f.column for f in Delivery._meta.concrete_fields}
    ids = ", ".join(["%s"] * len(rows))
    sql = (
        f"UPDATE {Delivery._meta.db_table} "  # noqa: S608 -- names are the model's; values are parameters
        f"SET {field['status']} = %s, {field['sent_at']} = %s, {field['lease_until']} = NULL "
        f"WHERE {field['id']} IN ({ids}) AND {field['status']} = %s AND {field['claimed_by']} = %s"
    )
    sent_at = database.ops.adapt_datetimefield_value(now)
    with database.cursor() as cursor:
        cursor.execute(
            sql,
            [
                DeliveryStatus.SENT,
                sent_at,
                *[row.pk for row in rows],
                DeliveryStatus.SENDING,
                worker,
            ],
        )


def _release(rows, worker, error, *, now) -> None:
    """Back to pending, the attempt not counted: the server was unreachable."""
    text = f"{type(error).__name__}: {error}"[:2000]
    Delivery.objects.filter(
        pk__in=[row.pk for row in rows], status=DeliveryStatus.SENDING, claimed_by=worker
    ).update(
        status=DeliveryStatus.PENDING,
        lease_until=None,
        attempts=F("attempts") - 1,
        last_error=text,
        send_after=now + datetime.timedelta(seconds=settings.REMINDER_RETRY_SECONDS),
    )
    log.warning("mail server unreachable; %s deliveries wait: %s", len(rows), text)


def _failed(rows, worker, error, *, now) -> str:
    """Another attempt later, with backoff, or failed for good: the error is
    kept on the row for admins either way."""
    attempts = rows[0].attempts
    text = f"{type(error).__name__}: {error}"[:2000]
    if _is_transient(error) and attempts < settings.REMINDER_MAX_ATTEMPTS:
        backoff = settings.REMINDER_RETRY_SECONDS * 2 ** (attempts - 1)
        _finish_all(rows, worker, status=DeliveryStatus.PENDING, last_error=text,
                    send_after=now + datetime.timedelta(seconds=backoff))  # fmt: skip
        log.warning("delivery %s will be retried: %s", [r.pk for r in rows], text)
        return "retried"
    _finish_all(rows, worker, status=DeliveryStatus.FAILED, last_error=text)
    log.error("delivery %s failed: %s", [r.pk for r in rows], text)
    return "failed"


class _Checks:
    """Whether deliveries are still wanted, and their message. Events, their
    recipients and who opted out are looked up once per sweep."""

    def __init__(self):
        self.now = timezone.now()
        self.events = {}
        self.recipients = {}
        self.opted_out = {}
        self.choices = {}
        self.layouts = {}  # each event's reminder per time zone, rendered once

    def message(self, rows):
        """(reason to skip, None) or ("", the message) for one delivery, or
        for one person's digest."""
        delivery = rows[0]
        if delivery.kind == OUTBOX:
            message = deserialize_message(delivery.payload)
            message.extra_headers["X-MHAP-Delivery"] = str(delivery.pk)
            return "", message
        if delivery.kind in registry.notifications:
            return self._notification(rows)
        return self._reminder(delivery)

    def unwanted(self, rows) -> list:
        """Of these notifications, those their person no longer wants (they
        chose never since, or their account is closed)."""
        person = rows[0].person
        if person is None or not person.is_active:
            return list(rows)
        return [row for row in rows if self._choice(person.pk, row.kind) == Choice.NEVER]

    def _notification(self, rows):
        delivery = rows[0]
        if delivery.digest:
            return "", messages.digest(
                deliveries=rows, labels=_labels(), time_zone=delivery.person.time_zone
            )
        if self.unwanted(rows):
            return "Turned off by the person, or the account is closed.", None
        label = registry.notifications[delivery.kind].label
        return "", messages.notification(delivery=delivery, kind_label=label)

    def _choice(self, person_id, kind) -> str:
        if person_id not in self.choices:
            self.choices[person_id] = dict(
                Preference.objects.filter(person_id=person_id).values_list("kind", "choice")
            )
        return self.choices[person_id].get(kind, Choice.NOW)

    def _reminder(self, delivery):
        kind = registry.reminders.get(delivery.kind)
        if kind is None:
            return "No such kind of reminder any more.", None
        cache_key = (kind.name, delivery.event_key)
        if cache_key not in self.events:
            event = kind.event(delivery.event_key)
            recipients = {r.key: r for r in kind.recipients(event)} if event else {}
            self.events[cache_key] = event
            self.recipients[cache_key] = recipients
            self.opted_out[cache_key] = opted_out(kind.name, list(recipients))
        event = self.events[cache_key]
        if event is None:
            return "The event was cancelled or removed.", None
        if event.starts_at != delivery.event_starts_at:
            return "The event moved; its new time has its own reminder.", None
        if event.starts_at <= self.now:
            return "The event had begun by the time the reminder could go.", None
        recipient = self.recipients[cache_key].get(delivery.recipient_key)
        if recipient is None:
            return "No longer among the people to remind.", None
        if delivery.recipient_key in self.opted_out[cache_key]:
            return "Turned off by the person.", None
        layout_key = (*cache_key, recipient.time_zone)
        if layout_key not in self.layouts:
            self.layouts[layout_key] = messages.Reminder(
                event=event, kind=kind.name, kind_label=kind.label, time_zone=recipient.time_zone
            )
        return "", self.layouts[layout_key].message(delivery=delivery, recipient=recipient)


def _labels() -> dict[str, str]:
    return {name: kind.label for name, kind in registry.notifications.items()}
