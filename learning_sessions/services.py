"""Writes of the learning sessions: the Core Group plans and moves them along."""

from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.text import slugify

from learning_sessions import permissions, uploads
from learning_sessions.enums import SessionStatus, Visibility
from learning_sessions.models import LearningSession, Presenter, SessionRegistration
from members.models import hash_token
from mhap.ical import calendar_bytes, simple_event

SESSION_FIELDS = ("title", "status", "proposed_month", "starts_at", "duration_minutes",
                  "description", "visibility", "meeting_link", "recording_link",
                  "slides_link", "summary")  # fmt: skip


class SessionError(Exception):
    pass


class NotAllowed(SessionError):
    pass


def _unique_slug(title: str) -> str:
    base = slugify(title)[:180] or "session"
    slug, n = base, 2
    while LearningSession.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def save_session(
    *,
    actor,
    session: LearningSession | None,
    fields: dict,
    topics,
    presenters,
    papers=(),
    issue_ids=(),
    files: dict | None = None,
):
    """Create or change a session, its topics, presenters (name, organisation,
    bio), related papers and issues, and its uploaded files, all or nothing.

    `files` holds, for each file field that changes, the new (already checked)
    upload or False to remove it; a new captions file comes with its cues as
    "transcript". A replaced or removed file is deleted from storage once the
    change has committed."""
    if not permissions.can_plan(actor):
        raise NotAllowed("Only the Core Group and admins plan learning sessions.")
    values = {name: fields[name] for name in SESSION_FIELDS}
    if session is None:
        session = LearningSession.objects.create(
            slug=_unique_slug(values["title"]), created_by=actor, **values
        )
    else:
        LearningSession.objects.filter(pk=session.pk).update(**values)
        session.refresh_from_db()
    if session.status == SessionStatus.PUBLISHED and session.published_at is None:
        session.published_at = timezone.now()
        session.save(update_fields=["published_at"])
    session.related_papers.set(papers)
    session.related_issues.set(issue_ids)
    session.topics.set(topics)
    session.presenters.all().delete()
    Presenter.objects.bulk_create(
        Presenter(session=session, position=n, **presenter)
        for n, presenter in enumerate(presenters)
    )
    store_files(session, files or {})  # last: a failure before it writes no file
    return session


def store_files(session, files: dict) -> None:
    """Store new uploads (already checked by learning_sessions.uploads), a
    captions file with its cues as "transcript", or remove files (False).
    Called inside the caller's transaction; a replaced or removed file is
    deleted from storage once the change has committed."""
    if not files:
        return
    stale = []
    for name in ("slides_file", "captions_file"):
        if name not in files:
            continue
        field = getattr(session, name)
        if field:
            stale.append((field.storage, field.name))
        upload = files[name]
        if upload:
            field.save(upload.name, upload, save=False)
        else:
            setattr(session, name, "")
        if name == "captions_file":
            session.transcript = files.get("transcript", []) if upload else []
            session.transcript_text = uploads.transcript_words(session.transcript)
    session.save(update_fields=["slides_file", "captions_file", "transcript", "transcript_text"])
    # Once the change has committed the old files are unreferenced; a rollback
    # leaves them in place (a new upload written before it is an orphan file,
    # never a broken link).
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in stale], robust=True)


# Registration ------------------------------------------------------------------


def open_for_registration(session) -> bool:
    return (
        session.status == SessionStatus.SCHEDULED
        and session.starts_at is not None
        and session.starts_at > timezone.now()
    )


def session_calendar(session, *, with_link: bool) -> bytes:
    """The session as an .ics file. Registrants and members get the link to
    join as its location; anyone else the session's page only."""
    event = simple_event(
        uid=f"learning-session-{session.pk}",
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        summary=f"{settings.COALITION_SHORT_NAME} learning session: {session.title}",
        url=settings.SITE_URL + session.get_absolute_url(),
        location=session.meeting_link if with_link else "",
    )
    return calendar_bytes([event], name=session.title)


def _send_confirmation(registration) -> None:
    """The registrant's own email: when, the link to join, and an .ics file."""
    session = registration.session
    when = timezone.localtime(session.starts_at).strftime("%A %d %B %Y, %H:%M %Z")
    body = (
        f"Hello {registration.name},\n\n"
        f"You are registered for “{session.title}”, {when}.\n"
        f"Join here: {session.meeting_link or 'the link follows before the session'}\n\n"
        f"{settings.SITE_URL}{session.get_absolute_url()}\n"
    )
    if registration.person is None:
        mine = reverse("learning_sessions:confirm", kwargs={"token": guest_token(registration)})
        body += f"\nCannot come after all? Cancel your place here: {settings.SITE_URL}{mine}\n"
    else:
        body += "\nCannot come after all? Cancel your place on the session's page.\n"
    message = EmailMessage(
        subject=f"You are registered: {session.title}",
        body=body,
        to=[registration.email],
    )
    message.attach(
        f"{session.slug}.ics", session_calendar(session, with_link=True), "text/calendar"
    )
    message.send()


def guest_token(registration) -> str:
    """The guest's own link: the same in every email to them (an older email's
    link keeps working), unguessable without the site's secret key."""
    return salted_hmac(
        "learning_sessions.guest",
        f"{registration.pk}:{registration.guest_email.lower()}",
        algorithm="sha256",
    ).hexdigest()


@transaction.atomic
def register_member(*, person, session) -> SessionRegistration:
    """One click. A member who had registered as a guest with the same address
    keeps that place, now as a member."""
    if not open_for_registration(session):
        raise SessionError("Registration for this session is closed.")
    as_guest = SessionRegistration.objects.filter(
        session=session, person=None, guest_email__iexact=person.email
    )
    if as_guest.update(person=person, guest_name="", guest_email="", guest_organisation="",
                       token_hash="", confirmed_at=timezone.now()):  # fmt: skip
        registration = SessionRegistration.objects.get(session=session, person=person)
    else:
        try:
            with transaction.atomic():
                registration = SessionRegistration.objects.create(
                    session=session, person=person, confirmed_at=timezone.now()
                )
        except IntegrityError as exc:
            raise SessionError("You are registered for this session already.") from exc
    transaction.on_commit(lambda: _send_confirmation(registration))
    return registration


@transaction.atomic
def cancel_registration(*, registration) -> None:
    """A member or guest who cannot come after all: they are no longer counted
    or reminded."""
    if registration.session.starts_at and registration.session.starts_at <= timezone.now():
        raise SessionError("This session has begun: registrations stay as they are.")
    SessionRegistration.objects.filter(pk=registration.pk).delete()


@transaction.atomic
def register_guest(*, session, name: str, email: str, organisation: str) -> None:
    """Someone outside the coalition registers for a public session: they get
    a link to confirm; no account is made. Whether the address was known
    already is not told, to the person or anyone else: a confirmed guest, or a
    member registered with that address, gets no second place and no email."""
    if not open_for_registration(session) or session.visibility != Visibility.PUBLIC:
        raise SessionError("Registration for this session is closed.")
    name, email, organisation = name.strip(), email.strip(), organisation.strip()
    if session.registrations.filter(person__email__iexact=email).exists():
        return
    registration = SessionRegistration.objects.filter(
        session=session, person=None, guest_email__iexact=email
    ).first()
    if registration and registration.confirmed_at:
        return
    if registration:
        # Asked again before confirming: the newest name and organisation count.
        SessionRegistration.objects.filter(pk=registration.pk).update(
            guest_name=name, guest_organisation=organisation
        )
    else:
        try:
            with transaction.atomic():
                registration = SessionRegistration.objects.create(
                    session=session, guest_name=name, guest_email=email,
                    guest_organisation=organisation,
                )  # fmt: skip
        except IntegrityError:
            return  # the same address at the same moment: one registration
    token = guest_token(registration)
    SessionRegistration.objects.filter(pk=registration.pk).update(token_hash=hash_token(token))
    link = settings.SITE_URL + reverse("learning_sessions:confirm", kwargs={"token": token})
    transaction.on_commit(
        lambda: send_mail(
            subject=f"Confirm your place: {session.title}",
            message=f"Hello {name},\n\nTo confirm your place at “{session.title}”, "
            f"open this link:\n{link}\n\nIf you did not ask for this, ignore this email.\n",
            from_email=None,
            recipient_list=[email],
        )
    )


def guest_registration(*, token: str) -> SessionRegistration | None:
    return (
        SessionRegistration.objects.select_related("session")
        .filter(token_hash=hash_token(token), person=None)
        .first()
    )


@transaction.atomic
def confirm_guest(*, token: str) -> SessionRegistration | None:
    registration = (
        SessionRegistration.objects.select_for_update()
        .filter(token_hash=hash_token(token), person=None)
        .first()
    )
    if registration is None:
        return None
    if registration.confirmed_at is None:
        SessionRegistration.objects.filter(pk=registration.pk).update(confirmed_at=timezone.now())
        registration.refresh_from_db()
        transaction.on_commit(lambda: _send_confirmation(registration))
    return registration


def _begun_or_refuse(session) -> None:
    if session.starts_at is None or session.starts_at > timezone.now():
        raise SessionError("Attendance is recorded once the session has begun.")


@transaction.atomic
def mark_attendance(*, actor, session, attended_ids) -> int:
    """After the session: who came, from the organisers' ticks."""
    if not permissions.can_plan(actor):
        raise NotAllowed("Only the Core Group and admins record attendance.")
    _begun_or_refuse(session)
    registrations = SessionRegistration.objects.filter(session=session)
    registrations.exclude(pk__in=attended_ids).update(attended=False)
    return registrations.filter(pk__in=attended_ids).update(attended=True)


@transaction.atomic
def import_attendance(*, actor, session, attendees: list[tuple[int, str]]) -> tuple[int, list]:
    """Attendance from the meeting platform's report: each (line, email) that
    matches a registration marks it attended. Returns how many registrations
    were marked and the (line, email) pairs that matched nobody registered.
    Ticks already made stay: an import only adds."""
    if not permissions.can_plan(actor):
        raise NotAllowed("Only the Core Group and admins record attendance.")
    _begun_or_refuse(session)
    wanted = {email.lower() for _, email in attendees}
    matched, ids = set(), []
    for registration in session.registrations.exclude(confirmed_at=None).select_related("person"):
        if registration.email.lower() in wanted:
            matched.add(registration.email.lower())
            ids.append(registration.pk)
    SessionRegistration.objects.filter(pk__in=ids).update(attended=True)
    unmatched = [(line, email) for line, email in attendees if email.lower() not in matched]
    return len(ids), unmatched
