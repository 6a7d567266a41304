from django.urls import path

from summits import views

app_name = "summits"

urlpatterns = [
    path("", views.summit_list, name="list"),
    path("new/", views.create, name="create"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("rounds/<int:pk>/papers/<int:paper_pk>/", views.give_feedback, name="give_feedback"),
    path("rounds/<int:pk>/papers/<int:paper_pk>/keep/", views.keep_feedback, name="keep_feedback"),
    path("rounds/<int:pk>/papers/<int:paper_pk>/report/", views.report, name="report"),
    path("rounds/<int:pk>/papers/<int:paper_pk>/on-behalf/", views.on_behalf, name="on_behalf"),
    path("rounds/<int:pk>/feedback.csv", views.feedback_csv, name="feedback_csv"),
    path("rounds/<int:pk>/summary/", views.round_summary, name="round_summary"),
    path("feedback/<int:pk>/disposition/", views.disposition, name="disposition"),
    path("feedback/<int:pk>/changes/", views.changes_since, name="changes_since"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/rounds/new/", views.round_create, name="round_create"),
    path("<slug:slug>/edit/", views.edit, name="edit"),
    path("<slug:slug>/summit.ics", views.summit_ics, name="ics"),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/unregister/", views.unregister, name="unregister"),
    path("<slug:slug>/registrations/", views.registrations, name="registrations"),
    path("<slug:slug>/registrations.csv", views.registrations_csv, name="registrations_csv"),
]
