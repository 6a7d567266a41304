import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from members.decorators import admin_required
from members.forms import JoinRequestForm
from mhap import dashboard, front, services
from mhap import overview as core_overview
from mhap.forms import SiteTextsForm
from mhap.ical import calendar_response
from mhap.models import SiteText
from workgroups import calendar as workgroup_calendar
from workgroups import permissions as workgroup_permissions
from workgroups import selectors as workgroup_selectors


def home(request):
    """Signed in: what needs me this week. The public: what the coalition is."""
    if workgroup_permissions.is_member(request.user):
        return render(
            request,
            "home.html",
            {
                "page": dashboard.home(person=request.user),
                "is_chair": bool(workgroup_permissions.roles_of(request.user).chair_of),
                "is_core_or_admin": workgroup_permissions.is_core_or_admin(request.user),
            },
        )
    return render(
        request,
        "front.html",
        {
            "texts": {text.key: text for text in SiteText.objects.all()},
            "workgroups": workgroup_selectors.workgroup_list(),
            "papers": front.adopted_papers(),
            "events": front.public_events(),
            "recordings": front.latest_recordings(),
            "join_form": JoinRequestForm(),
        },
    )


def overview(request):
    """The Core Group's view of the whole coalition, before its meeting."""
    if not workgroup_permissions.is_member(request.user):
        return redirect_to_login(request.get_full_path())
    if not workgroup_permissions.is_core_or_admin(request.user):
        raise PermissionDenied
    return render(
        request,
        "overview.html",
        {
            "pipeline": core_overview.pipeline(),
            "papers": core_overview.papers(),
            "participation": core_overview.participation(),
            "attention": core_overview.attention(),
        },
    )


@admin_required
def site_texts(request):
    """Admins write the front page's texts: about, vision, mission, values."""
    form = SiteTextsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.save_site_texts(actor=request.user, texts=form.cleaned_data)
        messages.success(request, "The front page's texts are saved.")
        return redirect("site_texts")
    return render(request, "site_texts.html", {"form": form}, status=400 if form.errors else 200)


@never_cache
def healthz(request):
    """For load balancers and compose: the process answers and the database too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


# How far back a feed reaches: recent meetings stay in people's calendars.
FEED_HISTORY = datetime.timedelta(days=90)


@never_cache
def calendar_feed(request, token):
    """A person's meetings (and, as they land, summits and learning sessions).

    The secret token is the only key: a wrong or reset token is a 404, whoever
    asks, so the URL never shows anyone else's calendar.
    """
    person = (
        get_user_model().objects.filter(calendar_token=token, is_active=True).first()
        if token
        else None
    )
    if person is None:
        raise Http404
    stamp = timezone.now()
    meetings = workgroup_selectors.meetings_for_calendar(person=person, since=stamp - FEED_HISTORY)
    events = [workgroup_calendar.meeting_event(meeting, stamp=stamp) for meeting in meetings]
    return calendar_response(
        events, name=f"{settings.COALITION_SHORT_NAME} meetings", filename="mhap-hub.ics"
    )


def meeting_ics(request, slug, pk):
    """One meeting as an .ics download, from its page (members only)."""
    if not workgroup_permissions.is_member(request.user):
        return redirect_to_login(request.get_full_path())
    meeting = workgroup_permissions.access_meeting(request.user, slug=slug, pk=pk)
    event = workgroup_calendar.meeting_event(meeting, stamp=timezone.now())
    return calendar_response(
        [event],
        name=meeting.title,
        filename=f"meeting-{meeting.starts_at.astimezone(meeting.local_zone):%Y-%m-%d}.ics",
    )
