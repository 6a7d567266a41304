from django.urls import path

from issues.views import papers as paper_views
from issues.views import triage as views

app_name = "issues"

urlpatterns = [
    path("", views.issue_list, name="list"),
    path("new/", views.propose, name="propose"),
    path("bulk/", views.bulk, name="bulk"),
    path("export.csv", views.export, name="export"),
    path("views/", views.save_view, name="save_view"),
    path("views/<int:pk>/", views.saved_view, name="saved_view"),
    path("views/<int:pk>/delete/", views.delete_view, name="delete_view"),
    path("backlog/<slug:slug>/", views.backlog, name="backlog"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/row/", views.issue_row, name="row"),
    path("<int:pk>/edit/", views.issue_row_edit, name="row_edit"),
    path("<int:pk>/details/", views.edit_details, name="edit_details"),
    path("<int:pk>/comments/", views.comment, name="comment"),
    path("<int:pk>/merge/", views.merge, name="merge"),
    path("<int:pk>/move/", views.move, name="move"),
    path("<int:pk>/pick/", views.pick_for_paper, name="pick"),
    path("<int:pk>/paper/start/", paper_views.start, name="start_paper"),
]
