from django.urls import path

from issues.views import drafting
from issues.views import papers as views

app_name = "papers"

urlpatterns = [
    path("", views.paper_list, name="list"),
    path("crosswalk/", views.crosswalk, name="crosswalk"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", drafting.edit, name="edit"),
    path("<int:pk>/edit/keep/", drafting.autosave, name="autosave"),
    path("<int:pk>/edit/discard/", drafting.discard_draft, name="discard_draft"),
    path("<int:pk>/revisions/", drafting.revisions, name="revisions"),
    path("<int:pk>/revisions/<int:number>/", drafting.revision, name="revision"),
    path("<int:pk>/compare/", drafting.compare, name="compare"),
    path("<int:pk>/comments/", views.comment, name="comment"),
    path("<int:pk>/comments/<int:comment_pk>/resolve/", views.resolve, name="resolve"),
    path("<int:pk>/co-authors/", views.add_co_author, name="add_co_author"),
    path(
        "<int:pk>/co-authors/<int:person_pk>/remove/",
        views.remove_co_author,
        name="remove_co_author",
    ),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/review/", views.start_review, name="start_review"),
    path("<int:pk>/revise/", views.return_for_revision, name="return_for_revision"),
    path("<int:pk>/adopt/", views.adopt, name="adopt"),
    path("<int:pk>/archive/", views.archive, name="archive"),
]
