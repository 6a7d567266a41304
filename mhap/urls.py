from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from mhap import views

# The Django admin signs in through allauth, so it gets the same rate limits
# and enumeration protection as everyone else.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = f"{settings.COALITION_SHORT_NAME} Hub administration"
admin.site.site_title = f"{settings.COALITION_SHORT_NAME} Hub"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("site-texts/", views.site_texts, name="site_texts"),
    path("overview/", views.overview, name="overview"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path(
        "workgroups/<slug:slug>/meetings/<int:pk>/meeting.ics",
        views.meeting_ics,
        name="meeting_ics",
    ),
    path("workgroups/", include("workgroups.urls")),
    path("issues/", include("issues.urls")),
    path("papers/", include("issues.paper_urls")),
    path("advocacy/", include("issues.advocacy_urls")),
    path("summits/", include("summits.urls")),
    path("learning-sessions/", include("learning_sessions.urls")),
    path("reminders/", include("reminders.urls")),
    path("exports/", include("mhap.exports.urls")),
    path("", include("members.urls")),
    path("accounts/", include("allauth.urls")),
    path("django-admin/", admin.site.urls),
]
