from django.urls import path

from workgroups import views

app_name = "workgroups"

urlpatterns = [
    path("", views.workgroup_list, name="list"),
    path("<slug:slug>/", views.workgroup_detail, name="detail"),
    path("<slug:slug>/join/", views.request_membership, name="request_membership"),
    path("<slug:slug>/requests/", views.membership_requests, name="membership_requests"),
    path(
        "<slug:slug>/requests/<int:pk>/decide/",
        views.decide_membership_request,
        name="decide_membership_request",
    ),
]
