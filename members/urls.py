from django.urls import path

from members.views import directory, invitations, organisations, people, public

app_name = "members"

urlpatterns = [
    # The public
    path("join/", public.join_request, name="join_request"),
    path("join/thanks/", public.join_thanks, name="join_thanks"),
    path("invitations/<str:token>/", public.accept_invitation, name="accept_invitation"),
    # Every member
    path("directory/", directory.directory, name="directory"),
    path(
        "directory/organisations/",
        directory.directory_organisations,
        name="directory_organisations",
    ),
    path("profile/", directory.profile, name="profile"),
    path("profile/calendar/reset/", directory.calendar_reset, name="calendar_reset"),
    # Admins
    path("members/", people.people, name="people"),
    path("members/people/<int:pk>/", people.person, name="person"),
    path("members/people/<int:pk>/memberships/add/", people.add_membership, name="add_membership"),
    path(
        "members/people/<int:pk>/memberships/<int:membership_pk>/role/",
        people.change_membership_role,
        name="change_membership_role",
    ),
    path(
        "members/people/<int:pk>/memberships/<int:membership_pk>/end/",
        people.end_membership,
        name="end_membership",
    ),
    path("members/people/<int:pk>/admin/", people.set_admin, name="set_admin"),
    path("members/people/<int:pk>/active/", people.set_active, name="set_active"),
    path("members/invite/", invitations.invite, name="invite"),
    path("members/invitations/", invitations.invitations, name="invitations"),
    path(
        "members/invitations/<int:pk>/resend/",
        invitations.resend_invitation,
        name="resend_invitation",
    ),
    path(
        "members/invitations/<int:pk>/revoke/",
        invitations.revoke_invitation,
        name="revoke_invitation",
    ),
    path("members/import/", invitations.import_invitations, name="import"),
    path("members/import/<int:pk>/", invitations.import_detail, name="import_detail"),
    path("members/join-requests/", invitations.join_requests, name="join_requests"),
    path(
        "members/join-requests/<int:pk>/decide/",
        invitations.decide_join_request,
        name="decide_join_request",
    ),
    path("members/organisations/", organisations.organisations, name="organisations"),
    path("members/organisations/sectors/", organisations.add_sector, name="add_sector"),
    path("members/organisations/<int:pk>/", organisations.organisation, name="organisation"),
    path(
        "members/organisations/<int:pk>/merge/",
        organisations.merge_organisation,
        name="merge_organisation",
    ),
]
