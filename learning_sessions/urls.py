from django.urls import path

from learning_sessions import views

app_name = "learning_sessions"

urlpatterns = [
    path("", views.library, name="library"),
    path("plan/", views.plan, name="plan"),
    path("feed/", views.recordings_feed, name="feed"),
    path("new/", views.edit, name="create"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/unregister/", views.unregister, name="unregister"),
    path("<slug:slug>/register-guest/", views.register_guest, name="register_guest"),
    path("<slug:slug>/edit/", views.edit, name="edit"),
    path("<slug:slug>/registrations/", views.registrations, name="registrations"),
    path("<slug:slug>/registrations/import/", views.import_attendance, name="import_attendance"),
    path("<slug:slug>/session.ics", views.session_ics, name="ics"),
    path("<slug:slug>/slides/", views.download, {"kind": "slides"}, name="slides"),
    path("<slug:slug>/captions/", views.download, {"kind": "captions"}, name="captions"),
    path("<slug:slug>/registrations.csv", views.registrations_csv, name="registrations_csv"),
]
