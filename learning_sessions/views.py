"""The learning-session library (public), a session's page, and the Core
Group's plan of the year."""

import csv

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from learning_sessions import permissions, selectors, services
from learning_sessions.forms import GuestRegistrationForm, SessionForm
from learning_sessions.models import LearningSession
from members.spreadsheets import safe_cell


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
            "topics": selectors.topics(),
            "years": selectors.years(user=request.user),
            "can_plan": permissions.can_plan(request.user),
        },
    )


def detail(request, slug):
    session = get_object_or_404(
        LearningSession.objects.prefetch_related("topics", "presenters"), slug=slug
    )
    if not permissions.can_read(request.user, session):
        # An idea is not found; a members-only session asks the public to sign
        # in, as every members-only page does (it never shows in lists or search).
        if not request.user.is_authenticated and session.visibility == "members":
            return redirect_to_login(request.get_full_path())
        raise Http404
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
        },
    )


def plan(request):
    if refusal := _planners_only(request):
        return refusal
    return render(request, "learning_sessions/plan.html", {"pipeline": selectors.pipeline()})


def edit(request, slug=None):
    if refusal := _planners_only(request):
        return refusal
    session = get_object_or_404(LearningSession, slug=slug) if slug else None
    form = SessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        session = services.save_session(
            actor=request.user,
            session=session,
            fields=form.session_fields(),
            topics=form.cleaned_data["topics"],
            presenters=form.cleaned_data["presenters"],
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
    """The guest's emailed link: a button, so nothing changes on a GET."""
    if request.method == "POST":
        registration = services.confirm_guest(token=token)
        if registration is None:
            raise Http404
        return render(
            request, "learning_sessions/guest_confirmed.html", {"registration": registration}
        )
    return render(request, "learning_sessions/guest_confirm.html", {"token": token})


def _readable_or_404(request, slug):
    session = get_object_or_404(LearningSession, slug=slug)
    if not permissions.can_read(request.user, session):
        raise Http404
    return session


def registrations(request, slug):
    """Organisers: who registered (members and confirmed guests), the count,
    and after the session who attended."""
    if refusal := _planners_only(request):
        return refusal
    session = get_object_or_404(LearningSession, slug=slug)
    if request.method == "POST":
        ids = [int(pk) for pk in request.POST.getlist("attended") if pk.isdigit()]
        count = services.mark_attendance(actor=request.user, session=session, attended_ids=ids)
        messages.success(request, f"Attendance saved: {count} attended.")
        return redirect("learning_sessions:registrations", slug=slug)
    return render(
        request,
        "learning_sessions/registrations.html",
        {"session": session, "registrations": selectors.registrations(session=session)},
    )


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
