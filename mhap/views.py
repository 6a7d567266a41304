from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from workgroups import permissions as workgroup_permissions
from workgroups import selectors as workgroup_selectors


def home(request):
    workgroups = workgroup_selectors.workgroup_list()
    my_workgroups = []
    if request.user.is_authenticated:
        my_workgroups = list(workgroup_selectors.workgroups_of(person=request.user))
    return render(
        request,
        "home.html",
        {
            "workgroups": workgroups,
            "my_workgroups": my_workgroups,
            "is_core_or_admin": workgroup_permissions.is_core_or_admin(request.user),
        },
    )


@never_cache
def healthz(request):
    """For load balancers and compose: the process answers and the database too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
