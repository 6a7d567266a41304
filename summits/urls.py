from django.urls import path

from summits import views

app_name = "summits"

urlpatterns = [
    path("", views.summit_list, name="list"),
    path("new/", views.create, name="create"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/edit/", views.edit, name="edit"),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/unregister/", views.unregister, name="unregister"),
    path("<slug:slug>/registrations/", views.registrations, name="registrations"),
    path("<slug:slug>/registrations.csv", views.registrations_csv, name="registrations_csv"),
]
