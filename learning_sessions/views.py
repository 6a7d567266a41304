"""The learning-session library (public), a session's page, and the Core
Group's plan of the year."""

import csv

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_POST, require_safe

from learning_sessions import permissions, selectors, services, uploads, video
from learning_sessions.forms import AttendanceImportForm, GuestRegistrationForm, SessionForm
from learning_sessions.models import LearningSession
from members.spreadsheets import safe_cell
from mhap.templatetags.mhap_text import render_markdown


def _planners_only(request):
    if permissions.can_plan(request.user):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def library(request):
    return render(
        request,
        "learning_sessions/library.html",
        {
            "sessions": selectors.library(user=request.user, params=request.GET),
            "upcoming": selectors.upcoming(user=request.user, now=timezone.now()),
            "topics": selectors.topics(user=request.user),
            "years": selectors.years(user=request.user),
            "can_plan": permissions.can_plan(request.user),
        },
    )


def _readable(request, slug, queryset=LearningSession.objects):
    """(session, None) if this person may read it, else (None, a sign-in
    redirect). An idea is not found; a members-only session asks the public to
    sign in, as every members-only page does (it never shows in lists, search
    or the feed)."""
    session = get_object_or_404(queryset, slug=slug)
    if permissions.can_read(request.user, session):
        return session, None
    if not request.user.is_authenticated and session.visibility == "members":
        return None, redirect_to_login(request.get_full_path())
    raise Http404


# The recording plays in its host's privacy-friendly player: the session page
# alone may frame those players.
@csp_override({**settings.SECURE_CSP, "frame-src": video.EMBED_ORIGINS})
def detail(request, slug):
    session, refusal = _readable(
        request, slug, LearningSession.objects.prefetch_related("topics", "presenters")
    )
    if refusal:
        return refusal
    recording = video.recording(session.recording_link)
    transcript = [{**cue, "clock": uploads.clock(cue["start"])} for cue in session.transcript]
    return render(
        request,
        "learning_sessions/detail.html",
        {
            "session": session,
            "can_plan": permissions.can_plan(request.user),
            "show_link": permissions.can_see_meeting_link(request.user, session),
            "open": services.open_for_registration(session),
            "registered": request.user.is_authenticated
            and session.registrations.filter(person=request.user).exists(),
            "registration_count": session.registrations.exclude(confirmed_at=None).count(),
            "recording": recording,
            "transcript": transcript,
            **selectors.related(user=request.user, session=session),
        },
    )


@require_safe
def session_ics(request, slug):
    """The session as an .ics file, for whoever may read it."""
    session, refusal = _readable(request, slug)
    if refusal:
        return refusal
    if session.starts_at is None:
        raise Http404
    response = HttpResponse(
        services.session_calendar(
            session, with_link=permissions.can_see_meeting_link(request.user, session)
        ),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{session.slug}.ics"'
    return response


@require_safe
def download(request, slug, kind):
    """A session's slides or captions, to whoever may read the session, always
    as a download (never rendered in the Hub's origin)."""
    session, refusal = _readable(request, slug)
    if refusal:
        return refusal
    field = session.slides_file if kind == "slides" else session.captions_file
    if not field:
        raise Http404
    extension = uploads.extension(field.name)
    try:
        handle = field.open("rb")
    except OSError:  # gone from storage (a restore without the files)
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{session.slug}-{kind}.{extension}",
        content_type=uploads.MEDIA_TYPES.get(extension, "application/octet-stream"),
    )


class RecordingsFeed(Feed):
    """New recordings in the public library, as Atom."""

    feed_type = Atom1Feed
    title = f"{settings.COALITION_SHORT_NAME} learning sessions: new recordings"
    subtitle = "Recordings of the coalition's monthly learning sessions."

    def link(self):
        return reverse("learning_sessions:library")

    def items(self):
        return selectors.feed()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        presenters = ", ".join(p.name for p in item.presenters.all())
        byline = f"\n\nPresented by {presenters}." if presenters else ""
        return render_markdown(item.description + byline)

    def item_pubdate(self, item):
        return item.published_at or item.starts_at

    def item_updateddate(self, item):
        return item.published_at or item.starts_at

    def item_guid(self, item):
        return f"{settings.SITE_URL}{item.get_absolute_url()}"


recordings_feed = RecordingsFeed()


def plan(request):
    if refusal := _planners_only(request):
        return refusal
    return render(request, "learning_sessions/plan.html", {"pipeline": selectors.pipeline()})


def edit(request, slug=None):
    if refusal := _planners_only(request):
        return refusal
    session = get_object_or_404(LearningSession, slug=slug) if slug else None
    form = SessionForm(request.POST or None, request.FILES or None, instance=session)
    if request.method == "POST" and form.is_valid():
        session = services.save_session(
            actor=request.user,
            session=session,
            fields=form.session_fields(),
            topics=form.cleaned_data["topics"],
            presenters=form.cleaned_data["presenters"],
            papers=form.cleaned_data["related_papers"],
            issue_ids=form.cleaned_data["issue_numbers"],
            files=form.file_changes(),
        )
        messages.success(request, f"“{session.title}” saved.")
        return redirect(session)
    return render(
        request,
        "learning_sessions/form.html",
        {"form": form, "session": session},
        status=400 if form.errors else 200,
    )


@require_POST
def register(request, slug):
    """A member registers with one click."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("learning_sessions:detail", kwargs={"slug": slug}))
    session = _readable_or_404(request, slug)
    try:
        services.register_member(person=request.user, session=session)
    except services.SessionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, "You are registered: the link and a calendar file are in your email."
        )
    return redirect(session)


def register_guest(request, slug):
    """Someone outside the coalition registers with name, email and organisation."""
    session = _readable_or_404(request, slug)
    if not services.open_for_registration(session) or session.visibility != "public":
        return render(request, "learning_sessions/guest_closed.html", {"session": session})
    form = GuestRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.register_guest(session=session, **form.cleaned_data)
        except services.SessionError as error:
            form.add_error(None, str(error))
        else:
            return render(
                request,
                "learning_sessions/guest_sent.html",
                {"session": session, "email": form.cleaned_data["email"]},
            )
    return render(
        request,
        "learning_sessions/guest_form.html",
        {"session": session, "form": form},
        status=400 if form.errors else 200,
    )


def confirm(request, token):
    """The guest's emailed link: their place, to confirm or cancel. Buttons,
    so nothing changes on a GET."""
    registration = services.guest_registration(token=token)
    if registration is None:
        raise Http404
    if request.method == "POST" and request.POST.get("action") == "cancel":
        try:
            services.cancel_registration(registration=registration)
        except services.SessionError as error:
            messages.error(request, str(error))
        else:
            return render(
                request, "learning_sessions/guest_cancelled.html", {"session": registration.session}
            )
    elif request.method == "POST":
        registration = services.confirm_guest(token=token)
        return render(
            request, "learning_sessions/guest_confirmed.html", {"registration": registration}
        )
    return render(
        request,
        "learning_sessions/guest_confirm.html",
        {
            "registration": registration,
            "open": services.open_for_registration(registration.session),
        },
    )


@require_POST
def unregister(request, slug):
    """A member who cannot come after all."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("learning_sessions:detail", kwargs={"slug": slug}))
    session = _readable_or_404(request, slug)
    registration = session.registrations.filter(person=request.user).first()
    if registration is None:
        messages.info(request, "You were not registered for this session.")
        return redirect(session)
    try:
        services.cancel_registration(registration=registration)
    except services.SessionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Your place is cancelled. Thank you for telling us.")
    return redirect(session)


def _readable_or_404(request, slug):
    session, refusal = _readable(request, slug)
    if refusal:
        raise Http404
    return session


def registrations(request, slug):
    """Organisers: who registered (members and confirmed guests), the count,
    and after the session who attended."""
    if refusal := _planners_only(request):
        return refusal
    session = get_object_or_404(LearningSession, slug=slug)
    if request.method == "POST":
        ids = [int(pk) for pk in request.POST.getlist("attended") if pk.isascii() and pk.isdigit()]
        try:
            count = services.mark_attendance(actor=request.user, session=session, attended_ids=ids)
        except services.SessionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"Attendance saved: {count} attended.")
        return redirect("learning_sessions:registrations", slug=slug)
    unmatched = request.session.pop(_UNMATCHED, {}).get(str(session.pk), [])
    return _registrations_page(request, session, AttendanceImportForm(), unmatched=unmatched)


# The attendees an import could not match, kept for the page it redirects to.
_UNMATCHED = "learning_sessions_unmatched"


def _registrations_page(request, session, import_form, *, unmatched=(), status=200):
    return render(
        request,
        "learning_sessions/registrations.html",
        {
            "session": session,
            "registrations": selectors.registrations(session=session),
            "import_form": import_form,
            "unmatched": unmatched,
            "begun": session.starts_at is not None and session.starts_at <= timezone.now(),
        },
        status=status,
    )


@require_POST
def import_attendance(request, slug):
    """After the session: attendance from the meeting platform's report."""
    if refusal := _planners_only(request):
        return refusal
    session = get_object_or_404(LearningSession, slug=slug)
    form = AttendanceImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _registrations_page(request, session, form, status=400)
    try:
        count, unmatched = services.import_attendance(
            actor=request.user, session=session, attendees=form.cleaned_data["file"]
        )
    except services.SessionError as error:
        form.add_error("file", str(error))
        return _registrations_page(request, session, form, status=400)
    messages.success(
        request,
        f"Attendance imported: {count} registration{pluralize(count)} marked attended."
        + (f" {len(unmatched)} attendee{pluralize(len(unmatched))} matched no registration: "
           "see the list below." if unmatched else ""),
    )  # fmt: skip
    request.session[_UNMATCHED] = {str(session.pk): unmatched[:500]}
    return redirect("learning_sessions:registrations", slug=slug)


def registrations_csv(request, slug):
    if refusal := _planners_only(request):
        return refusal
    session = get_object_or_404(LearningSession, slug=slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{session.slug}-registrations.csv"'
    writer = csv.writer(response)
    writer.writerow(["name", "email", "organisation", "member", "registered", "attended"])
    for row in selectors.registrations(session=session):
        organisation = (
            row.person.organisation.name
            if row.person and row.person.organisation
            else row.guest_organisation
        )
        writer.writerow(
            map(
                safe_cell,
                [
                    row.name,
                    row.email,
                    organisation,
                    "yes" if row.person else "no",
                    timezone.localtime(row.registered_at).strftime("%Y-%m-%d %H:%M"),
                    "yes" if row.attended else "no",
                ],
            )
        )
    return response
