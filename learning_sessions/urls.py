from django.urls import path

from learning_sessions import views

app_name = "learning_sessions"

urlpatterns = [
    path("", views.library, name="library"),
    path("plan/", views.plan, name="plan"),
    path("new/", views.edit, name="create"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/edit/", views.edit, name="edit"),
]
