from django.urls import path

from workgroups.views import meetings, workgroups

app_name = "workgroups"

urlpatterns = [
    path("", workgroups.workgroup_list, name="list"),
    path("<slug:slug>/", workgroups.workgroup_detail, name="detail"),
    path("<slug:slug>/join/", workgroups.request_membership, name="request_membership"),
    path("<slug:slug>/requests/", workgroups.membership_requests, name="membership_requests"),
    path(
        "<slug:slug>/requests/<int:pk>/decide/",
        workgroups.decide_membership_request,
        name="decide_membership_request",
    ),
    path("<slug:slug>/roster/add/", workgroups.roster_add, name="roster_add"),
    path("<slug:slug>/roster/<int:pk>/end/", workgroups.roster_end, name="roster_end"),
    path("<slug:slug>/updates/new/", meetings.update_create, name="update_create"),
    path("<slug:slug>/meetings/", meetings.meetings, name="meetings"),
    path("<slug:slug>/meetings/series/new/", meetings.series_create, name="series_create"),
    path("<slug:slug>/meetings/series/<int:pk>/", meetings.series_edit, name="series_edit"),
    path("<slug:slug>/meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("<slug:slug>/meetings/<int:pk>/", meetings.meeting, name="meeting"),
    path("<slug:slug>/meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("<slug:slug>/meetings/<int:pk>/cancel/", meetings.meeting_cancel, name="meeting_cancel"),
    path("<slug:slug>/meetings/<int:pk>/minutes/", meetings.minutes_edit, name="minutes_edit"),
    path(
        "<slug:slug>/meetings/<int:pk>/minutes/history/",
        meetings.minutes_history,
        name="minutes_history",
    ),
    path("<slug:slug>/meetings/<int:pk>/attendance/", meetings.attendance, name="attendance"),
    path("<slug:slug>/meetings/<int:pk>/links/", meetings.link_add, name="link_add"),
    path(
        "<slug:slug>/meetings/<int:pk>/links/<int:link_pk>/remove/",
        meetings.link_remove,
        name="link_remove",
    ),
    path(
        "<slug:slug>/meetings/<int:pk>/actions/", meetings.action_item_add, name="action_item_add"
    ),
    path("<slug:slug>/actions/<int:pk>/done/", meetings.action_item_done, name="action_item_done"),
]
