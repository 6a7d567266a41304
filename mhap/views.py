import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.db import connection
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from mhap.ical import calendar_response
from summits import selectors as summit_selectors
from workgroups import calendar as workgroup_calendar
from workgroups import permissions as workgroup_permissions
from workgroups import selectors as workgroup_selectors


def home(request):
    workgroups = workgroup_selectors.workgroup_list()
    my_workgroups, open_rounds = [], []
    if request.user.is_authenticated:
        my_workgroups = list(workgroup_selectors.workgroups_of(person=request.user))
        open_rounds = summit_selectors.rounds_open_to(person=request.user)
    return render(
        request,
        "home.html",
        {
            "workgroups": workgroups,
            "my_workgroups": my_workgroups,
            "open_rounds": open_rounds,
            "is_core_or_admin": workgroup_permissions.is_core_or_admin(request.user),
        },
    )


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
